//! A regular file (to keep a job for inspection) and an in-memory capture (tests, previews).

use super::{Transport, TransportError, reason};
use crate::decode::{Interpreter, Job, decode};
use crate::profile::Profile;
use crate::status::Status;
use std::collections::VecDeque;
use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// Writes jobs to a regular file, created or truncated on open.
pub struct FileSink {
    file: File,
    target: String,
}

impl FileSink {
    pub fn create(path: &Path) -> Result<FileSink, TransportError> {
        let target = format!("print file {}", path.display());
        if path.starts_with("/dev") {
            // Creating files under /dev would hide an unplugged printer behind a file nobody reads.
            return Err(TransportError::NotADevice {
                path: path.display().to_string(),
            });
        }
        // Whatever the caller checked, a print job never truncates a database (`file:shop.db` would wipe a shop).
        let mut head = [0u8; 16];
        if std::fs::metadata(path).is_ok_and(|m| m.is_file())
            && File::open(path)
                .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
                .is_ok()
            && &head == b"SQLite format 3\0"
        {
            return Err(TransportError::Open {
                target,
                reason: "it is an SQLite database, never a print file".into(),
                source: None,
            });
        }
        let file = File::create(path).map_err(|e| TransportError::Open {
            target: target.clone(),
            reason: reason(&e),
            source: Some(Arc::new(e)),
        })?;
        Ok(FileSink { file, target })
    }
}

impl Transport for FileSink {
    fn name(&self) -> String {
        self.target.clone()
    }

    fn write_all(&mut self, bytes: &[u8]) -> Result<(), TransportError> {
        self.file
            .write_all(bytes)
            .map_err(|e| TransportError::interrupted(&self.target, e))
    }

    fn flush(&mut self) -> Result<(), TransportError> {
        self.file
            .sync_data()
            .map_err(|e| TransportError::interrupted(&self.target, e))
    }
}

#[derive(Default)]
struct Shared {
    bytes: Vec<u8>,
    replies: VecDeque<u8>,
}

/// Keeps every byte in memory; optionally answers status queries like a printer in a given state.
pub struct Capture {
    shared: Arc<Mutex<Shared>>,
    status: Option<Status>,
    /// Finds `DLE EOT n` in the stream the way a printer does, at command boundaries.
    queries: Interpreter,
}

/// Reads what a [`Capture`] received, after the capture itself has been handed to a printer.
#[derive(Clone)]
pub struct CaptureHandle {
    shared: Arc<Mutex<Shared>>,
}

impl Capture {
    /// A capture that cannot answer status queries, like a write-only connection.
    pub fn new() -> (Capture, CaptureHandle) {
        let shared = Arc::new(Mutex::new(Shared::default()));
        let capture = Capture {
            shared: shared.clone(),
            status: None,
            queries: Interpreter::new(&Profile::raster_only()),
        };
        (capture, CaptureHandle { shared })
    }

    /// A capture that answers `DLE EOT` like a printer in `status`.
    pub fn answering(status: Status) -> (Capture, CaptureHandle) {
        let (mut capture, handle) = Capture::new();
        capture.status = Some(status);
        (capture, handle)
    }
}

impl Transport for Capture {
    fn name(&self) -> String {
        "capture".into()
    }

    fn write_all(&mut self, bytes: &[u8]) -> Result<(), TransportError> {
        let queries = self.queries.feed(bytes);
        let mut shared = self.shared.lock().unwrap_or_else(PoisonError::into_inner);
        shared.bytes.extend_from_slice(bytes);
        if let Some(status) = self.status {
            let replies = status.to_replies();
            for n in queries {
                if let Some(&r) = replies.get(usize::from(n.wrapping_sub(1))) {
                    shared.replies.push_back(r);
                }
            }
        }
        Ok(())
    }

    fn can_read(&self) -> bool {
        self.status.is_some()
    }

    fn read_byte(&mut self, _timeout: Duration) -> Result<u8, TransportError> {
        if self.status.is_none() {
            return Err(TransportError::NoReadBack { target: self.name() });
        }
        let mut shared = self.shared.lock().unwrap_or_else(PoisonError::into_inner);
        shared
            .replies
            .pop_front()
            .ok_or_else(|| TransportError::NoReply { target: self.name() })
    }
}

impl CaptureHandle {
    pub fn bytes(&self) -> Vec<u8> {
        self.shared.lock().unwrap_or_else(PoisonError::into_inner).bytes.clone()
    }

    /// The captured bytes read back as a printer with `profile` would print them.
    pub fn job(&self, profile: &Profile) -> Job {
        decode(&self.bytes(), profile)
    }
}
