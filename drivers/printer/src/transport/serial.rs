//! RS-232 and USB-serial printers through `serialport`. The port's own timeout bounds every write and read.

use super::{Timeouts, Transport, TransportError};
use serialport::{FlowControl, SerialPort};
use std::fmt;
use std::io::{self, Read, Write};
use std::str::FromStr;
use std::time::Duration;

/// Flow control on the serial line; receipt printers usually want hardware (RTS/CTS) above 9600 baud.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    None,
    Hardware,
    Software,
}

impl FromStr for Flow {
    type Err = ();

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "none" => Ok(Flow::None),
            "hardware" | "rtscts" => Ok(Flow::Hardware),
            "software" | "xonxoff" => Ok(Flow::Software),
            _ => Err(()),
        }
    }
}

impl fmt::Display for Flow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Flow::None => "none",
            Flow::Hardware => "hardware",
            Flow::Software => "software",
        })
    }
}

pub struct Serial {
    port: Box<dyn SerialPort>,
    target: String,
    write_timeout: Duration,
}

impl Serial {
    pub fn open(path: &str, baud: u32, flow: Flow, timeouts: &Timeouts) -> Result<Serial, TransportError> {
        let target = format!("serial printer {path}");
        let port = serialport::new(path, baud)
            .flow_control(match flow {
                Flow::None => FlowControl::None,
                Flow::Hardware => FlowControl::Hardware,
                Flow::Software => FlowControl::Software,
            })
            .timeout(timeouts.write)
            .open()
            .map_err(|e| {
                let kind = match e.kind {
                    serialport::ErrorKind::Io(kind) => kind,
                    serialport::ErrorKind::NoDevice => io::ErrorKind::NotFound,
                    _ => io::ErrorKind::Other,
                };
                TransportError::open(&target, "dialout", io::Error::new(kind, e.description))
            })?;
        Ok(Serial {
            port,
            target,
            write_timeout: timeouts.write,
        })
    }
}

impl Transport for Serial {
    fn name(&self) -> String {
        self.target.clone()
    }

    fn write_all(&mut self, bytes: &[u8]) -> Result<(), TransportError> {
        self.port
            .write_all(bytes)
            .map_err(|e| TransportError::interrupted(&self.target, e))
    }

    fn flush(&mut self) -> Result<(), TransportError> {
        self.port
            .flush()
            .map_err(|e| TransportError::interrupted(&self.target, e))
    }

    fn can_read(&self) -> bool {
        true
    }

    fn read_byte(&mut self, timeout: Duration) -> Result<u8, TransportError> {
        let set = |port: &mut Box<dyn SerialPort>, t| {
            port.set_timeout(t).map_err(|e| TransportError::Interrupted {
                target: self.target.clone(),
                reason: e.description,
                source: None,
            })
        };
        set(&mut self.port, timeout)?;
        let mut byte = [0u8];
        let result = self.port.read(&mut byte);
        set(&mut self.port, self.write_timeout)?;
        match result {
            Ok(1) => Ok(byte[0]),
            Ok(_) => Err(TransportError::NoReply {
                target: self.target.clone(),
            }),
            Err(e) if matches!(e.kind(), io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock) => {
                Err(TransportError::NoReply {
                    target: self.target.clone(),
                })
            }
            Err(e) => Err(TransportError::interrupted(&self.target, e)),
        }
    }
}
