//! Hardware check before the app is wired up: with no argument lists serial ports, with a port (path or
//! `usb:VID:PID`) prints every scan and rejection until Ctrl-C.
//!
//! `cargo run -p usta-scanner --example scanner -- usb:0c2e:0b61 [cr|lf|cr-lf|tab|none]`

use usta_scanner::{Event, Reader, ScannerConfig, Suffix, Validator, list_ports};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let Some(port) = args.next() else {
        for port in list_ports()? {
            println!("{port}");
        }
        return Ok(());
    };
    let mut config = ScannerConfig::new(port.parse()?);
    if let Some(suffix) = args.next() {
        config.frame.suffix = match suffix.as_str() {
            "cr" => Suffix::Cr,
            "lf" => Suffix::Lf,
            "cr-lf" => Suffix::CrLf,
            "tab" => Suffix::Tab,
            "none" => Suffix::None,
            other => return Err(format!("unknown suffix {other}").into()),
        };
    }
    let (_reader, events) = Reader::spawn(config, Validator::permissive())?;
    for event in events {
        match event {
            Event::Connected { port } => eprintln!("connected: {port}"),
            Event::Scan(scan) => {
                let aim = scan.aim.as_deref().unwrap_or("");
                let store = if scan.is_in_store() { " (in-store)" } else { "" };
                println!("{}{store} {aim}{}", scan.symbology, scan.code);
            }
            Event::Rejected(rejected) => eprintln!("rejected '{}': {}", rejected.raw, rejected.reason),
            Event::Disconnected { reason } => eprintln!("scanner disconnected: {reason}"),
        }
    }
    Ok(())
}
