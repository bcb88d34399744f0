//! Network printers: raw TCP, usually port 9100. One connection per job: many printers accept a single client
//! at a time, and the virtual printer ends a job when the connection closes.

use super::{Timeouts, Transport, TransportError, reason};
use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream, ToSocketAddrs};
use std::sync::Arc;
use std::time::Duration;

pub struct Tcp {
    stream: TcpStream,
    target: String,
}

impl Tcp {
    /// Connects within `timeouts.connect`, trying each address the host name resolves to.
    pub fn connect(host: &str, port: u16, timeouts: &Timeouts) -> Result<Tcp, TransportError> {
        let target = if host.contains(':') {
            format!("printer at [{host}]:{port}")
        } else {
            format!("printer at {host}:{port}")
        };
        let addrs: Vec<_> = (host, port)
            .to_socket_addrs()
            .map_err(|e| TransportError::UnknownHost {
                host: host.to_string(),
                source: Arc::new(e),
            })?
            .collect();
        let mut last = None;
        for addr in &addrs {
            match TcpStream::connect_timeout(addr, timeouts.connect) {
                Ok(stream) => {
                    // Receipts are written in one go; Nagle would only delay the status query after them.
                    let _ = stream.set_nodelay(true);
                    stream
                        .set_write_timeout(Some(timeouts.write))
                        .map_err(|e| TransportError::interrupted(&target, e))?;
                    return Ok(Tcp { stream, target });
                }
                Err(e) => last = Some(e),
            }
        }
        Err(match last {
            Some(e) if matches!(e.kind(), io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock) => {
                TransportError::ConnectTimeout {
                    target,
                    secs: timeouts.connect.as_secs().max(1),
                }
            }
            Some(e) => TransportError::Unreachable {
                target,
                reason: reason(&e),
                source: Arc::new(e),
            },
            None => TransportError::UnknownHost {
                host: host.to_string(),
                source: Arc::new(io::Error::new(io::ErrorKind::NotFound, "no addresses")),
            },
        })
    }
}

impl Transport for Tcp {
    fn name(&self) -> String {
        self.target.clone()
    }

    fn write_all(&mut self, bytes: &[u8]) -> Result<(), TransportError> {
        self.stream
            .write_all(bytes)
            .map_err(|e| TransportError::interrupted(&self.target, e))
    }

    fn flush(&mut self) -> Result<(), TransportError> {
        self.stream
            .flush()
            .map_err(|e| TransportError::interrupted(&self.target, e))
    }

    fn can_read(&self) -> bool {
        true
    }

    fn read_byte(&mut self, timeout: Duration) -> Result<u8, TransportError> {
        self.stream
            .set_read_timeout(Some(timeout.max(Duration::from_millis(1))))
            .map_err(|e| TransportError::interrupted(&self.target, e))?;
        let mut byte = [0u8];
        match self.stream.read(&mut byte) {
            Ok(1) => Ok(byte[0]),
            Ok(_) => Err(TransportError::Interrupted {
                target: self.target.clone(),
                reason: "the printer closed the connection".into(),
                source: None,
            }),
            Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => {
                Err(TransportError::NoReply {
                    target: self.target.clone(),
                })
            }
            Err(e) => Err(TransportError::interrupted(&self.target, e)),
        }
    }
}

impl Drop for Tcp {
    fn drop(&mut self) {
        // Half-close first so the printer sees the end of the job even if the process lingers.
        let _ = self.stream.shutdown(Shutdown::Write);
    }
}
