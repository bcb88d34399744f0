"""A pseudo-terminal as the Wine prefix's COM5: points the port's symlink at a new pty, starts
`usta.exe scanner listen --port COM5`, waits for it to say it listens, types the codes like a scanner (CR after
each) and checks that every code comes back as a scan. Usage: serial_scan.py LINK CODE... -- COMMAND..."""
import json, os, subprocess, sys, threading, time, tty

link = sys.argv[1]
split = sys.argv.index("--")
codes, command = sys.argv[2:split], sys.argv[split + 1:]
master, slave = os.openpty()
tty.setraw(slave)
if os.path.lexists(link):
    os.remove(link)
os.symlink(os.ttyname(slave), link)

proc = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
listening = threading.Event()
errors = []

def watch_stderr():
    for line in proc.stderr:
        errors.append(line)
        if "Listening on COM5" in line:
            listening.set()

threading.Thread(target=watch_stderr, daemon=True).start()
timer = threading.Timer(60, proc.kill)
timer.start()
if not listening.wait(45):
    proc.kill()
    sys.exit("scanner listen never said it listens on COM5: " + "".join(errors))
for code in codes:
    os.write(master, (code + "\r").encode())
out, _ = proc.communicate()
timer.cancel()
got = [json.loads(line)["code"] for line in out.splitlines() if line.startswith("{")]
if got != codes:
    sys.exit(f"scans read through COM5: {got}, expected {codes}; stderr: {''.join(errors)}")
print(f"COM5: read {len(got)} scan(s) through scanner listen")
