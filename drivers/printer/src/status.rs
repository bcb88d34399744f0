//! Printer status read back with `DLE EOT n` (n = 1..4). Each reply is one byte with bits 1 and 4 set and bits
//! 0 and 7 clear, which is how a reply is told apart from stray bytes.

/// `DLE EOT n` for n = 1 (printer), 2 (offline cause), 3 (error cause), 4 (paper sensor).
pub fn query(n: u8) -> [u8; 3] {
    [0x10, 0x04, n]
}

/// Whether `byte` has the fixed bits of a `DLE EOT` reply.
pub fn is_reply(byte: u8) -> bool {
    byte & 0x93 == 0x12
}

/// What the printer said about itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Status {
    pub offline: bool,
    pub cover_open: bool,
    pub paper_out: bool,
    pub paper_near_end: bool,
    /// Drawer kick-out connector pin 3 is high; on the usual drawers that means the drawer is open (wiring
    /// varies, so this is information, never a reason to refuse a job).
    pub drawer_open: bool,
    /// Cutter jam, head overheat or another error the printer reports.
    pub error: bool,
}

impl Status {
    /// Reads the four reply bytes (to n = 1, 2, 3, 4).
    pub fn from_replies(replies: [u8; 4]) -> Status {
        let [printer, offline, error, paper] = replies;
        Status {
            offline: printer & 0x08 != 0,
            drawer_open: printer & 0x04 != 0,
            cover_open: offline & 0x04 != 0,
            // Offline cause "stopped: paper end" or the roll sensor reporting no paper.
            paper_out: offline & 0x20 != 0 || paper & 0x60 != 0,
            paper_near_end: paper & 0x0C != 0,
            error: offline & 0x40 != 0 || error & 0x2C != 0,
        }
    }

    /// The reply bytes a printer in this state sends (the virtual printer answers with these).
    pub fn to_replies(self) -> [u8; 4] {
        let bit = |on: bool, mask: u8| if on { mask } else { 0 };
        let offline = self.offline || self.cover_open || self.paper_out || self.error;
        [
            0x12 | bit(offline, 0x08) | bit(self.drawer_open, 0x04),
            0x12 | bit(self.cover_open, 0x04) | bit(self.paper_out, 0x20) | bit(self.error, 0x40),
            0x12 | bit(self.error, 0x08),
            0x12 | bit(self.paper_near_end || self.paper_out, 0x0C) | bit(self.paper_out, 0x60),
        ]
    }

    /// Ready to print.
    pub fn ready(&self) -> bool {
        self.problem().is_none()
    }

    /// What stops printing, worded for the shop, e.g. "is out of paper — load a new roll, then print again".
    pub fn problem(&self) -> Option<&'static str> {
        if self.paper_out {
            Some("is out of paper — load a new roll, then print again")
        } else if self.cover_open {
            Some("has its cover open — close it, then print again")
        } else if self.error {
            Some("reports an error (cutter jam or overheated head) — switch it off and on, then print again")
        } else if self.offline {
            Some("is offline — press its feed button or switch it off and on, then print again")
        } else {
            None
        }
    }

    /// A note worth showing even when printing works.
    pub fn warning(&self) -> Option<&'static str> {
        if self.ready() && self.paper_near_end {
            Some("paper roll is nearly used up — have a new one ready")
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_epson_reply_bits() {
        let table = [
            ([0x12, 0x12, 0x12, 0x12], Status::default()),
            (
                [0x1A, 0x32, 0x12, 0x7E],
                Status {
                    offline: true,
                    paper_out: true,
                    paper_near_end: true,
                    ..Status::default()
                },
            ),
            (
                [0x1A, 0x16, 0x12, 0x12],
                Status {
                    offline: true,
                    cover_open: true,
                    ..Status::default()
                },
            ),
            (
                [0x16, 0x12, 0x12, 0x1E],
                Status {
                    drawer_open: true,
                    paper_near_end: true,
                    ..Status::default()
                },
            ),
            (
                [0x1A, 0x52, 0x16, 0x12],
                Status {
                    offline: true,
                    error: true,
                    ..Status::default()
                },
            ),
        ];
        for (replies, expected) in table {
            assert!(replies.iter().all(|&b| is_reply(b)));
            assert_eq!(Status::from_replies(replies), expected, "{replies:02X?}");
            assert_eq!(Status::from_replies(expected.to_replies()), expected);
        }
    }

    #[test]
    fn problems_are_worded_for_the_shop() {
        let out = Status {
            paper_out: true,
            offline: true,
            ..Status::default()
        };
        assert_eq!(
            out.problem(),
            Some("is out of paper — load a new roll, then print again")
        );
        assert!(Status::default().ready());
        let low = Status {
            paper_near_end: true,
            ..Status::default()
        };
        assert!(low.ready() && low.warning().is_some());
        assert!(!is_reply(b'A') && !is_reply(0x00));
    }
}
