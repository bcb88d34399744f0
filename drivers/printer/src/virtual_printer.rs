//! A network printer in software: listens on TCP like a receipt printer on port 9100, answers status queries,
//! and writes each job to a folder as `job-NNNN.bin` (the raw bytes), `job-NNNN.txt` (what would be on the
//! paper, see [`Job::text`]) and `job-NNNN.png` (a picture of the paper roll). A job ends when the client closes the connection (or is silent for
//! `idle_timeout`). It serves one client at a time, as real printers do.

use crate::decode::{Interpreter, Job};
use crate::profile::Profile;
use crate::roll;
use crate::status::Status;
use crate::transport::PrinterUri;
use std::fmt;
use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// How often the server looks at its stop flag while idle.
const POLL: Duration = Duration::from_millis(25);

/// What the virtual printer reports when asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VirtualStatus {
    #[default]
    Ok,
    PaperOut,
    CoverOpen,
    Offline,
}

impl VirtualStatus {
    pub fn status(self) -> Status {
        let mut s = Status::default();
        match self {
            VirtualStatus::Ok => {}
            VirtualStatus::PaperOut => {
                s.paper_out = true;
                s.paper_near_end = true;
                s.offline = true;
            }
            VirtualStatus::CoverOpen => {
                s.cover_open = true;
                s.offline = true;
            }
            VirtualStatus::Offline => s.offline = true,
        }
        s
    }
}

impl FromStr for VirtualStatus {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "ok" => Ok(VirtualStatus::Ok),
            "paper-out" => Ok(VirtualStatus::PaperOut),
            "cover-open" => Ok(VirtualStatus::CoverOpen),
            "offline" => Ok(VirtualStatus::Offline),
            other => Err(format!(
                "unknown printer state '{other}' (ok, paper-out, cover-open, offline)"
            )),
        }
    }
}

impl fmt::Display for VirtualStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            VirtualStatus::Ok => "ok",
            VirtualStatus::PaperOut => "paper-out",
            VirtualStatus::CoverOpen => "cover-open",
            VirtualStatus::Offline => "offline",
        })
    }
}

/// How the virtual printer behaves.
#[derive(Debug, Clone)]
pub struct VirtualOptions {
    /// Gives the meaning of `ESC t n` numbers when decoding jobs.
    pub profile: Profile,
    pub status: VirtualStatus,
    /// A connection silent this long is taken as finished, so a client that never closes cannot hold the
    /// printer for ever.
    pub idle_timeout: Duration,
    /// Also write `job-NNNN.png`; drawing a long receipt takes some milliseconds, tests may turn it off.
    pub png: bool,
}

impl Default for VirtualOptions {
    fn default() -> Self {
        VirtualOptions {
            profile: Profile::epson(),
            status: VirtualStatus::Ok,
            idle_timeout: Duration::from_secs(30),
            png: true,
        }
    }
}

/// A job the virtual printer has written out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobRecord {
    pub number: u32,
    pub bin: PathBuf,
    pub txt: PathBuf,
    /// The roll picture, when [`VirtualOptions::png`] is on.
    pub png: Option<PathBuf>,
    pub bytes: usize,
    /// The contents of the `.txt` file.
    pub text: String,
    pub peer: SocketAddr,
}

/// The virtual printer could not start or write its output.
#[derive(Debug, Clone, thiserror::Error)]
pub enum VirtualError {
    #[error("cannot listen on {addr} ({source}) — is another printer or program using that port?")]
    Bind {
        addr: String,
        #[source]
        source: Arc<io::Error>,
    },
    #[error("cannot write printer output to {path} ({source})")]
    Output {
        path: String,
        #[source]
        source: Arc<io::Error>,
    },
    #[error("the virtual printer stopped unexpectedly")]
    Crashed,
}

struct Shared {
    stop: AtomicBool,
    status: Mutex<VirtualStatus>,
    jobs: Mutex<Vec<JobRecord>>,
    job_added: Condvar,
    /// The first error writing output; the server keeps serving so the client does not hang.
    error: Mutex<Option<VirtualError>>,
}

/// A running virtual printer. Dropping it stops the server.
pub struct VirtualPrinter {
    addr: SocketAddr,
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl VirtualPrinter {
    /// Binds `addr` (port 0 picks a free port), creates `out_dir` and serves on a thread of its own.
    pub fn start(
        addr: impl ToSocketAddrs + fmt::Debug,
        out_dir: impl Into<PathBuf>,
        options: VirtualOptions,
    ) -> Result<VirtualPrinter, VirtualError> {
        let shown = format!("{addr:?}").trim_matches('"').to_string();
        let bind_error = |e: io::Error| VirtualError::Bind {
            addr: shown.clone(),
            source: Arc::new(e),
        };
        let listener = TcpListener::bind(addr).map_err(bind_error)?;
        // Non-blocking accept lets the thread notice `stop` without a connection arriving.
        listener.set_nonblocking(true).map_err(bind_error)?;
        let addr = listener.local_addr().map_err(bind_error)?;
        let out_dir = out_dir.into();
        let output_error = |e: io::Error| VirtualError::Output {
            path: out_dir.display().to_string(),
            source: Arc::new(e),
        };
        std::fs::create_dir_all(&out_dir).map_err(output_error)?;
        let next = next_job_number(&out_dir).map_err(output_error)?;
        let shared = Arc::new(Shared {
            stop: AtomicBool::new(false),
            status: Mutex::new(options.status),
            jobs: Mutex::new(Vec::new()),
            job_added: Condvar::new(),
            error: Mutex::new(None),
        });
        let server = Server {
            listener,
            out_dir,
            options,
            shared: shared.clone(),
            next,
        };
        let thread = thread::Builder::new()
            .name("usta-virtual-printer".into())
            .spawn(move || server.run())
            .map_err(bind_error)?;
        Ok(VirtualPrinter {
            addr,
            shared,
            thread: Some(thread),
        })
    }

    /// The address it listens on (with the real port when 0 was asked for).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `tcp://addr`, to hand to [`Printer::open`](crate::Printer::open).
    pub fn uri(&self) -> PrinterUri {
        PrinterUri::Tcp {
            host: self.addr.ip().to_string(),
            port: self.addr.port(),
        }
    }

    /// Changes what status queries are answered with, e.g. to simulate running out of paper.
    pub fn set_status(&self, status: VirtualStatus) {
        *self.shared.status.lock().unwrap_or_else(PoisonError::into_inner) = status;
    }

    /// Jobs written so far, oldest first.
    pub fn jobs(&self) -> Vec<JobRecord> {
        self.shared.jobs.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// Waits until at least `count` jobs were written or `timeout` passed; returns the jobs so far.
    pub fn wait_for_jobs(&self, count: usize, timeout: Duration) -> Vec<JobRecord> {
        let deadline = Instant::now() + timeout;
        let mut jobs = self.shared.jobs.lock().unwrap_or_else(PoisonError::into_inner);
        while jobs.len() < count {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            jobs = match self.shared.job_added.wait_timeout(jobs, left) {
                Ok((guard, _)) => guard,
                Err(poisoned) => poisoned.into_inner().0,
            };
        }
        jobs.clone()
    }

    /// Stops listening (a job in progress is finished and written first) and reports an output error if one
    /// happened while serving.
    pub fn stop(mut self) -> Result<(), VirtualError> {
        self.shutdown()
    }

    /// Serves until the server thread ends (it does not end by itself): for `usta printer serve`.
    pub fn wait(mut self) -> Result<(), VirtualError> {
        if let Some(thread) = self.thread.take() {
            thread.join().map_err(|_| VirtualError::Crashed)?;
        }
        self.take_error()
    }

    fn shutdown(&mut self) -> Result<(), VirtualError> {
        self.shared.stop.store(true, Ordering::SeqCst);
        if let Some(thread) = self.thread.take() {
            thread.join().map_err(|_| VirtualError::Crashed)?;
        }
        self.take_error()
    }

    fn take_error(&self) -> Result<(), VirtualError> {
        match self.shared.error.lock().unwrap_or_else(PoisonError::into_inner).take() {
            Some(e) => Err(e),
            None => Ok(()),
        }
    }
}

impl Drop for VirtualPrinter {
    fn drop(&mut self) {
        let _ = self.shutdown();
    }
}

/// One more than the highest `job-NNNN.bin` already in the folder, so a restarted server never overwrites.
fn next_job_number(dir: &Path) -> io::Result<u32> {
    let mut highest = 0;
    for entry in std::fs::read_dir(dir)? {
        let name = entry?.file_name();
        let name = name.to_string_lossy();
        if let Some(n) = name
            .strip_prefix("job-")
            .and_then(|rest| rest.strip_suffix(".bin"))
            .and_then(|n| n.parse::<u32>().ok())
        {
            highest = highest.max(n);
        }
    }
    Ok(highest + 1)
}

struct Server {
    listener: TcpListener,
    out_dir: PathBuf,
    options: VirtualOptions,
    shared: Arc<Shared>,
    next: u32,
}

impl Server {
    fn run(mut self) {
        while !self.shared.stop.load(Ordering::SeqCst) {
            match self.listener.accept() {
                Ok((stream, peer)) => {
                    let (raw, job) = self.serve(stream);
                    if !job.is_empty()
                        && let Err(e) = self.write_job(&raw, &job, peer)
                    {
                        let mut slot = self.shared.error.lock().unwrap_or_else(PoisonError::into_inner);
                        slot.get_or_insert(e);
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => thread::sleep(POLL),
                // A client that vanished between connect and accept, or a transient resource shortage.
                Err(_) => thread::sleep(POLL),
            }
        }
    }

    /// Reads one job to its end, answering status queries as they come.
    fn serve(&self, mut stream: TcpStream) -> (Vec<u8>, Job) {
        let mut interpreter = Interpreter::new(&self.options.profile);
        let mut raw = Vec::new();
        let ready = stream
            .set_nonblocking(false)
            .and_then(|()| stream.set_read_timeout(Some(POLL)));
        if ready.is_err() {
            return (raw, interpreter.finish());
        }
        let mut buf = [0u8; 8192];
        let mut last_data = Instant::now();
        loop {
            match stream.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    last_data = Instant::now();
                    raw.extend_from_slice(&buf[..n]);
                    let queries = interpreter.feed(&buf[..n]);
                    if !queries.is_empty() {
                        let status = self
                            .shared
                            .status
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner)
                            .status();
                        let replies = status.to_replies();
                        let answer: Vec<u8> = queries
                            .iter()
                            .filter_map(|&q| replies.get(usize::from(q.wrapping_sub(1))).copied())
                            .collect();
                        if stream.write_all(&answer).is_err() {
                            break;
                        }
                    }
                }
                Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => {
                    if self.shared.stop.load(Ordering::SeqCst) || last_data.elapsed() >= self.options.idle_timeout {
                        break;
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
        (raw, interpreter.finish())
    }

    fn write_job(&mut self, raw: &[u8], job: &Job, peer: SocketAddr) -> Result<(), VirtualError> {
        let number = self.next;
        self.next += 1;
        let bin = self.out_dir.join(format!("job-{number:04}.bin"));
        let txt = self.out_dir.join(format!("job-{number:04}.txt"));
        let text = job.text();
        let write = |path: &Path, data: &[u8]| {
            std::fs::write(path, data).map_err(|e| VirtualError::Output {
                path: path.display().to_string(),
                source: Arc::new(e),
            })
        };
        write(&bin, raw)?;
        write(&txt, text.as_bytes())?;
        let png = if self.options.png {
            let path = self.out_dir.join(format!("job-{number:04}.png"));
            let picture = roll::render(job, &self.options.profile)
                .and_then(|image| roll::to_png(&image))
                .map_err(|e| VirtualError::Output {
                    path: path.display().to_string(),
                    source: Arc::new(io::Error::other(e.to_string())),
                })?;
            write(&path, &picture)?;
            Some(path)
        } else {
            None
        };
        let record = JobRecord {
            number,
            bin,
            txt,
            png,
            bytes: raw.len(),
            text,
            peer,
        };
        self.shared
            .jobs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(record);
        self.shared.job_added.notify_all();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_parse_for_the_cli() {
        for s in ["ok", "paper-out", "cover-open", "offline"] {
            let state: VirtualStatus = s.parse().expect(s);
            assert_eq!(state.to_string(), s);
        }
        assert!("jammed".parse::<VirtualStatus>().is_err());
        assert!(VirtualStatus::PaperOut.status().paper_out);
        assert!(VirtualStatus::Ok.status().ready());
        assert!(!VirtualStatus::CoverOpen.status().ready());
    }

    #[test]
    fn numbering_continues_after_existing_jobs() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(next_job_number(dir.path()).expect("read"), 1);
        std::fs::write(dir.path().join("job-0007.bin"), b"").expect("write");
        std::fs::write(dir.path().join("job-0009.txt"), b"").expect("write");
        std::fs::write(dir.path().join("notes.bin"), b"").expect("write");
        assert_eq!(next_job_number(dir.path()).expect("read"), 8);
    }
}
