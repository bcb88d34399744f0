//! The Windows print spooler: a USB receipt printer on Windows is normally a print queue (the maker's driver or
//! "Generic / Text Only"), and ESC/POS bytes must reach it untouched, so jobs go in with datatype `RAW`, which
//! the spooler passes to the port as they are.

// Win32 calls are foreign functions; each is used as its documentation says and checked for failure.
#![allow(unsafe_code)]

use std::io;
use windows_sys::Win32::Graphics::Printing::{
    ClosePrinter, DOC_INFO_1W, EndDocPrinter, EndPagePrinter, EnumPrintersW, OpenPrinterW, PRINTER_ENUM_CONNECTIONS,
    PRINTER_ENUM_LOCAL, PRINTER_HANDLE, PRINTER_INFO_5W, StartDocPrinterW, StartPagePrinter, WritePrinter,
};

/// An installed print queue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Queue {
    /// What `winprint:` takes, e.g. `POS-80` or `\\SERVER\Receipt`.
    pub name: String,
    /// Where the spooler sends it: `USB001`, `COM3:`, an IP port, `CUPS:…` under Wine.
    pub port: String,
}

/// The queues installed on this computer and the shared ones it is connected to, as the spooler lists them.
pub fn queues() -> io::Result<Vec<Queue>> {
    let flags = PRINTER_ENUM_LOCAL | PRINTER_ENUM_CONNECTIONS;
    let (mut needed, mut count) = (0u32, 0u32);
    // SAFETY: a size query: a null buffer of 0 bytes; the spooler writes only the two counters.
    unsafe {
        EnumPrintersW(
            flags,
            std::ptr::null(),
            5,
            std::ptr::null_mut(),
            0,
            &mut needed,
            &mut count,
        )
    };
    if needed == 0 {
        return Ok(Vec::new());
    }
    // u64 words: the buffer holds PRINTER_INFO_5W structs (pointers) followed by their strings.
    let mut buffer = vec![0u64; (needed as usize).div_ceil(8)];
    // SAFETY: `buffer` has at least `needed` writable bytes, aligned for the structs the spooler puts there.
    let ok = unsafe {
        EnumPrintersW(
            flags,
            std::ptr::null(),
            5,
            buffer.as_mut_ptr().cast(),
            needed,
            &mut needed,
            &mut count,
        )
    };
    if ok == 0 {
        return Err(io::Error::last_os_error());
    }
    let first = buffer.as_ptr().cast::<PRINTER_INFO_5W>();
    let mut list: Vec<Queue> = (0..count as usize)
        .map(|i| {
            // SAFETY: the spooler wrote `count` structs at the start of `buffer`, whose string pointers point
            // into `buffer` (or are null), which lives until the end of this function.
            let info = unsafe { &*first.add(i) };
            Queue {
                name: unsafe { from_wide(info.pPrinterName) },
                port: unsafe { from_wide(info.pPortName) },
            }
        })
        .collect();
    list.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(list)
}

/// Checks that the queue `name` is installed and can be opened, without starting a job.
pub fn check(name: &str) -> io::Result<()> {
    Printer::open(name).map(drop)
}

/// Sends `bytes` as one RAW job named `document` to the queue `name`; returns the spooler's job id. The spooler
/// owns the job from here: it reaches the printer when the port takes it.
pub fn print_raw(name: &str, document: &str, bytes: &[u8]) -> io::Result<u32> {
    let printer = Printer::open(name)?;
    let mut doc_name = wide(document);
    let mut datatype = wide("RAW");
    let info = DOC_INFO_1W {
        pDocName: doc_name.as_mut_ptr(),
        pOutputFile: std::ptr::null_mut(),
        pDatatype: datatype.as_mut_ptr(),
    };
    // SAFETY: `printer.0` is an open handle; `info` and the strings it points to outlive the call.
    let job = unsafe { StartDocPrinterW(printer.0, 1, &info) };
    if job == 0 {
        return Err(io::Error::last_os_error());
    }
    let result = write_page(&printer, bytes);
    // SAFETY: ends the document started above on the same open handle; a job cut short is ended too, so it is
    // not left half-open in the queue.
    let ended = unsafe { EndDocPrinter(printer.0) };
    result?;
    if ended == 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(job)
}

fn write_page(printer: &Printer, bytes: &[u8]) -> io::Result<()> {
    // SAFETY: a page on the document that is open on this handle.
    if unsafe { StartPagePrinter(printer.0) } == 0 {
        return Err(io::Error::last_os_error());
    }
    for chunk in bytes.chunks(u32::MAX as usize) {
        let mut written = 0u32;
        // SAFETY: `chunk` is readable for its length, which fits in a u32; `written` is a valid out-pointer.
        let ok = unsafe { WritePrinter(printer.0, chunk.as_ptr().cast(), chunk.len() as u32, &mut written) };
        if ok == 0 {
            return Err(io::Error::last_os_error());
        }
        if written as usize != chunk.len() {
            return Err(io::Error::new(
                io::ErrorKind::WriteZero,
                "the spooler took only part of the job",
            ));
        }
    }
    // SAFETY: ends the page started above.
    if unsafe { EndPagePrinter(printer.0) } == 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// An open queue, closed on drop.
struct Printer(PRINTER_HANDLE);

impl Printer {
    fn open(name: &str) -> io::Result<Printer> {
        let mut name = wide(name);
        let mut handle = PRINTER_HANDLE {
            Value: std::ptr::null_mut(),
        };
        // SAFETY: `name` is NUL-terminated and outlives the call; null defaults mean "the queue's own".
        if unsafe { OpenPrinterW(name.as_mut_ptr(), &mut handle, std::ptr::null()) } == 0 {
            return Err(io::Error::last_os_error());
        }
        Ok(Printer(handle))
    }
}

impl Drop for Printer {
    fn drop(&mut self) {
        // SAFETY: the handle was opened by OpenPrinterW and is closed once, here.
        unsafe { ClosePrinter(self.0) };
    }
}

fn wide(s: &str) -> Vec<u16> {
    s.encode_utf16().chain(Some(0)).collect()
}

/// # Safety
/// `p` is null or points to a NUL-terminated UTF-16 string.
unsafe fn from_wide(p: *const u16) -> String {
    if p.is_null() {
        return String::new();
    }
    let mut len = 0;
    // SAFETY: the caller promises a NUL-terminated string, so every read up to the NUL is in bounds.
    while unsafe { *p.add(len) } != 0 {
        len += 1;
    }
    // SAFETY: the `len` units before the NUL were just read.
    String::from_utf16_lossy(unsafe { std::slice::from_raw_parts(p, len) })
}
