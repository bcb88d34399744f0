//! Ways bytes reach a printer, behind one trait, and printer addresses (URIs) as a shop writes them in settings:
//!
//! | URI | transport |
//! | --- | --- |
//! | `tcp://192.168.1.50` or `tcp://host:9100` | network printer, raw port 9100 by default |
//! | `usb:/dev/usb/lp0`, `file:/dev/usb/lp0`, `/dev/usb/lp0` | USB printer device file (never created) |
//! | `serial:/dev/ttyUSB0?baud=19200&flow=hardware` | RS-232 / USB-serial printer |
//! | `file:/tmp/receipt.bin` | a regular file, created or truncated (for looking at jobs) |
//! | `winprint:POS-80` | a Windows print queue, the job sent RAW through the spooler (Windows only) |

mod device;
mod file;
mod serial;
mod tcp;
mod winprint;

pub use device::Device;
pub use file::{Capture, CaptureHandle, FileSink};
pub use serial::{Flow, Serial};
pub use tcp::Tcp;
pub use winprint::{WinPrint, queues as windows_queues};

use std::fmt;
use std::io;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

/// The raw port network receipt printers listen on.
pub const DEFAULT_TCP_PORT: u16 = 9100;

/// A connection to a printer. Implementations are `Send` so a print queue can own one on its worker thread.
pub trait Transport: Send {
    /// The printer as messages name it: "printer at 192.168.1.50:9100", "USB printer /dev/usb/lp0".
    fn name(&self) -> String;

    /// Sends all bytes or fails; a failure part-way means the job must be printed again.
    fn write_all(&mut self, bytes: &[u8]) -> Result<(), TransportError>;

    /// Waits until written bytes have left this computer, where the transport can tell.
    fn flush(&mut self) -> Result<(), TransportError> {
        Ok(())
    }

    /// Ends the job and waits until the printer has taken every byte, where the transport can tell: a network
    /// printer reads the job to its end and then closes its side. A printer that never reads, or hangs up before
    /// the end, fails here, so the job is not taken for printed.
    fn finish(&mut self) -> Result<(), TransportError> {
        Ok(())
    }

    /// Whether the printer's replies can be read (needed for status read-back).
    fn can_read(&self) -> bool {
        false
    }

    /// Reads one byte the printer sent, waiting at most `timeout`.
    fn read_byte(&mut self, timeout: Duration) -> Result<u8, TransportError> {
        let _ = timeout;
        Err(TransportError::NoReadBack { target: self.name() })
    }
}

/// How long to wait for a printer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// To open a network connection.
    pub connect: Duration,
    /// For the printer to take data; a printer out of paper stops taking it once its buffer is full.
    pub write: Duration,
    /// For a reply to a status query; printers answer within milliseconds when they answer at all.
    pub status: Duration,
    /// For the whole job on a network printer: connecting, sending, status replies and the printer's
    /// confirmation together.
    pub job: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Timeouts {
            connect: Duration::from_secs(3),
            write: Duration::from_secs(10),
            status: Duration::from_millis(800),
            job: Duration::from_secs(20),
        }
    }
}

impl Timeouts {
    /// At most `job` for the whole job: the receipt of a sale the cashier is waiting on.
    pub fn within(job: Duration) -> Timeouts {
        let d = Timeouts::default();
        Timeouts {
            connect: d.connect.min(job),
            write: d.write.min(job),
            status: d.status.min(job),
            job,
        }
    }
}

/// A failure to reach or talk to a printer, worded for a shop manager. `Clone` so it can travel in GUI messages
/// and sit beside a queued job.
#[derive(Debug, Clone, thiserror::Error)]
pub enum TransportError {
    #[error("{target} does not answer ({reason}) — is it switched on?")]
    Unreachable {
        target: String,
        reason: String,
        #[source]
        source: Arc<io::Error>,
    },
    #[error("{target} did not answer within {secs} s — is it switched on and on this network?")]
    ConnectTimeout { target: String, secs: u64 },
    #[error("cannot find the printer address '{host}' — check the printer setting")]
    UnknownHost {
        host: String,
        #[source]
        source: Arc<io::Error>,
    },
    #[error("{target} stopped taking data mid-job ({reason}) — check paper, cover and cable, then print again")]
    Interrupted {
        target: String,
        reason: String,
        #[source]
        source: Option<Arc<io::Error>>,
    },
    #[error("{target} is not connected — is it plugged in and switched on?")]
    DeviceMissing { target: String },
    #[error("{path} is not a printer device — check the printer setting")]
    NotADevice { path: String },
    #[error("{target} is in use by another program (a print service such as CUPS?) — close it and print again")]
    Busy { target: String },
    #[error("no permission to use {target} — add this user to the '{group}' group and log in again")]
    PermissionDenied { target: String, group: &'static str },
    #[error("{target} cannot be opened ({reason})")]
    Open {
        target: String,
        reason: String,
        #[source]
        source: Option<Arc<io::Error>>,
    },
    #[error("{target} cannot report its status over this connection")]
    NoReadBack { target: String },
    #[error("{target} did not reply to a status request")]
    NoReply { target: String },
    #[error(
        "{target} did not confirm it took the whole job within {secs} s (it does not read, or does not answer) — check paper, cover and cable, then print again"
    )]
    Unconfirmed { target: String, secs: u64 },
    #[error("printer setting '{uri}' is not understood: {reason}")]
    BadUri { uri: String, reason: String },
}

/// Short, lower-case words for an I/O failure, without the "(os error 111)" tail.
fn reason(e: &io::Error) -> String {
    use io::ErrorKind as K;
    match e.kind() {
        K::ConnectionRefused => "connection refused".into(),
        K::ConnectionReset => "connection reset".into(),
        K::ConnectionAborted => "connection aborted".into(),
        K::BrokenPipe => "connection closed by the printer".into(),
        K::TimedOut | K::WouldBlock => "timed out".into(),
        K::HostUnreachable => "host unreachable".into(),
        K::NetworkUnreachable => "network unreachable".into(),
        K::NotFound => "not found".into(),
        K::PermissionDenied => "permission denied".into(),
        _ => {
            let text = e.to_string();
            match text.find(" (os error") {
                Some(i) => text[..i].to_lowercase(),
                None => text.to_lowercase(),
            }
        }
    }
}

impl TransportError {
    /// A failure while sending data.
    fn interrupted(target: &str, e: io::Error) -> Self {
        TransportError::Interrupted {
            target: target.to_string(),
            reason: reason(&e),
            source: Some(Arc::new(e)),
        }
    }

    /// A failure while opening a device file or port.
    fn open(target: &str, group: &'static str, e: io::Error) -> Self {
        match e.kind() {
            io::ErrorKind::NotFound => TransportError::DeviceMissing {
                target: target.to_string(),
            },
            io::ErrorKind::PermissionDenied => TransportError::PermissionDenied {
                target: target.to_string(),
                group,
            },
            io::ErrorKind::ResourceBusy => TransportError::Busy {
                target: target.to_string(),
            },
            _ => TransportError::Open {
                target: target.to_string(),
                reason: reason(&e),
                source: Some(Arc::new(e)),
            },
        }
    }

    /// Whether the job can simply be retried later (printer off, busy, out of reach) rather than the setting
    /// being wrong.
    pub fn is_transient(&self) -> bool {
        !matches!(
            self,
            TransportError::UnknownHost { .. }
                | TransportError::NotADevice { .. }
                | TransportError::PermissionDenied { .. }
                | TransportError::BadUri { .. }
        )
    }
}

/// Where a printer is, parsed from a settings string (see the module docs for the forms).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrinterUri {
    Tcp {
        host: String,
        port: u16,
    },
    Device(PathBuf),
    Serial {
        path: String,
        baud: u32,
        flow: Flow,
    },
    File(PathBuf),
    /// A Windows print queue by its name as Windows shows it (spaces and all).
    WinPrint {
        queue: String,
    },
}

impl PrinterUri {
    /// Opens the printer. Nothing is sent yet.
    pub fn open(&self, timeouts: &Timeouts) -> Result<Box<dyn Transport>, TransportError> {
        Ok(match self {
            PrinterUri::Tcp { host, port } => Box::new(Tcp::connect(host, *port, timeouts)?),
            PrinterUri::Device(path) => Box::new(Device::open(path, timeouts)?),
            PrinterUri::Serial { path, baud, flow } => Box::new(Serial::open(path, *baud, *flow, timeouts)?),
            PrinterUri::File(path) => Box::new(FileSink::create(path)?),
            PrinterUri::WinPrint { queue } => Box::new(WinPrint::open(queue)?),
        })
    }
}

impl FromStr for PrinterUri {
    type Err = TransportError;

    fn from_str(uri: &str) -> Result<Self, Self::Err> {
        let bad = |reason: &str| TransportError::BadUri {
            uri: uri.to_string(),
            reason: reason.to_string(),
        };
        let uri = uri.trim();
        let device_or_file = |path: &str| {
            if path.starts_with("/dev/") {
                PrinterUri::Device(PathBuf::from(path))
            } else {
                PrinterUri::File(PathBuf::from(path))
            }
        };
        if let Some(rest) = uri.strip_prefix("tcp://") {
            let (host, port) = split_host_port(rest).ok_or_else(|| bad("the port must be a number from 1 to 65535"))?;
            if host.is_empty() {
                return Err(bad("the printer's address is missing, e.g. tcp://192.168.1.50:9100"));
            }
            return Ok(PrinterUri::Tcp { host, port });
        }
        if let Some(rest) = uri.strip_prefix("usb:") {
            let path = strip_slashes(rest);
            if path.is_empty() {
                return Err(bad("the device path is missing, e.g. usb:/dev/usb/lp0"));
            }
            return Ok(PrinterUri::Device(PathBuf::from(path)));
        }
        if let Some(rest) = uri.strip_prefix("file:") {
            let path = strip_slashes(rest);
            if path.is_empty() {
                return Err(bad("the file path is missing, e.g. file:/dev/usb/lp0"));
            }
            return Ok(device_or_file(path));
        }
        if let Some(rest) = uri.strip_prefix("serial:") {
            let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
            let path = strip_slashes(path);
            if path.is_empty() {
                return Err(bad("the port is missing, e.g. serial:/dev/ttyUSB0?baud=19200"));
            }
            let mut baud = 9600;
            let mut flow = Flow::None;
            for pair in query.split('&').filter(|p| !p.is_empty()) {
                match pair.split_once('=') {
                    Some(("baud", v)) => {
                        baud = v
                            .parse()
                            .ok()
                            .filter(|b| *b > 0)
                            .ok_or_else(|| bad("baud must be a number such as 9600 or 19200"))?;
                    }
                    Some(("flow", v)) => {
                        flow = v.parse().map_err(|_| bad("flow must be none, hardware or software"))?;
                    }
                    _ => return Err(bad(&format!("unknown option '{pair}' (baud=, flow=)"))),
                }
            }
            return Ok(PrinterUri::Serial {
                path: path.to_string(),
                baud,
                flow,
            });
        }
        if let Some(queue) = uri.strip_prefix("winprint:") {
            let queue = queue.trim();
            if queue.is_empty() {
                return Err(bad(
                    "the queue name is missing, e.g. winprint:POS-80 (see usta printer list)",
                ));
            }
            return Ok(PrinterUri::WinPrint {
                queue: queue.to_string(),
            });
        }
        if uri.starts_with("/dev/") {
            return Ok(PrinterUri::Device(PathBuf::from(uri)));
        }
        Err(bad(
            "use tcp://HOST[:PORT], usb:/dev/usb/lp0, serial:/dev/ttyUSB0?baud=19200, winprint:QUEUE or file:PATH",
        ))
    }
}

/// `file:///x` and `file:/x` both mean `/x`.
fn strip_slashes(rest: &str) -> &str {
    if let Some(after) = rest.strip_prefix("//") {
        after
    } else {
        rest
    }
}

fn split_host_port(rest: &str) -> Option<(String, u16)> {
    let rest = rest.trim_end_matches('/');
    let parse_port = |p: &str| p.parse::<u16>().ok().filter(|p| *p > 0);
    if let Some(v6) = rest.strip_prefix('[') {
        let (host, after) = v6.split_once(']')?;
        let port = match after.strip_prefix(':') {
            Some(p) => parse_port(p)?,
            None if after.is_empty() => DEFAULT_TCP_PORT,
            None => return None,
        };
        return Some((host.to_string(), port));
    }
    match rest.rsplit_once(':') {
        Some((host, port)) => Some((host.to_string(), parse_port(port)?)),
        None => Some((rest.to_string(), DEFAULT_TCP_PORT)),
    }
}

impl fmt::Display for PrinterUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PrinterUri::Tcp { host, port } if host.contains(':') => write!(f, "tcp://[{host}]:{port}"),
            PrinterUri::Tcp { host, port } => write!(f, "tcp://{host}:{port}"),
            PrinterUri::Device(path) => write!(f, "usb:{}", path.display()),
            PrinterUri::Serial { path, baud, flow } => {
                write!(f, "serial:{path}?baud={baud}")?;
                if *flow != Flow::None {
                    write!(f, "&flow={flow}")?;
                }
                Ok(())
            }
            PrinterUri::File(path) => write!(f, "file:{}", path.display()),
            PrinterUri::WinPrint { queue } => write!(f, "winprint:{queue}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(input: &str, expected: PrinterUri, shown: &str) {
        let uri: PrinterUri = input.parse().unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(uri, expected, "{input}");
        assert_eq!(uri.to_string(), shown);
        assert_eq!(shown.parse::<PrinterUri>().ok(), Some(expected), "display parses back");
    }

    #[test]
    fn parses_the_uris_shops_write() {
        let tcp = |h: &str, p| PrinterUri::Tcp {
            host: h.into(),
            port: p,
        };
        check("tcp://127.0.0.1:9100", tcp("127.0.0.1", 9100), "tcp://127.0.0.1:9100");
        check(
            "tcp://192.168.1.50",
            tcp("192.168.1.50", 9100),
            "tcp://192.168.1.50:9100",
        );
        check(
            "tcp://kassa-printer:9101/",
            tcp("kassa-printer", 9101),
            "tcp://kassa-printer:9101",
        );
        check("tcp://[::1]:9100", tcp("::1", 9100), "tcp://[::1]:9100");
        let dev = PrinterUri::Device("/dev/usb/lp0".into());
        check("usb:/dev/usb/lp0", dev.clone(), "usb:/dev/usb/lp0");
        check("file:/dev/usb/lp0", dev.clone(), "usb:/dev/usb/lp0");
        check("/dev/usb/lp0", dev, "usb:/dev/usb/lp0");
        check(
            "file:///tmp/job.bin",
            PrinterUri::File("/tmp/job.bin".into()),
            "file:/tmp/job.bin",
        );
        check(
            "serial:/dev/ttyUSB0?baud=19200",
            PrinterUri::Serial {
                path: "/dev/ttyUSB0".into(),
                baud: 19200,
                flow: Flow::None,
            },
            "serial:/dev/ttyUSB0?baud=19200",
        );
        check(
            "serial:COM3?flow=hardware",
            PrinterUri::Serial {
                path: "COM3".into(),
                baud: 9600,
                flow: Flow::Hardware,
            },
            "serial:COM3?baud=9600&flow=hardware",
        );
        let queue = |q: &str| PrinterUri::WinPrint { queue: q.into() };
        check("winprint:POS-80", queue("POS-80"), "winprint:POS-80");
        check(
            "winprint: XP-58 Receipt ",
            queue("XP-58 Receipt"),
            "winprint:XP-58 Receipt",
        );
        check(
            r"winprint:\\KASSA\Receipt",
            queue(r"\\KASSA\Receipt"),
            r"winprint:\\KASSA\Receipt",
        );
    }

    #[test]
    fn bad_uris_say_what_is_expected() {
        let table = [
            ("192.168.1.50", "tcp://HOST"),
            ("tcp://printer:http", "port must be a number"),
            ("tcp://:9100", "address is missing"),
            ("serial:/dev/ttyS0?baud=fast", "baud must be a number"),
            ("serial:/dev/ttyS0?parity=odd", "unknown option 'parity=odd'"),
            ("usb:", "device path is missing"),
            ("winprint:", "queue name is missing"),
        ];
        for (input, needle) in table {
            let err = input.parse::<PrinterUri>().expect_err(input).to_string();
            assert!(err.contains(input) && err.contains(needle), "{err}");
        }
    }

    #[test]
    fn io_reasons_are_short_and_lower_case() {
        let refused = io::Error::from(io::ErrorKind::ConnectionRefused);
        assert_eq!(reason(&refused), "connection refused");
        let e = TransportError::interrupted("printer at 10.0.0.9:9100", io::Error::from(io::ErrorKind::BrokenPipe));
        assert_eq!(
            e.to_string(),
            "printer at 10.0.0.9:9100 stopped taking data mid-job (connection closed by the printer) — check \
             paper, cover and cable, then print again"
        );
        assert!(e.is_transient());
        assert!(!TransportError::NotADevice { path: "/tmp/x".into() }.is_transient());
    }
}
