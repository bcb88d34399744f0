//! The program is linked for the Windows GUI subsystem, so opening the window shows no console. A GUI-subsystem
//! process started from `cmd` or PowerShell has no console of its own, though, and its prints go nowhere; a
//! subcommand attaches to its parent's console so `usta.exe status` prints where it was typed.

// Win32 calls are foreign functions; each is used as its documentation says and checked for failure.
#![allow(unsafe_code)]

use windows_sys::Win32::Foundation::{GENERIC_READ, GENERIC_WRITE, HANDLE, INVALID_HANDLE_VALUE};
use windows_sys::Win32::Storage::FileSystem::{CreateFileW, FILE_SHARE_READ, FILE_SHARE_WRITE, OPEN_EXISTING};
use windows_sys::Win32::System::Console::{
    ATTACH_PARENT_PROCESS, AttachConsole, GetStdHandle, STD_ERROR_HANDLE, STD_HANDLE, STD_OUTPUT_HANDLE, SetStdHandle,
};

/// Sends standard output and error to the parent process's console, where they are not redirected already (a
/// pipe or a file given by the caller is kept). Does nothing when the parent has no console (started from
/// Explorer) or this process has one.
pub fn attach_parent_console() {
    let missing = |which: STD_HANDLE| {
        // SAFETY: GetStdHandle takes a constant and returns a handle value or null; nothing is dereferenced.
        let handle = unsafe { GetStdHandle(which) };
        handle.is_null() || handle == INVALID_HANDLE_VALUE
    };
    let (out, err) = (missing(STD_OUTPUT_HANDLE), missing(STD_ERROR_HANDLE));
    if !out && !err {
        return;
    }
    // SAFETY: a plain call with a constant; failure (no parent console, already attached) is reported as 0.
    if unsafe { AttachConsole(ATTACH_PARENT_PROCESS) } == 0 {
        return;
    }
    let console = open_console_output();
    if console.is_null() || console == INVALID_HANDLE_VALUE {
        return;
    }
    for (which, is_missing) in [(STD_OUTPUT_HANDLE, out), (STD_ERROR_HANDLE, err)] {
        if is_missing {
            // SAFETY: `console` is a valid handle opened above and kept open for the life of the process.
            unsafe { SetStdHandle(which, console) };
        }
    }
}

/// `CONOUT$`: the attached console's screen buffer.
fn open_console_output() -> HANDLE {
    let name: Vec<u16> = "CONOUT$\0".encode_utf16().collect();
    // SAFETY: `name` is a NUL-terminated UTF-16 string that outlives the call; the other pointers are null,
    // which CreateFileW documents as "no security attributes" and "no template".
    unsafe {
        CreateFileW(
            name.as_ptr(),
            GENERIC_READ | GENERIC_WRITE,
            FILE_SHARE_READ | FILE_SHARE_WRITE,
            std::ptr::null(),
            OPEN_EXISTING,
            0,
            std::ptr::null_mut(),
        )
    }
}
