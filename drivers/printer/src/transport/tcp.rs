//! Network printers: raw TCP, usually port 9100. One connection per job: many printers accept a single client
//! at a time, and the virtual printer ends a job when the connection closes.

use super::{Timeouts, Transport, TransportError, reason};
use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpStream, ToSocketAddrs};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub struct Tcp {
    stream: TcpStream,
    target: String,
    /// The end of the job's time: every write, read and the wait for the printer's confirmation stop there.
    deadline: Instant,
    budget: Duration,
    write: Duration,
}

impl Tcp {
    /// Connects within `timeouts.connect`, trying each address the host name resolves to; the whole job then
    /// has `timeouts.job` from now.
    pub fn connect(host: &str, port: u16, timeouts: &Timeouts) -> Result<Tcp, TransportError> {
        let deadline = Instant::now() + timeouts.job;
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
            let left = deadline
                .saturating_duration_since(Instant::now())
                .max(Duration::from_millis(1));
            match TcpStream::connect_timeout(addr, timeouts.connect.min(left)) {
                Ok(stream) => {
                    // Receipts are written in one go; Nagle would only delay the status query after them.
                    let _ = stream.set_nodelay(true);
                    return Ok(Tcp {
                        stream,
                        target,
                        deadline,
                        budget: timeouts.job,
                        write: timeouts.write,
                    });
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
        let mut sent = 0;
        while sent < bytes.len() {
            let left = self.left().ok_or_else(|| self.timed_out())?;
            self.stream
                .set_write_timeout(Some(self.write.min(left)))
                .map_err(|e| TransportError::interrupted(&self.target, e))?;
            match self.stream.write(&bytes[sent..]) {
                Ok(0) => {
                    return Err(TransportError::interrupted(
                        &self.target,
                        io::ErrorKind::WriteZero.into(),
                    ));
                }
                Ok(n) => sent += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(TransportError::interrupted(&self.target, e)),
            }
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<(), TransportError> {
        self.stream
            .flush()
            .map_err(|e| TransportError::interrupted(&self.target, e))
    }

    /// The raw port's end of job: half-close, then the printer reads to that end and closes its side (as the
    /// CUPS socket backend waits for). Only then has it taken every byte: the kernel accepting a write proves
    /// nothing, a printer that never reads leaves it in the socket buffers.
    fn finish(&mut self) -> Result<(), TransportError> {
        if self.hung_up()? {
            return Err(self.closed_early());
        }
        self.stream
            .shutdown(Shutdown::Write)
            .map_err(|e| TransportError::interrupted(&self.target, e))?;
        let mut buf = [0u8; 64];
        loop {
            let left = self.left().ok_or_else(|| self.unconfirmed())?;
            self.stream
                .set_read_timeout(Some(left))
                .map_err(|e| TransportError::interrupted(&self.target, e))?;
            match self.stream.read(&mut buf) {
                Ok(0) => break,
                // Late status replies or automatic status: not part of the job.
                Ok(_) => {}
                Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => {
                    return Err(self.unconfirmed());
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(TransportError::interrupted(&self.target, e)),
            }
        }
        match self.stream.take_error() {
            Ok(None) => Ok(()),
            Ok(Some(e)) | Err(e) => Err(TransportError::interrupted(&self.target, e)),
        }
    }

    fn can_read(&self) -> bool {
        true
    }

    fn read_byte(&mut self, timeout: Duration) -> Result<u8, TransportError> {
        let Some(left) = self.left() else {
            return Err(TransportError::NoReply {
                target: self.target.clone(),
            });
        };
        self.stream
            .set_read_timeout(Some(timeout.min(left).max(Duration::from_millis(1))))
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

impl Tcp {
    /// Time left for the job, `None` once it is up.
    fn left(&self) -> Option<Duration> {
        Some(self.deadline.saturating_duration_since(Instant::now())).filter(|d| !d.is_zero())
    }

    fn timed_out(&self) -> TransportError {
        TransportError::Interrupted {
            target: self.target.clone(),
            reason: format!("timed out after {} s", self.budget.as_secs().max(1)),
            source: None,
        }
    }

    fn unconfirmed(&self) -> TransportError {
        TransportError::Unconfirmed {
            target: self.target.clone(),
            secs: self.budget.as_secs().max(1),
        }
    }

    fn closed_early(&self) -> TransportError {
        TransportError::Interrupted {
            target: self.target.clone(),
            reason: "the printer closed the connection before the end of the job".into(),
            source: None,
        }
    }

    /// Whether the printer already hung up (its end of the stream, or a reset), without waiting.
    fn hung_up(&mut self) -> Result<bool, TransportError> {
        self.stream
            .set_nonblocking(true)
            .map_err(|e| TransportError::interrupted(&self.target, e))?;
        let mut byte = [0u8];
        let seen = self.stream.peek(&mut byte);
        self.stream
            .set_nonblocking(false)
            .map_err(|e| TransportError::interrupted(&self.target, e))?;
        match seen {
            Ok(0) => Ok(true),
            Ok(_) => Ok(false),
            Err(e) if e.kind() == io::ErrorKind::WouldBlock => Ok(false),
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
