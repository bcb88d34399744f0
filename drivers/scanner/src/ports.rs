//! Which serial ports exist, with the USB identity of each where there is one, and finding a scanner's port
//! from a [`PortSelector`].

#[cfg(target_os = "linux")]
mod sysfs;

use crate::config::PortSelector;
use crate::error::PortError;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One serial port.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortInfo {
    /// The device to open, e.g. `/dev/ttyACM0` or `COM3`.
    pub path: String,
    /// A name that survives replugging and reboots (`/dev/serial/by-id/…` on Linux), when udev made one.
    pub stable_path: Option<String>,
    pub usb: Option<UsbInfo>,
    /// Kernel driver (`cdc_acm`, `ftdi_sio`, `pl2303`, `ch341`, …): tells a scanner in virtual-COM mode from
    /// a USB-serial adapter with an RS-232 scanner behind it.
    pub driver: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UsbInfo {
    pub vid: u16,
    pub pid: u16,
    pub serial: Option<String>,
    pub manufacturer: Option<String>,
    pub product: Option<String>,
}

impl PortInfo {
    /// What to store in the config to find this port again after a replug: the stable path, else the USB id,
    /// else the device path.
    pub fn selector(&self) -> PortSelector {
        if let Some(stable) = &self.stable_path {
            return PortSelector::Path(stable.clone());
        }
        match &self.usb {
            Some(usb) => PortSelector::Usb {
                vid: usb.vid,
                pid: usb.pid,
                serial: usb.serial.clone(),
            },
            None => PortSelector::Path(self.path.clone()),
        }
    }
}

/// One line for `usta scanner list`: path, USB id, product, serial, driver, stable path.
impl fmt::Display for PortInfo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.path)?;
        if let Some(usb) = &self.usb {
            write!(f, "  usb:{:04x}:{:04x}", usb.vid, usb.pid)?;
            let name: Vec<&str> = [&usb.manufacturer, &usb.product]
                .into_iter()
                .flatten()
                .map(String::as_str)
                .collect();
            if !name.is_empty() {
                write!(f, "  {}", name.join(" "))?;
            }
            if let Some(serial) = &usb.serial {
                write!(f, "  serial {serial}")?;
            }
        }
        if let Some(driver) = &self.driver {
            write!(f, "  ({driver})")?;
        }
        if let Some(stable) = &self.stable_path {
            write!(f, "  {stable}")?;
        }
        Ok(())
    }
}

/// Serial ports present now, sorted by path.
///
/// On Linux this reads `/sys/class/tty` and `/dev/serial/by-id` directly (no libudev), skipping virtual
/// consoles, pseudo-terminals and the phantom `ttyS*` ports the kernel creates for UARTs that are not there.
pub fn list_ports() -> Result<Vec<PortInfo>, PortError> {
    #[cfg(target_os = "linux")]
    {
        sysfs::scan(&sysfs::Roots::system())
    }
    #[cfg(not(target_os = "linux"))]
    {
        from_serialport()
    }
}

#[cfg(not(target_os = "linux"))]
fn from_serialport() -> Result<Vec<PortInfo>, PortError> {
    let ports = serialport::available_ports()
        .map_err(|e| PortError::List(std::sync::Arc::new(std::io::Error::other(e.to_string()))))?;
    let mut list: Vec<PortInfo> = ports
        .into_iter()
        .map(|p| PortInfo {
            usb: match p.port_type {
                serialport::SerialPortType::UsbPort(u) => Some(UsbInfo {
                    vid: u.vid,
                    pid: u.pid,
                    serial: u.serial_number,
                    manufacturer: u.manufacturer,
                    product: u.product,
                }),
                _ => None,
            },
            path: p.port_name,
            stable_path: None,
            driver: None,
        })
        .collect();
    list.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(list)
}

/// The device path to open for `selector` right now.
pub(crate) fn resolve(selector: &PortSelector) -> Result<String, PortError> {
    match selector {
        PortSelector::Path(path) => Ok(path.clone()),
        PortSelector::Usb { .. } => find_usb(&list_ports()?, selector)
            .map(|p| p.path.clone())
            .ok_or_else(|| PortError::UsbNotFound(selector.clone())),
    }
}

/// The first port whose USB identity matches; a selector without serial number matches any unit of the model.
pub fn find_usb<'a>(ports: &'a [PortInfo], selector: &PortSelector) -> Option<&'a PortInfo> {
    let PortSelector::Usb { vid, pid, serial } = selector else {
        return None;
    };
    ports.iter().find(|p| {
        p.usb
            .as_ref()
            .is_some_and(|u| u.vid == *vid && u.pid == *pid && (serial.is_none() || u.serial == *serial))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn port(path: &str, usb: Option<(u16, u16, &str)>) -> PortInfo {
        PortInfo {
            path: path.into(),
            stable_path: None,
            usb: usb.map(|(vid, pid, serial)| UsbInfo {
                vid,
                pid,
                serial: Some(serial.into()),
                manufacturer: None,
                product: None,
            }),
            driver: None,
        }
    }

    #[test]
    fn finds_a_scanner_by_usb_id_and_serial() {
        let ports = [
            port("/dev/ttyS0", None),
            port("/dev/ttyUSB0", Some((0x0403, 0x6001, "FT1"))),
            port("/dev/ttyACM0", Some((0x0c2e, 0x0b61, "A"))),
            port("/dev/ttyACM1", Some((0x0c2e, 0x0b61, "B"))),
        ];
        let find = |s: &str| {
            let selector: PortSelector = s.parse().expect("selector");
            find_usb(&ports, &selector).map(|p| p.path.as_str())
        };
        assert_eq!(find("usb:0c2e:0b61"), Some("/dev/ttyACM0"));
        assert_eq!(find("usb:0c2e:0b61:B"), Some("/dev/ttyACM1"));
        assert_eq!(find("usb:0c2e:0b61:C"), None);
        assert_eq!(find("usb:0403:6001"), Some("/dev/ttyUSB0"));
        assert_eq!(find("usb:1234:5678"), None);
        assert_eq!(find("/dev/ttyS0"), None);
    }

    #[test]
    fn prefers_the_stable_path_then_the_usb_id() {
        let mut p = port("/dev/ttyACM0", Some((0x0c2e, 0x0b61, "A")));
        assert_eq!(p.selector().to_string(), "usb:0c2e:0b61:A");
        p.stable_path = Some("/dev/serial/by-id/usb-X-if00".into());
        assert_eq!(p.selector().to_string(), "/dev/serial/by-id/usb-X-if00");
        assert_eq!(port("/dev/ttyS0", None).selector().to_string(), "/dev/ttyS0");
    }
}
