//! A scanner for tests, made of a real pseudo-terminal pair: the test writes what a scanner would send into the
//! master side, and the reader opens the slave side like a real device. The reader is pointed at a symlink
//! (like udev's `/dev/serial/by-id/…`) so unplugging and replugging can be played: unplug closes the pair and
//! removes the link, plug makes a fresh pair and points the link at it.
//!
//! ```
//! # fn main() -> std::io::Result<()> {
//! use std::time::Duration;
//! use usta_scanner::{Event, Reader, Suffix, Validator, fake::FakeScanner};
//!
//! let mut scanner = FakeScanner::new()?;
//! let (_reader, events) = Reader::spawn(scanner.config(), Validator::permissive()).expect("reader");
//! assert!(matches!(events.recv_timeout(Duration::from_secs(5)), Ok(Event::Connected { .. })));
//! scanner.scan("4006381333931", Suffix::Cr)?;
//! assert!(matches!(events.recv_timeout(Duration::from_secs(5)), Ok(Event::Scan(s)) if s.code == "4006381333931"));
//! # Ok(())
//! # }
//! ```

use crate::config::{PortSelector, ScannerConfig};
use crate::decoder::Suffix;
use serialport::{SerialPort, TTYPort};
use std::fs;
use std::io::{self, Write};
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

/// A pseudo-terminal scanner behind a stable symlink; see the module documentation.
#[derive(Debug)]
pub struct FakeScanner {
    dir: PathBuf,
    link: PathBuf,
    master: Option<TTYPort>,
    /// Held so the pty stays usable while the reader has not opened it yet.
    slave: Option<TTYPort>,
}

impl FakeScanner {
    /// A plugged-in fake scanner with its link in a fresh temporary folder.
    pub fn new() -> io::Result<Self> {
        let dir = unique_dir()?;
        let mut fake = Self {
            link: dir.join("usb-Usta_Fake_Scanner_0001-if00"),
            dir,
            master: None,
            slave: None,
        };
        fake.plug()?;
        Ok(fake)
    }

    /// The stable path to give the reader.
    pub fn path(&self) -> &Path {
        &self.link
    }

    /// A config with factory defaults (9600 8N1, CR suffix) pointing at this fake.
    pub fn config(&self) -> ScannerConfig {
        ScannerConfig::new(PortSelector::Path(self.link.to_string_lossy().into_owned()))
    }

    /// The pty slave the link points at now (`/dev/pts/N`), if plugged in.
    pub fn device(&self) -> Option<String> {
        self.slave.as_ref().and_then(|s| s.name())
    }

    pub fn is_plugged(&self) -> bool {
        self.master.is_some()
    }

    /// Sends raw bytes as the scanner would.
    pub fn send(&mut self, bytes: &[u8]) -> io::Result<()> {
        let master = self
            .master
            .as_mut()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotConnected, "the fake scanner is unplugged"))?;
        master.write_all(bytes)
    }

    /// Sends `code` followed by `suffix`.
    pub fn scan(&mut self, code: &str, suffix: Suffix) -> io::Result<()> {
        self.send(&[code.as_bytes(), suffix.bytes()].concat())
    }

    /// Closes the pty pair, so a reader on it sees a hangup, and removes the link as udev would.
    pub fn unplug(&mut self) -> io::Result<()> {
        self.master = None;
        self.slave = None;
        match fs::remove_file(&self.link) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }

    /// Makes a fresh pty pair (a new `/dev/pts/N`) and points the link at it; unplugs first if needed.
    pub fn plug(&mut self) -> io::Result<()> {
        if self.is_plugged() {
            self.unplug()?;
        }
        let (master, slave) = TTYPort::pair().map_err(io::Error::from)?;
        let device = slave
            .name()
            .ok_or_else(|| io::Error::other("the pty slave has no name"))?;
        // Rename over the old link so a reader never sees a half-made one.
        let staging = self.dir.join("link.tmp");
        let _ = fs::remove_file(&staging);
        symlink(&device, &staging)?;
        fs::rename(&staging, &self.link)?;
        self.master = Some(master);
        self.slave = Some(slave);
        Ok(())
    }
}

impl Drop for FakeScanner {
    fn drop(&mut self) {
        self.master = None;
        self.slave = None;
        let _ = fs::remove_dir_all(&self.dir);
    }
}

fn unique_dir() -> io::Result<PathBuf> {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    loop {
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("usta-scanner-{}-{n}", std::process::id()));
        match fs::create_dir(&dir) {
            // Left over from an earlier process that had the same id: take the next number.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            result => return result.map(|()| dir),
        }
    }
}
