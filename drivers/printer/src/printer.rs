//! A printer = a profile (what it can do) + a transport (how bytes get there). This is what the print queue
//! calls: encode, check the printer is ready, send, confirm.

use crate::encode::{EncodeError, encode};
use crate::layout::Block;
use crate::profile::Profile;
use crate::status::{self, Status};
use crate::transport::{PrinterUri, Timeouts, Transport, TransportError};

/// Why a job did not print. `Clone`, with messages meant for the cashier's screen.
#[derive(Debug, Clone, thiserror::Error)]
pub enum PrintError {
    #[error(transparent)]
    Encode(#[from] EncodeError),
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// The printer answered and said it cannot print now; nothing was sent.
    #[error("{target} {problem}")]
    NotReady {
        target: String,
        problem: &'static str,
        status: Status,
    },
}

impl PrintError {
    /// Worth retrying later without changing settings: the printer is off, busy, out of paper…
    pub fn is_transient(&self) -> bool {
        match self {
            PrintError::Encode(_) => false,
            PrintError::Transport(e) => e.is_transient(),
            PrintError::NotReady { .. } => true,
        }
    }
}

/// What happened to a job that was sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintReport {
    /// Bytes sent.
    pub bytes: usize,
    /// The printer's state after it took the job, when it can tell; a reply also confirms the printer received
    /// everything before the query.
    pub status: Option<Status>,
}

/// An open printer. Dropping it closes the connection (for TCP, that ends the job on the printer's side).
pub struct Printer {
    profile: Profile,
    transport: Box<dyn Transport>,
    timeouts: Timeouts,
}

impl Printer {
    /// Opens the printer at `uri`.
    pub fn open(uri: &PrinterUri, profile: Profile, timeouts: Timeouts) -> Result<Printer, PrintError> {
        let transport = uri.open(&timeouts)?;
        Ok(Printer {
            profile,
            transport,
            timeouts,
        })
    }

    /// A printer over any transport, e.g. a [`Capture`](crate::transport::Capture) in tests.
    pub fn new(profile: Profile, transport: Box<dyn Transport>) -> Printer {
        Printer {
            profile,
            transport,
            timeouts: Timeouts::default(),
        }
    }

    pub fn with_timeouts(mut self, timeouts: Timeouts) -> Printer {
        self.timeouts = timeouts;
        self
    }

    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// "printer at 192.168.1.50:9100", for messages.
    pub fn name(&self) -> String {
        self.transport.name()
    }

    /// Encodes and prints `blocks`. See [`Printer::send`] for the status checks around the job.
    pub fn print(&mut self, blocks: &[Block]) -> Result<PrintReport, PrintError> {
        let bytes = encode(blocks, &self.profile)?;
        self.send(&bytes)
    }

    /// Sends an encoded job. Where the printer can report status, it is asked first (a job is not sent to a
    /// printer that says it is out of paper or open) and, when it answered, again afterwards: that reply proves
    /// the whole job arrived, and a problem it reports (paper ran out mid-job) fails the job. A printer that never
    /// answers status queries is sent the job all the same; [`Printer::finish`] then confirms it took it.
    pub fn send(&mut self, bytes: &[u8]) -> Result<PrintReport, PrintError> {
        let readback = self.profile.status_readback && self.transport.can_read();
        let mut answers = false;
        if readback && let Some(before) = self.try_status()? {
            if let Some(problem) = before.problem() {
                return Err(PrintError::NotReady {
                    target: self.transport.name(),
                    problem,
                    status: before,
                });
            }
            answers = true;
        }
        self.transport.write_all(bytes)?;
        self.transport.flush()?;
        let status = if answers {
            let after = self.try_status()?.ok_or_else(|| TransportError::Unconfirmed {
                target: self.transport.name(),
                secs: self.timeouts.status.as_secs().max(1),
            })?;
            if let Some(problem) = after.problem() {
                return Err(PrintError::NotReady {
                    target: self.transport.name(),
                    problem,
                    status: after,
                });
            }
            Some(after)
        } else {
            None
        };
        Ok(PrintReport {
            bytes: bytes.len(),
            status,
        })
    }

    /// Ends the job and waits for the printer to confirm it took every byte, where the transport can tell (see
    /// [`Transport::finish`]). Needed when no status reply confirmed the job.
    pub fn finish(&mut self) -> Result<(), PrintError> {
        Ok(self.transport.finish()?)
    }

    /// Asks the printer for its state (`DLE EOT` 1–4).
    pub fn status(&mut self) -> Result<Status, PrintError> {
        self.query_status().map_err(PrintError::from)
    }

    /// `None` when the printer does not answer status queries (many cheap ones do not over every link).
    fn try_status(&mut self) -> Result<Option<Status>, PrintError> {
        match self.query_status() {
            Ok(s) => Ok(Some(s)),
            Err(TransportError::NoReply { .. } | TransportError::NoReadBack { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    fn query_status(&mut self) -> Result<Status, TransportError> {
        let mut replies = [0u8; 4];
        for (i, n) in (1..=4u8).enumerate() {
            self.transport.write_all(&status::query(n))?;
            self.transport.flush()?;
            replies[i] = self.read_reply()?;
        }
        Ok(Status::from_replies(replies))
    }

    /// The next byte that looks like a status reply; a few stray bytes (automatic status back, barcode
    /// reader echoes) are skipped.
    fn read_reply(&mut self) -> Result<u8, TransportError> {
        for _ in 0..8 {
            let byte = self.transport.read_byte(self.timeouts.status)?;
            if status::is_reply(byte) {
                return Ok(byte);
            }
        }
        Err(TransportError::NoReply {
            target: self.transport.name(),
        })
    }
}

/// Opens `uri`, prints one job and closes: what a print queue does for each job. `Ok` only when the printer
/// confirmed the whole job (a status reply after it, or reading it to its end), within `timeouts.job`.
pub fn print_job(
    uri: &PrinterUri,
    profile: &Profile,
    blocks: &[Block],
    timeouts: Timeouts,
) -> Result<PrintReport, PrintError> {
    // Encode before connecting: a job that cannot be encoded should not hold the printer.
    let bytes = encode(blocks, profile)?;
    let mut printer = Printer::open(uri, profile.clone(), timeouts)?;
    let report = printer.send(&bytes)?;
    if report.status.is_none() {
        printer.finish()?;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transport::Capture;

    #[test]
    fn a_ready_printer_gets_the_job_between_two_status_checks() {
        let (capture, handle) = Capture::answering(Status::default());
        let mut printer = Printer::new(Profile::epson(), Box::new(capture));
        let report = printer.print(&[Block::text("Рахмат!")]).expect("prints");
        assert_eq!(report.status, Some(Status::default()));
        let bytes = handle.bytes();
        let queries: Vec<u8> = (1..=4).flat_map(status::query).collect();
        assert!(bytes.starts_with(&queries) && bytes.ends_with(&queries));
        assert_eq!(report.bytes, bytes.len() - 2 * queries.len());
        assert_eq!(handle.job(&Profile::epson()).text(), "Рахмат!\n");
    }

    #[test]
    fn a_printer_out_of_paper_is_not_sent_the_job() {
        let out = Status {
            paper_out: true,
            ..Status::default()
        };
        let (capture, handle) = Capture::answering(out);
        let mut printer = Printer::new(Profile::epson(), Box::new(capture));
        let err = printer.print(&[Block::text("x")]).expect_err("paper out");
        assert_eq!(
            err.to_string(),
            "capture is out of paper — load a new roll, then print again"
        );
        assert!(err.is_transient());
        assert!(
            handle.job(&Profile::epson()).is_empty(),
            "only status queries were sent"
        );
    }

    #[test]
    fn a_write_only_link_prints_without_status() {
        let (capture, handle) = Capture::new();
        let mut printer = Printer::new(Profile::epson(), Box::new(capture));
        let report = printer.print(&[Block::text("ok")]).expect("prints");
        assert_eq!(report.status, None);
        assert_eq!(handle.job(&Profile::epson()).text(), "ok\n");
        assert!(matches!(
            printer.status(),
            Err(PrintError::Transport(TransportError::NoReadBack { .. }))
        ));
    }

    #[test]
    fn printers_and_errors_can_move_to_a_queue_thread() {
        fn send<T: Send + 'static>() {}
        send::<Printer>();
        send::<PrintError>();
        send::<crate::VirtualPrinter>();
        let (capture, handle) = Capture::new();
        let mut printer = Printer::new(Profile::epson(), Box::new(capture));
        std::thread::spawn(move || printer.print(&[Block::text("Ү")]).map(|r| r.bytes))
            .join()
            .expect("thread")
            .expect("prints");
        assert_eq!(handle.job(&Profile::epson()).text(), "Ү\n");
    }

    #[test]
    fn a_bad_barcode_fails_before_anything_is_sent() {
        let (capture, handle) = Capture::answering(Status::default());
        let mut printer = Printer::new(Profile::epson(), Box::new(capture));
        let err = printer.print(&[Block::Ean13("12345".into())]).expect_err("bad");
        assert!(matches!(err, PrintError::Encode(_)) && !err.is_transient());
        assert!(handle.bytes().is_empty());
    }
}
