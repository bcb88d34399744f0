//! Errors of configuration and of the port. All are `Clone` so they can travel in channel events and GUI
//! messages; IO sources are shared through `Arc`.

use crate::config::PortSelector;
use std::io;
use std::sync::Arc;

/// A setting that cannot work.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ConfigError {
    #[error("no scanner port given")]
    EmptyPort,
    #[error("'{0}' is not a USB id: write usb:VID:PID with four hex digits each, e.g. usb:0c2e:0b61")]
    BadUsbId(String),
    #[error("baud rate must be above 0")]
    BaudRate,
    #[error("data bits must be 5, 6, 7 or 8, not {0}")]
    DataBits(u8),
    #[error("stop bits must be 1 or 2, not {0}")]
    StopBits(u8),
}

/// Why a port could not be found, opened, listed or read.
#[derive(Debug, Clone, thiserror::Error)]
pub enum PortError {
    #[error("no serial port with USB id {0} is plugged in")]
    UsbNotFound(PortSelector),
    #[error("cannot open {port}: {source}")]
    Open {
        port: String,
        #[source]
        source: serialport::Error,
    },
    #[error("{port} was unplugged or closed")]
    Unplugged { port: String },
    #[error("reading {port} failed: {source}")]
    Read {
        port: String,
        #[source]
        source: Arc<io::Error>,
    },
    #[error("cannot list serial ports: {0}")]
    List(#[source] Arc<io::Error>),
}

/// Why a reader could not start.
#[derive(Debug, Clone, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("cannot start the scanner thread: {0}")]
    Thread(#[source] Arc<io::Error>),
}
