//! Scanner settings as the app stores them (serde), with the serial defaults most scanners ship with:
//! 9600 baud, 8 data bits, no parity, 1 stop bit, CR suffix.

use crate::decoder::FrameConfig;
use crate::error::ConfigError;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;
use std::time::Duration;

/// Everything needed to run one scanner. Serialised flat, e.g. in TOML:
///
/// ```toml
/// port = "usb:0c2e:0b61"      # or "/dev/serial/by-id/usb-…", "/dev/ttyACM0", "COM3"
/// baud_rate = 9600
/// parity = "none"
/// suffix = "cr"               # cr, lf, cr-lf, tab, none
/// aim = "auto"                # auto, off, required
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScannerConfig {
    pub port: PortSelector,
    #[serde(flatten)]
    pub serial: SerialSettings,
    #[serde(flatten)]
    pub frame: FrameConfig,
}

impl ScannerConfig {
    /// A config with the common factory defaults for the given port.
    pub fn new(port: PortSelector) -> Self {
        Self {
            port,
            serial: SerialSettings::default(),
            frame: FrameConfig::default(),
        }
    }

    pub fn validate(&self) -> Result<(), ConfigError> {
        self.serial.validate()
    }
}

/// Line settings of the serial port. USB CDC-ACM scanners ignore them; RS-232 and USB-serial ones need them
/// to match the scanner's own setting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SerialSettings {
    pub baud_rate: u32,
    pub data_bits: u8,
    pub parity: Parity,
    pub stop_bits: u8,
    pub flow_control: FlowControl,
}

impl Default for SerialSettings {
    fn default() -> Self {
        Self {
            baud_rate: 9600,
            data_bits: 8,
            parity: Parity::None,
            stop_bits: 1,
            flow_control: FlowControl::None,
        }
    }
}

impl SerialSettings {
    pub fn validate(&self) -> Result<(), ConfigError> {
        self.to_serialport().map(|_| ())
    }

    /// The settings in serialport's types, with the given read timeout.
    pub(crate) fn builder(&self, path: &str, timeout: Duration) -> Result<serialport::SerialPortBuilder, ConfigError> {
        let (data_bits, parity, stop_bits, flow_control) = self.to_serialport()?;
        Ok(serialport::new(path, self.baud_rate)
            .data_bits(data_bits)
            .parity(parity)
            .stop_bits(stop_bits)
            .flow_control(flow_control)
            .timeout(timeout))
    }

    fn to_serialport(
        &self,
    ) -> Result<
        (
            serialport::DataBits,
            serialport::Parity,
            serialport::StopBits,
            serialport::FlowControl,
        ),
        ConfigError,
    > {
        if self.baud_rate == 0 {
            return Err(ConfigError::BaudRate);
        }
        let data_bits = match self.data_bits {
            5 => serialport::DataBits::Five,
            6 => serialport::DataBits::Six,
            7 => serialport::DataBits::Seven,
            8 => serialport::DataBits::Eight,
            n => return Err(ConfigError::DataBits(n)),
        };
        let stop_bits = match self.stop_bits {
            1 => serialport::StopBits::One,
            2 => serialport::StopBits::Two,
            n => return Err(ConfigError::StopBits(n)),
        };
        let parity = match self.parity {
            Parity::None => serialport::Parity::None,
            Parity::Odd => serialport::Parity::Odd,
            Parity::Even => serialport::Parity::Even,
        };
        let flow_control = match self.flow_control {
            FlowControl::None => serialport::FlowControl::None,
            FlowControl::Software => serialport::FlowControl::Software,
            FlowControl::Hardware => serialport::FlowControl::Hardware,
        };
        Ok((data_bits, parity, stop_bits, flow_control))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Parity {
    #[default]
    None,
    Odd,
    Even,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FlowControl {
    #[default]
    None,
    /// XON/XOFF.
    Software,
    /// RTS/CTS.
    Hardware,
}

/// Which port the scanner is on.
///
/// Written as a string so one field serves the config file, the CLI's `--port` and the settings screen:
/// a device path, or `usb:VID:PID[:SERIAL]` (hex ids, as `lsusb` and [`crate::list_ports`] show them; a bare
/// `VID:PID` is accepted too). A USB id survives the device getting another `/dev/ttyACM*` number after replug.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum PortSelector {
    Path(String),
    Usb {
        vid: u16,
        pid: u16,
        /// Tells two scanners of the same model apart.
        serial: Option<String>,
    },
}

impl FromStr for PortSelector {
    type Err = ConfigError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s.is_empty() {
            return Err(ConfigError::EmptyPort);
        }
        let bad = || ConfigError::BadUsbId(s.to_string());
        let hex = |part: &str| (part.len() == 4).then(|| u16::from_str_radix(part, 16).ok()).flatten();
        if let Some(rest) = s.strip_prefix("usb:") {
            let mut parts = rest.splitn(3, ':');
            let vid = parts.next().and_then(hex).ok_or_else(bad)?;
            let pid = parts.next().and_then(hex).ok_or_else(bad)?;
            let serial = parts.next().filter(|p| !p.is_empty()).map(str::to_string);
            return Ok(Self::Usb { vid, pid, serial });
        }
        if let Some((vid, pid)) = s.split_once(':').and_then(|(v, p)| Some((hex(v)?, hex(p)?))) {
            return Ok(Self::Usb { vid, pid, serial: None });
        }
        Ok(Self::Path(s.to_string()))
    }
}

impl fmt::Display for PortSelector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Path(path) => f.write_str(path),
            Self::Usb { vid, pid, serial } => {
                write!(f, "usb:{vid:04x}:{pid:04x}")?;
                match serial {
                    Some(serial) => write!(f, ":{serial}"),
                    None => Ok(()),
                }
            }
        }
    }
}

impl TryFrom<String> for PortSelector {
    type Error = ConfigError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        value.parse()
    }
}

impl From<PortSelector> for String {
    fn from(value: PortSelector) -> Self {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decoder::{AimIds, Suffix};

    fn check(input: &str, expected: Result<PortSelector, ConfigError>) {
        assert_eq!(input.parse::<PortSelector>(), expected, "{input}");
    }

    #[test]
    fn parses_port_selectors() {
        let usb = |vid, pid, serial: Option<&str>| {
            Ok(PortSelector::Usb {
                vid,
                pid,
                serial: serial.map(str::to_string),
            })
        };
        check("/dev/ttyACM0", Ok(PortSelector::Path("/dev/ttyACM0".into())));
        check("COM3", Ok(PortSelector::Path("COM3".into())));
        check(
            "/dev/serial/by-id/usb-Honeywell_Imaging-if00",
            Ok(PortSelector::Path(
                "/dev/serial/by-id/usb-Honeywell_Imaging-if00".into(),
            )),
        );
        check("usb:0c2e:0b61", usb(0x0c2e, 0x0b61, None));
        check("usb:0C2E:0B61:17166B0584", usb(0x0c2e, 0x0b61, Some("17166B0584")));
        check("05e0:1200", usb(0x05e0, 0x1200, None));
        check("usb:0c2e", Err(ConfigError::BadUsbId("usb:0c2e".into())));
        check("usb:xyzw:0b61", Err(ConfigError::BadUsbId("usb:xyzw:0b61".into())));
        check("  ", Err(ConfigError::EmptyPort));
        for text in ["usb:0c2e:0b61", "usb:0c2e:0b61:ABC", "/dev/ttyUSB0"] {
            assert_eq!(
                text.parse::<PortSelector>().map(|p| p.to_string()),
                Ok(text.to_string())
            );
        }
    }

    #[test]
    fn missing_settings_take_the_factory_defaults() {
        let config: ScannerConfig = serde_json::from_str(r#"{"port": "usb:0c2e:0b61"}"#).expect("minimal config");
        assert_eq!(
            config,
            ScannerConfig::new(PortSelector::Usb {
                vid: 0x0c2e,
                pid: 0x0b61,
                serial: None
            })
        );
        assert_eq!(config.serial.baud_rate, 9600);
        assert_eq!(
            (config.serial.data_bits, config.serial.parity, config.serial.stop_bits),
            (8, Parity::None, 1)
        );
        assert_eq!(config.frame.suffix, Suffix::Cr);
    }

    #[test]
    fn config_round_trips_flat() {
        let json = r##"{"port":"/dev/ttyUSB0","baud_rate":115200,"data_bits":7,"parity":"even","stop_bits":2,
            "flow_control":"hardware","suffix":"cr-lf","prefix":"#","aim":"required","frame_timeout_ms":80,
            "max_len":64}"##;
        let config: ScannerConfig = serde_json::from_str(json).expect("full config");
        assert_eq!(config.serial.baud_rate, 115_200);
        assert_eq!(config.serial.parity, Parity::Even);
        assert_eq!(config.frame.suffix, Suffix::CrLf);
        assert_eq!(config.frame.aim, AimIds::Required);
        assert_eq!(config.frame.max_len, 64);
        let again: ScannerConfig =
            serde_json::from_str(&serde_json::to_string(&config).expect("serialise")).expect("reparse");
        assert_eq!(again, config);
        assert!(serde_json::from_str::<ScannerConfig>(r#"{"port":"usb:1"}"#).is_err());
    }

    #[test]
    fn impossible_line_settings_are_refused() {
        let with = |f: fn(&mut SerialSettings)| {
            let mut s = SerialSettings::default();
            f(&mut s);
            s.validate()
        };
        assert_eq!(with(|_| ()), Ok(()));
        assert_eq!(with(|s| s.data_bits = 9), Err(ConfigError::DataBits(9)));
        assert_eq!(with(|s| s.stop_bits = 3), Err(ConfigError::StopBits(3)));
        assert_eq!(with(|s| s.baud_rate = 0), Err(ConfigError::BaudRate));
    }
}
