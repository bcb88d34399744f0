//! The reader thread: owns the port, feeds the decoder, reports what happens, and reopens the port by itself
//! after an unplug.

use crate::config::ScannerConfig;
use crate::decoder::{Decoded, Decoder, Rejected};
use crate::error::{PortError, StartError};
use crate::ports;
use crate::symbology::{Scan, Validator};
use serialport::SerialPort;
use std::io::{self, Read};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// First wait before reopening a lost port; doubled after each failed attempt up to [`MAX_BACKOFF`].
pub const INITIAL_BACKOFF: Duration = Duration::from_millis(100);
/// Longest wait between attempts: a replugged scanner works again within this.
pub const MAX_BACKOFF: Duration = Duration::from_secs(5);
/// Longest a read blocks; bounds how late a stop request or a frame timeout is noticed.
const READ_TIMEOUT: Duration = Duration::from_millis(100);
const MIN_READ_TIMEOUT: Duration = Duration::from_millis(5);

/// What the reader reports.
#[derive(Debug, Clone)]
pub enum Event {
    /// The port is open; `port` is the device path actually opened.
    Connected {
        port: String,
    },
    Scan(Scan),
    Rejected(Rejected),
    /// The scanner is not (or no longer) reachable. Sent when a connection is lost and when the port cannot be
    /// opened at start; the reader keeps retrying and sends [`Event::Connected`] when it succeeds.
    Disconnected {
        reason: PortError,
    },
}

impl From<Decoded> for Event {
    fn from(decoded: Decoded) -> Self {
        match decoded {
            Decoded::Scan(scan) => Self::Scan(scan),
            Decoded::Rejected(rejected) => Self::Rejected(rejected),
        }
    }
}

/// Handle to a running reader thread. Dropping it stops the thread (within about 100 ms) and waits for it.
#[derive(Debug)]
pub struct Reader {
    stop: Option<Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Reader {
    /// Starts reading; events arrive on the returned receiver until the reader is stopped.
    pub fn spawn(config: ScannerConfig, validator: Validator) -> Result<(Reader, Receiver<Event>), StartError> {
        let (tx, rx) = mpsc::channel();
        let reader = Self::spawn_with(config, validator, move |event| tx.send(event).is_ok())?;
        Ok((reader, rx))
    }

    /// Starts reading and hands each event to `sink` on the reader thread. `sink` may block (e.g. to push into
    /// an async channel); returning `false` means nobody listens any more and stops the reader.
    pub fn spawn_with(
        config: ScannerConfig,
        validator: Validator,
        sink: impl FnMut(Event) -> bool + Send + 'static,
    ) -> Result<Reader, StartError> {
        config.validate()?;
        let (stop_tx, stop_rx) = mpsc::channel();
        let worker = Worker {
            decoder: Decoder::new(config.frame.clone(), validator),
            config,
            sink: Box::new(sink),
            stop: stop_rx,
            clock: Instant::now(),
        };
        let thread = thread::Builder::new()
            .name("usta-scanner".into())
            .spawn(move || worker.run())
            .map_err(|e| StartError::Thread(Arc::new(e)))?;
        Ok(Reader {
            stop: Some(stop_tx),
            thread: Some(thread),
        })
    }

    /// False once the thread has ended (stopped, or its listener went away).
    pub fn is_running(&self) -> bool {
        self.thread.as_ref().is_some_and(|t| !t.is_finished())
    }

    /// Stops the thread and waits for it; the port is closed when this returns.
    pub fn stop(mut self) {
        self.shut_down();
    }

    fn shut_down(&mut self) {
        // Dropping the sender is the signal: it also wakes a backoff wait at once.
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for Reader {
    fn drop(&mut self) {
        self.shut_down();
    }
}

enum Lost {
    Stop,
    Port(PortError),
}

struct Worker {
    config: ScannerConfig,
    decoder: Decoder,
    sink: Box<dyn FnMut(Event) -> bool + Send>,
    stop: Receiver<()>,
    /// Origin of the decoder's time; the decoder itself never reads the clock.
    clock: Instant,
}

impl Worker {
    fn run(mut self) {
        let mut backoff = INITIAL_BACKOFF;
        let mut last_reported: Option<String> = None;
        loop {
            if self.should_stop() {
                return;
            }
            match self.open() {
                Ok((port, path)) => {
                    backoff = INITIAL_BACKOFF;
                    if !self.emit(Event::Connected { port: path.clone() }) {
                        return;
                    }
                    match self.read_until_lost(port, &path) {
                        Lost::Stop => return,
                        Lost::Port(reason) => {
                            last_reported = Some(reason.to_string());
                            if !self.emit(Event::Disconnected { reason }) {
                                return;
                            }
                        }
                    }
                }
                Err(reason) => {
                    if worth_reporting(&reason, last_reported.as_deref()) {
                        last_reported = Some(reason.to_string());
                        if !self.emit(Event::Disconnected { reason }) {
                            return;
                        }
                    }
                    backoff = (backoff * 2).min(MAX_BACKOFF);
                }
            }
            if self.wait(backoff) {
                return;
            }
        }
    }

    fn open(&self) -> Result<(Box<dyn SerialPort>, String), PortError> {
        let path = ports::resolve(&self.config.port)?;
        let builder = self
            .config
            .serial
            .builder(&path, READ_TIMEOUT)
            .map_err(|e| PortError::Open {
                port: path.clone(),
                source: serialport::Error::new(serialport::ErrorKind::InvalidInput, e.to_string()),
            })?;
        let port = builder.open().map_err(|source| PortError::Open {
            port: path.clone(),
            source,
        })?;
        // Bytes from before the line settings took effect may be garbled; a scan is never that old.
        let _ = port.clear(serialport::ClearBuffer::Input);
        Ok((port, path))
    }

    fn read_until_lost(&mut self, mut port: Box<dyn SerialPort>, path: &str) -> Lost {
        self.decoder.reset();
        let mut buf = [0u8; 256];
        loop {
            if self.should_stop() {
                return Lost::Stop;
            }
            let now = self.clock.elapsed();
            let timeout = self.decoder.deadline().map_or(READ_TIMEOUT, |deadline| {
                deadline.saturating_sub(now).clamp(MIN_READ_TIMEOUT, READ_TIMEOUT)
            });
            let _ = port.set_timeout(timeout);
            let decoded = match port.read(&mut buf) {
                Ok(0) => {
                    return Lost::Port(PortError::Unplugged { port: path.to_string() });
                }
                Ok(n) => self.decoder.feed(&buf[..n], self.clock.elapsed()),
                Err(e) if is_idle(&e) => self.decoder.poll(self.clock.elapsed()).into_iter().collect(),
                // A pty whose master closed and a USB device that went away both show up as a hangup.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                    return Lost::Port(PortError::Unplugged { port: path.to_string() });
                }
                Err(e) => {
                    return Lost::Port(PortError::Read {
                        port: path.to_string(),
                        source: Arc::new(e),
                    });
                }
            };
            for event in decoded {
                if !self.emit(event.into()) {
                    return Lost::Stop;
                }
            }
        }
    }

    fn emit(&mut self, event: Event) -> bool {
        (self.sink)(event)
    }

    fn should_stop(&self) -> bool {
        !matches!(self.stop.try_recv(), Err(TryRecvError::Empty))
    }

    /// Sleeps unless asked to stop first; true means stop.
    fn wait(&self, duration: Duration) -> bool {
        !matches!(self.stop.recv_timeout(duration), Err(RecvTimeoutError::Timeout))
    }
}

fn is_idle(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted
    )
}

/// The first failure is always worth telling; after that a missing device is what the last Disconnected already
/// said, but a new kind of failure (say, permission denied once the device is back) is news.
fn worth_reporting(reason: &PortError, last_reported: Option<&str>) -> bool {
    let Some(last) = last_reported else {
        return true;
    };
    let device_absent = match reason {
        PortError::UsbNotFound(_) => true,
        PortError::Open { source, .. } => source.kind() == serialport::ErrorKind::Io(io::ErrorKind::NotFound),
        _ => false,
    };
    !device_absent && reason.to_string() != last
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::PortSelector;

    fn open_error(kind: io::ErrorKind) -> PortError {
        PortError::Open {
            port: "/dev/ttyACM0".into(),
            source: serialport::Error::new(serialport::ErrorKind::Io(kind), "x"),
        }
    }

    #[test]
    fn reports_new_failures_but_not_a_device_that_is_still_away() {
        let gone = open_error(io::ErrorKind::NotFound);
        let denied = open_error(io::ErrorKind::PermissionDenied);
        let usb = PortError::UsbNotFound(PortSelector::Usb {
            vid: 1,
            pid: 2,
            serial: None,
        });
        assert!(worth_reporting(&gone, None));
        assert!(!worth_reporting(&gone, Some("/dev/ttyACM0 was unplugged or closed")));
        assert!(!worth_reporting(&usb, Some("/dev/ttyACM0 was unplugged or closed")));
        assert!(worth_reporting(&denied, Some("/dev/ttyACM0 was unplugged or closed")));
        assert!(!worth_reporting(&denied, Some(&denied.to_string())));
    }

    #[test]
    fn invalid_settings_are_refused_before_a_thread_starts() {
        let mut config = ScannerConfig::new(PortSelector::Path("/dev/null".into()));
        config.serial.data_bits = 9;
        assert!(matches!(
            Reader::spawn(config, Validator::permissive()),
            Err(StartError::Config(crate::error::ConfigError::DataBits(9)))
        ));
    }

    #[test]
    fn a_missing_port_is_reported_and_stop_returns_promptly() {
        let config = ScannerConfig::new(PortSelector::Path("/nonexistent/usta-scanner".into()));
        let (reader, events) = Reader::spawn(config, Validator::permissive()).expect("spawn");
        let event = events.recv_timeout(Duration::from_secs(5)).expect("an event");
        assert!(
            matches!(&event, Event::Disconnected { reason: PortError::Open { port, .. } } if port == "/nonexistent/usta-scanner"),
            "{event:?}"
        );
        assert!(reader.is_running());
        let started = Instant::now();
        reader.stop();
        assert!(started.elapsed() < Duration::from_secs(1));
        // The thread is gone, so its sender is dropped.
        assert!(matches!(
            events.recv_timeout(Duration::from_secs(1)),
            Err(RecvTimeoutError::Disconnected)
        ));
    }
}
