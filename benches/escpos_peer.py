#!/usr/bin/env python3
"""Peer for benches/receipt_encode.rs: renders the same receipt with python-escpos's Dummy printer.

    python3 benches/escpos_peer.py RECEIPT.json

RECEIPT.json is written by the Rust bench: {"iterations": N, "items": [...]}, one item per printed element, as
usta_printer lays it out for 80 mm paper (text lines already aligned, bold and size per line, QR, Code128, cut).
Each iteration builds a fresh Dummy printer and renders every item, the work usta_printer::encode does per
receipt. Prints one timing line the bench reads, and one line on how the Kyrgyz letters came out.

Installs nothing: needs `pip install python-escpos` beforehand.
"""

import contextlib
import json
import os
import sys
import time

from escpos.printer import Dummy

SIZES = {
    # normal_textsize: with both doubles False python-escpos would send no size command at all.
    "small": dict(font="b", normal_textsize=True),
    "normal": dict(font="a", normal_textsize=True),
    "tall": dict(font="a", double_width=False, double_height=True),
    "double": dict(font="a", double_width=True, double_height=True),
}


def render(items):
    """One receipt as ESC/POS bytes."""
    p = Dummy()
    style = None
    for item in items:
        kind = item["kind"]
        if kind == "text":
            wanted = (item["bold"], item["size"])
            if wanted != style:
                p.set(bold=item["bold"], **SIZES[item["size"]])
                style = wanted
            p.textln(item["text"])
        elif kind == "qr":
            # Native GS ( k model 2, centred with ESC a like the Epson profile (python-escpos's center=True is
            # for its image QR only); the module size does not change the work.
            p.set(align="center")
            p.qr(item["data"], native=True, size=6)
            p.set(align="left")
        elif kind == "code128":
            # "{B": code set B, the same data usta_printer sends; height 80 dots, module 3, digits below.
            p.barcode("{B" + item["data"], "CODE128", height=80, width=3, function_type="B")
        elif kind == "ean13":
            p.barcode(item["data"][:12], "EAN13", height=80, width=3)
        elif kind == "cut":
            p.cut(mode="PART")
        elif kind == "drawer":
            p.cashdraw(2)
    return p.output


def kyrgyz_check():
    """What python-escpos sends for the Kyrgyz letters: shown in the bench output."""
    p = Dummy()
    p.textln("Ң ң Ө ө Ү ү")
    out = p.output
    sent = out[out.rfind(b"\x1bt") + 3 : -1] if b"\x1bt" in out else out[:-1]
    lost = sent.count(b"?")
    verdict = "printed as '?'" if lost == 6 else f"{lost} of 6 printed as '?'"
    return f"python-escpos Kyrgyz check: 'Ң ң Ө ө Ү ү' is sent as {sent!r}: {verdict}"


def time_each(n, items):
    """Renders the receipt n times after a short warm-up; returns (sorted per-receipt seconds, total seconds)."""
    for _ in range(min(n, 200)):
        render(items)
    samples = []
    start = time.perf_counter()
    for _ in range(n):
        t = time.perf_counter()
        render(items)
        samples.append(time.perf_counter() - t)
    total = time.perf_counter() - start
    samples.sort()
    return samples, total


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        doc = json.load(f)
    items, n = doc["items"], int(doc["iterations"])
    texts = [i for i in items if i["kind"] == "text"]
    kyrgyz = sum(i["text"].count(c) for i in texts for c in "ҢңӨөҮү")
    # python-escpos print()s "Using hardware barcode renderer" on every barcode: keep it out of the output.
    with open(os.devnull, "w") as devnull, contextlib.redirect_stdout(devnull):
        size = len(render(items))
        # '?' the library put in for characters it could not encode (the QR URL has a '?' of its own).
        lost = render(texts).count(b"?") - sum(i["text"].count("?") for i in texts)
        samples, total = time_each(n, items)
        no_qr, _ = time_each(n, [i for i in items if i["kind"] != "qr"])
    p50 = samples[len(samples) // 2] * 1e6
    mean = total / n * 1e6
    p99 = samples[(len(samples) - 1) * 99 // 100] * 1e6
    p50_no_qr = no_qr[len(no_qr) // 2] * 1e6
    print(f"python-escpos Dummy    n={n:<6} p50={p50:>9.1f} µs  mean={mean:>9.1f} µs  p99={p99:>9.1f} µs")
    print(f"  of which without QR   n={n:<6} p50={p50_no_qr:>9.1f} µs")
    print(
        f"python-escpos: {size} bytes; {kyrgyz} Kyrgyz letters in the receipt text, {lost} characters sent as '?'"
        f"  [p50_us={p50:.1f} mean_us={mean:.1f} p50_no_qr_us={p50_no_qr:.1f} question_marks={lost}]"
    )
    print(kyrgyz_check())


if __name__ == "__main__":
    main()
