//! USB printers through the kernel's printer class driver (`/dev/usb/lp0`). The device file is opened, never
//! created: if the printer is unplugged the node is gone, and creating a regular file in its place would make
//! every later receipt vanish without an error.
//!
//! The usblp driver has no write timeout: a printer out of paper can block a write for ever. Writes therefore
//! run on a worker thread and the caller waits at most `timeouts.write`; reads (status replies) have their own
//! thread for the same reason.

use super::{Timeouts, Transport, TransportError};
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::Path;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread;
use std::time::Duration;

type Reply = Result<(), io::Error>;

pub struct Device {
    target: String,
    writes: Option<Sender<Vec<u8>>>,
    done: Receiver<Reply>,
    /// A file handle for the reader thread, until it is started.
    reader_file: Option<File>,
    replies: Option<Receiver<u8>>,
    readable: bool,
    /// A write that timed out is still pending on the worker; nothing more can be sent on this handle.
    stuck: bool,
    write_timeout: Duration,
}

impl Device {
    pub fn open(path: &Path, timeouts: &Timeouts) -> Result<Device, TransportError> {
        let target = format!("USB printer {}", path.display());
        let meta = std::fs::metadata(path).map_err(|e| TransportError::open(&target, "lp", e))?;
        if !is_device(&meta) {
            return Err(TransportError::NotADevice {
                path: path.display().to_string(),
            });
        }
        // Read and write, for status replies; a device that refuses reading still prints.
        let (file, readable) = match OpenOptions::new().read(true).write(true).open(path) {
            Ok(f) => (f, true),
            Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
                return Err(TransportError::open(&target, "lp", e));
            }
            Err(_) => (
                OpenOptions::new()
                    .write(true)
                    .open(path)
                    .map_err(|e| TransportError::open(&target, "lp", e))?,
                false,
            ),
        };
        let reader_file = if readable { file.try_clone().ok() } else { None };
        let (writes, jobs) = mpsc::channel::<Vec<u8>>();
        let (done_tx, done) = mpsc::channel::<Reply>();
        thread::Builder::new()
            .name("usta-usb-printer-write".into())
            .spawn(move || {
                let mut file = file;
                for bytes in jobs {
                    let result = file.write_all(&bytes).and_then(|()| file.flush());
                    if done_tx.send(result).is_err() {
                        break;
                    }
                }
            })
            .map_err(|e| TransportError::open(&target, "lp", e))?;
        Ok(Device {
            readable: reader_file.is_some(),
            target,
            writes: Some(writes),
            done,
            reader_file,
            replies: None,
            stuck: false,
            write_timeout: timeouts.write,
        })
    }

    fn start_reader(&mut self) -> Option<&Receiver<u8>> {
        if self.replies.is_none() {
            let mut file = self.reader_file.take()?;
            let (tx, rx) = mpsc::channel();
            let spawned = thread::Builder::new()
                .name("usta-usb-printer-read".into())
                .spawn(move || {
                    let mut byte = [0u8];
                    loop {
                        match file.read(&mut byte) {
                            Ok(1) => {
                                if tx.send(byte[0]).is_err() {
                                    break;
                                }
                            }
                            // usblp returns 0 when the printer had nothing to say; ask again shortly.
                            Ok(_) => thread::sleep(Duration::from_millis(20)),
                            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                            Err(_) => break,
                        }
                    }
                });
            if spawned.is_err() {
                return None;
            }
            self.replies = Some(rx);
        }
        self.replies.as_ref()
    }
}

#[cfg(unix)]
fn is_device(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    meta.file_type().is_char_device()
}

#[cfg(not(unix))]
fn is_device(meta: &std::fs::Metadata) -> bool {
    !meta.is_dir() && !meta.is_file()
}

impl Transport for Device {
    fn name(&self) -> String {
        self.target.clone()
    }

    fn write_all(&mut self, bytes: &[u8]) -> Result<(), TransportError> {
        let gone = || TransportError::Interrupted {
            target: self.target.clone(),
            reason: "the printer was unplugged or switched off".into(),
            source: None,
        };
        if self.stuck {
            return Err(TransportError::Interrupted {
                target: self.target.clone(),
                reason: "an earlier job is still waiting for the printer".into(),
                source: None,
            });
        }
        let writes = self.writes.as_ref().ok_or_else(gone)?;
        writes.send(bytes.to_vec()).map_err(|_| gone())?;
        match self.done.recv_timeout(self.write_timeout) {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(TransportError::interrupted(&self.target, e)),
            Err(RecvTimeoutError::Timeout) => {
                self.stuck = true;
                Err(TransportError::Interrupted {
                    target: self.target.clone(),
                    reason: format!("it took no data for {} s", self.write_timeout.as_secs().max(1)),
                    source: None,
                })
            }
            Err(RecvTimeoutError::Disconnected) => Err(gone()),
        }
    }

    fn can_read(&self) -> bool {
        self.readable
    }

    fn read_byte(&mut self, timeout: Duration) -> Result<u8, TransportError> {
        let target = self.target.clone();
        let replies = self
            .start_reader()
            .ok_or_else(|| TransportError::NoReadBack { target: target.clone() })?;
        replies.recv_timeout(timeout).map_err(|e| match e {
            RecvTimeoutError::Timeout => TransportError::NoReply { target },
            RecvTimeoutError::Disconnected => TransportError::Interrupted {
                target,
                reason: "the printer was unplugged or switched off".into(),
                source: None,
            },
        })
    }
}

impl Drop for Device {
    fn drop(&mut self) {
        // Closing the channel ends the writer thread once its current write returns.
        self.writes.take();
    }
}
