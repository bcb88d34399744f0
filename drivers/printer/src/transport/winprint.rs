//! A Windows print queue (`winprint:POS-80`): the job is collected here and handed to the spooler as one RAW
//! document when it ends, the way Windows programs print to receipt printers installed with the maker's driver
//! or "Generic / Text Only". The spooler takes the job whole or not at all, so collecting it costs nothing: a
//! receipt is a few kilobytes.

use super::{Transport, TransportError};

/// The job's name in the Windows queue. No spaces: CUPS 2.4 (the spooler Wine hands jobs to) crashes on a job
/// whose name has one, while still reporting success.
const DOCUMENT: &str = "usta-job";

pub struct WinPrint {
    queue: String,
    job: Vec<u8>,
}

impl WinPrint {
    /// Checks that the queue is installed; nothing is sent until [`Transport::finish`].
    pub fn open(queue: &str) -> Result<WinPrint, TransportError> {
        let target = target(queue);
        #[cfg(windows)]
        {
            usta_windows::spooler::check(queue).map_err(|e| open_error(&target, e))?;
            Ok(WinPrint {
                queue: queue.to_string(),
                job: Vec::new(),
            })
        }
        #[cfg(not(windows))]
        {
            Err(TransportError::Open {
                target,
                reason: "Windows print queues exist only on Windows; here use usb:/dev/usb/lp0 or tcp://HOST".into(),
                source: None,
            })
        }
    }
}

fn target(queue: &str) -> String {
    format!("Windows printer '{queue}'")
}

/// ERROR_INVALID_PRINTER_NAME: the queue is not installed (renamed, removed, or a typo in the setting).
#[cfg(windows)]
const INVALID_PRINTER_NAME: i32 = 1801;

#[cfg(windows)]
fn open_error(target: &str, e: std::io::Error) -> TransportError {
    if e.raw_os_error() == Some(INVALID_PRINTER_NAME) {
        return TransportError::DeviceMissing {
            target: format!("{target} (not installed: see `usta printer list`)"),
        };
    }
    TransportError::open(target, "Administrators", e)
}

impl Transport for WinPrint {
    fn name(&self) -> String {
        target(&self.queue)
    }

    fn write_all(&mut self, bytes: &[u8]) -> Result<(), TransportError> {
        self.job.extend_from_slice(bytes);
        Ok(())
    }

    /// Hands the whole job to the spooler. "Printed" here means the spooler accepted it: a queue reports no
    /// paper state back over RAW, and the queue window shows a job that is stuck.
    fn finish(&mut self) -> Result<(), TransportError> {
        let job = std::mem::take(&mut self.job);
        if job.is_empty() {
            return Ok(());
        }
        #[cfg(windows)]
        usta_windows::spooler::print_raw(&self.queue, DOCUMENT, &job)
            .map_err(|e| TransportError::interrupted(&self.name(), e))?;
        #[cfg(not(windows))]
        let _ = (job, DOCUMENT);
        Ok(())
    }
}

/// The installed queues with the port each prints to, for `usta printer list`; none outside Windows.
pub fn queues() -> Result<Vec<(String, String)>, TransportError> {
    #[cfg(windows)]
    {
        let list = usta_windows::spooler::queues().map_err(|e| TransportError::Open {
            target: "the Windows print spooler".into(),
            reason: super::reason(&e),
            source: Some(std::sync::Arc::new(e)),
        })?;
        Ok(list.into_iter().map(|q| (q.name, q.port)).collect())
    }
    #[cfg(not(windows))]
    Ok(Vec::new())
}

#[cfg(all(test, not(windows)))]
mod tests {
    use super::*;

    #[test]
    fn a_windows_queue_elsewhere_says_where_it_works() {
        let uri: super::super::PrinterUri = "winprint:POS-80".parse().expect("parses everywhere");
        let err = uri
            .open(&super::super::Timeouts::default())
            .err()
            .expect("no spooler here");
        let text = err.to_string();
        assert!(
            text.contains("Windows printer 'POS-80'") && text.contains("only on Windows"),
            "{text}"
        );
        assert!(queues().expect("no queues, no error").is_empty());
    }
}
