//! Port listing from sysfs, so the crate needs no libudev (serialport's own fallback panics when
//! `/sys/class/tty` is missing, as in some containers, and lists phantom UARTs).

use super::{PortInfo, UsbInfo};
use crate::error::PortError;
use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Where to look; tests point these at a fake tree.
pub(crate) struct Roots {
    pub class_tty: PathBuf,
    pub dev: PathBuf,
    pub by_id: PathBuf,
}

impl Roots {
    pub fn system() -> Self {
        Self {
            class_tty: "/sys/class/tty".into(),
            dev: "/dev".into(),
            by_id: "/dev/serial/by-id".into(),
        }
    }
}

pub(crate) fn scan(roots: &Roots) -> Result<Vec<PortInfo>, PortError> {
    let entries = match fs::read_dir(&roots.class_tty) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(PortError::List(Arc::new(e))),
    };
    let stable = stable_names(&roots.by_id);
    let mut ports = Vec::new();
    for entry in entries.flatten() {
        let class_dir = entry.path();
        let name = entry.file_name();
        // Virtual consoles and ptys have no backing device.
        let Ok(device) = class_dir.join("device").canonicalize() else {
            continue;
        };
        // The 8250 driver registers ttyS0–ttyS31 whether or not a UART answers; type 0 means none did.
        if read_trimmed(&class_dir.join("type")).as_deref() == Some("0") {
            continue;
        }
        let node = roots.dev.join(&name);
        if !node.exists() {
            continue;
        }
        let stable_path = node.canonicalize().ok().and_then(|target| stable.get(&target).cloned());
        ports.push(PortInfo {
            path: node.to_string_lossy().into_owned(),
            stable_path,
            usb: usb_info(&device),
            driver: fs::read_link(device.join("driver"))
                .ok()
                .and_then(|d| d.file_name().map(|n| n.to_string_lossy().into_owned())),
        });
    }
    ports.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(ports)
}

/// The USB device is the nearest ancestor with `idVendor`: the parent of the interface for CDC-ACM, one more
/// level up for USB-serial adapters whose port sits below the interface.
fn usb_info(device: &Path) -> Option<UsbInfo> {
    let usb = device.ancestors().take(4).find(|dir| dir.join("idVendor").is_file())?;
    let hex = |file| read_trimmed(&usb.join(file)).and_then(|s| u16::from_str_radix(&s, 16).ok());
    Some(UsbInfo {
        vid: hex("idVendor")?,
        pid: hex("idProduct")?,
        serial: read_trimmed(&usb.join("serial")),
        manufacturer: read_trimmed(&usb.join("manufacturer")),
        product: read_trimmed(&usb.join("product")),
    })
}

/// Device node → its `/dev/serial/by-id` link.
fn stable_names(by_id: &Path) -> HashMap<PathBuf, String> {
    let Ok(entries) = fs::read_dir(by_id) else {
        return HashMap::new();
    };
    entries
        .flatten()
        .filter_map(|e| {
            let link = e.path();
            let target = link.canonicalize().ok()?;
            Some((target, link.to_string_lossy().into_owned()))
        })
        .collect()
}

fn read_trimmed(path: &Path) -> Option<String> {
    let text = fs::read_to_string(path).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::symlink;

    fn write(path: &Path, text: &str) {
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(path, text).expect("write");
    }

    fn link(target: &Path, at: &Path) {
        fs::create_dir_all(at.parent().expect("parent")).expect("mkdir");
        symlink(target, at).expect("symlink");
    }

    /// A trimmed copy of what Linux shows for a CDC-ACM scanner, an FTDI adapter, a real and a phantom UART,
    /// and a virtual console.
    fn fake_tree(root: &Path) -> Roots {
        let sys = root.join("sys");
        let dev = root.join("dev");
        let usb = sys.join("devices/pci0000:00/0000:00:14.0/usb1");

        let scanner = usb.join("1-2");
        write(&scanner.join("idVendor"), "0c2e\n");
        write(&scanner.join("idProduct"), "0b61\n");
        write(&scanner.join("manufacturer"), "Honeywell Imaging & Mobility\n");
        write(&scanner.join("product"), "Xenon 1900\n");
        write(&scanner.join("serial"), "17166B0584\n");
        let acm_if = scanner.join("1-2:1.0");
        link(&sys.join("bus/usb/drivers/cdc_acm"), &acm_if.join("driver"));
        let acm_class = acm_if.join("tty/ttyACM0");
        link(&acm_if, &acm_class.join("device"));
        link(&acm_class, &sys.join("class/tty/ttyACM0"));

        let adapter = usb.join("1-3");
        write(&adapter.join("idVendor"), "0403\n");
        write(&adapter.join("idProduct"), "6001\n");
        let ftdi_port = adapter.join("1-3:1.0/ttyUSB0");
        link(&sys.join("bus/usb-serial/drivers/ftdi_sio"), &ftdi_port.join("driver"));
        let usb_class = ftdi_port.join("tty/ttyUSB0");
        link(&ftdi_port, &usb_class.join("device"));
        link(&usb_class, &sys.join("class/tty/ttyUSB0"));

        for (name, kind) in [("ttyS0", "4"), ("ttyS1", "0")] {
            let uart = sys.join(format!("devices/pnp0/00:0{}", &name[4..]));
            fs::create_dir_all(&uart).expect("mkdir");
            let class = sys.join("devices/virtual/serial").join(name);
            write(&class.join("type"), kind);
            link(&uart, &class.join("device"));
            link(&class, &sys.join("class/tty").join(name));
            write(&dev.join(name), "");
        }
        let console = sys.join("devices/virtual/tty/tty1");
        fs::create_dir_all(&console).expect("mkdir");
        link(&console, &sys.join("class/tty/tty1"));
        write(&dev.join("tty1"), "");

        write(&dev.join("ttyACM0"), "");
        write(&dev.join("ttyUSB0"), "");
        link(
            &dev.join("ttyACM0"),
            &dev.join("serial/by-id/usb-Honeywell_Imaging___Mobility_Xenon_1900_17166B0584-if00"),
        );
        Roots {
            class_tty: sys.join("class/tty"),
            dev: dev.clone(),
            by_id: dev.join("serial/by-id"),
        }
    }

    #[test]
    fn lists_usb_and_real_serial_ports_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        let roots = fake_tree(dir.path());
        let ports = scan(&roots).expect("scan");
        let dev = |name: &str| roots.dev.join(name).to_string_lossy().into_owned();
        let paths: Vec<&str> = ports.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(paths, [dev("ttyACM0"), dev("ttyS0"), dev("ttyUSB0")]);

        let acm = &ports[0];
        assert_eq!(
            acm.usb,
            Some(UsbInfo {
                vid: 0x0c2e,
                pid: 0x0b61,
                serial: Some("17166B0584".into()),
                manufacturer: Some("Honeywell Imaging & Mobility".into()),
                product: Some("Xenon 1900".into()),
            })
        );
        assert_eq!(acm.driver.as_deref(), Some("cdc_acm"));
        assert!(
            acm.stable_path
                .as_deref()
                .is_some_and(|p| p.ends_with("Xenon_1900_17166B0584-if00"))
        );
        assert_eq!(ports[1].usb, None);
        assert_eq!(ports[2].usb.as_ref().map(|u| (u.vid, u.pid)), Some((0x0403, 0x6001)));
        assert_eq!(ports[2].driver.as_deref(), Some("ftdi_sio"));
        assert_eq!(ports[2].stable_path, None);

        let selector = "usb:0403:6001".parse().expect("selector");
        assert_eq!(
            super::super::find_usb(&ports, &selector).map(|p| &p.path),
            Some(&dev("ttyUSB0"))
        );
    }

    #[test]
    fn a_system_without_sysfs_lists_nothing_instead_of_failing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let roots = Roots {
            class_tty: dir.path().join("missing"),
            dev: dir.path().into(),
            by_id: dir.path().join("missing"),
        };
        assert_eq!(scan(&roots).expect("scan"), Vec::new());
    }

    #[test]
    fn the_real_system_can_be_listed() {
        // Whatever this machine has, listing must not fail and must not include pseudo-terminals.
        let ports = scan(&Roots::system()).expect("scan");
        assert!(ports.iter().all(|p| !p.path.starts_with("/dev/pts")));
    }
}
