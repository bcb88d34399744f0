//! Serial barcode scanners: the shop's scanner setting, and the check-digit rules the scanner driver applies
//! to every frame, taken from the domain so a scanned code and a typed one are judged alike.

use super::{Ctx, Result};
use crate::domain::barcode;
use usta_scanner::{ScannerConfig, Symbology, Validator};

const SETTING: &str = "scanner";

/// Checks digits where the symbology has them; Code 128, Code 39, QR and the rest pass as sent (a receipt's
/// own barcode or a passport's MRZ carry characters a product code may not).
pub fn validator() -> Validator {
    Validator::new(|scan| match scan.symbology {
        Symbology::Ean13 | Symbology::Ean8 | Symbology::UpcA => {
            barcode::symbology(&scan.code).map(|_| ()).map_err(|e| e.to_string())
        }
        Symbology::UpcE if scan.code.len() == 8 => barcode::upc_e_to_upc_a(&scan.code)
            .map(|_| ())
            .map_err(|e| e.to_string()),
        _ => Ok(()),
    })
}

pub fn settings(ctx: &Ctx<'_>) -> Result<Option<ScannerConfig>> {
    Ok(ctx.store.setting::<Option<ScannerConfig>>(SETTING)?.flatten())
}

/// Saves the scanner's port (a path or `usb:VID:PID`) with default serial settings kept from before.
pub fn save_port(ctx: &mut Ctx<'_>, port: &str) -> Result<Option<ScannerConfig>> {
    super::users::authorize(ctx, crate::domain::user::Action::Settings)?;
    let port = port.trim();
    if port.is_empty() {
        ctx.store.set_setting::<Option<ScannerConfig>>(SETTING, &None)?;
        return Ok(None);
    }
    let selector = port
        .parse()
        .map_err(|e: usta_scanner::ConfigError| super::input::InputProblem::ScannerPort { reason: e.to_string() })?;
    let config = match settings(ctx)? {
        Some(old) => ScannerConfig { port: selector, ..old },
        None => ScannerConfig::new(selector),
    };
    ctx.store.set_setting(SETTING, &config)?;
    Ok(Some(config))
}

/// Serial ports present now, as the values the scanner setting takes (`usb:VID:PID` where known).
pub fn ports() -> Vec<String> {
    usta_scanner::list_ports()
        .map(|l| l.iter().map(|p| p.selector().to_string()).collect())
        .unwrap_or_default()
}

/// Starts reading the scanner: `sink` gets every event on the reader's own thread until it returns false or the
/// returned reader is dropped. The GUI keeps the reader inside its subscription.
pub fn listen(
    config: ScannerConfig,
    sink: impl FnMut(usta_scanner::Event) -> bool + Send + 'static,
) -> std::result::Result<usta_scanner::Reader, usta_scanner::StartError> {
    usta_scanner::Reader::spawn_with(config, validator(), sink)
}
