//! The National Bank's rates: imported from its `daily.xml`/`weekly.xml`, from a file or straight from its web
//! address (over HTTPS with the web's root certificates; plain HTTP for a local mirror), stored as a new dated
//! set, and listed. A refused file names the line and the reason and stores nothing.

use super::input::InputProblem;
use super::refusal::FileProblem;
use super::{AppError, Ctx, Result};
use crate::domain::nbkr::{self, NbkrSet};
use crate::store::rates::{RatesImported, StoredRate};
use chrono::NaiveDate;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// The bank's daily list (USD, EUR, RUB, KZT, CNY): what "Update rates" fetches.
pub const DAILY_URL: &str = "https://www.nbkr.kg/XML/daily.xml";
/// The weekly list of the other currencies.
pub const WEEKLY_URL: &str = "https://www.nbkr.kg/XML/weekly.xml";
/// The most a rate file may weigh: the bank's are a few kilobytes.
const MAX_FILE: usize = 4 * 1024 * 1024;
const FETCH_TIME: Duration = Duration::from_secs(20);

/// What an import read and did.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Imported {
    pub source: String,
    pub date: NaiveDate,
    pub currencies: Vec<String>,
    #[serde(flatten)]
    pub result: RatesImported,
}

/// Whether `source` is a web address rather than a file.
pub fn is_url(source: &str) -> bool {
    source.starts_with("http://") || source.starts_with("https://")
}

/// Reads the set in a file's bytes, naming `source` in a refusal; `latest` is the last date a set may carry.
pub fn parse(source: &str, bytes: &[u8], latest: NaiveDate) -> Result<NbkrSet> {
    let refused = |e: nbkr::NbkrError| {
        AppError::from(InputProblem::RatesRefused {
            origin: source.to_string(),
            reason: e.to_string(),
        })
    };
    let text = nbkr::decode(bytes).map_err(refused)?;
    nbkr::parse(&text, latest).map_err(refused)
}

/// The last date an imported set may carry: the day after the shop's business day (the bank publishes the next
/// day's rates in the afternoon). A day left open since last week does not hold back this week's rates, so the
/// later of the open day and the calendar day counts.
pub fn latest_date(ctx: &Ctx<'_>) -> Result<NaiveDate> {
    let today = super::reports::business_today(ctx)?.max(ctx.now.date_naive());
    Ok(today.succ_opt().unwrap_or(today))
}

/// Imports the rates in `source` (a file path or an `http(s)://` address). A manager's settings change.
pub fn import(ctx: &mut Ctx<'_>, source: &str) -> Result<Imported> {
    super::master::refuse(ctx.store, super::master::MasterPart::Rates)?;
    let bytes = if is_url(source) {
        fetch(source)?
    } else {
        read(Path::new(source))?
    };
    import_bytes(ctx, source, &bytes)
}

/// Imports rates already read (the window's file picker, a fetched body).
pub fn import_bytes(ctx: &mut Ctx<'_>, source: &str, bytes: &[u8]) -> Result<Imported> {
    super::master::refuse(ctx.store, super::master::MasterPart::Rates)?;
    super::users::authorize(ctx, crate::domain::user::Action::Settings)?;
    let set = parse(source, bytes, latest_date(ctx)?)?;
    let at = ctx.now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let result = ctx.store.import_rates(&set, source, &at)?;
    Ok(Imported {
        source: source.to_string(),
        date: set.date,
        currencies: set.rates.iter().map(|r| r.code.clone()).collect(),
        result,
    })
}

/// Every imported currency's rate in force on `date`.
pub fn list(ctx: &Ctx<'_>, date: NaiveDate) -> Result<Vec<StoredRate>> {
    Ok(ctx.store.imported_rates_on(date)?)
}

fn read(path: &Path) -> Result<Vec<u8>> {
    let unreadable = |e: std::io::Error| {
        AppError::File(FileProblem::RateFile {
            path: path.display().to_string(),
            reason: e.to_string(),
        })
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if meta.len() > MAX_FILE as u64 {
        return Err(AppError::File(FileProblem::RateFileSize {
            path: path.display().to_string(),
        }));
    }
    std::fs::read(path).map_err(unreadable)
}

/// `(tls, host, port, path)` of an `http(s)://host[:port]/path` address.
fn split_url(url: &str) -> Result<(bool, String, u16, String)> {
    let bad = || AppError::from(InputProblem::NotWebAddress { url: url.to_string() });
    let (tls, rest) = if let Some(r) = url.strip_prefix("https://") {
        (true, r)
    } else if let Some(r) = url.strip_prefix("http://") {
        (false, r)
    } else {
        return Err(bad());
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (h, p.parse().map_err(|_| bad())?),
        None => (authority, if tls { 443 } else { 80 }),
    };
    if host.is_empty() {
        return Err(bad());
    }
    Ok((tls, host.to_string(), port, path.to_string()))
}

/// GETs `url`; offline, a refused connection or an answer other than 200 is a clear message.
pub fn fetch(url: &str) -> Result<Vec<u8>> {
    use http_body_util::{BodyExt, Empty, Limited};
    use hyper::body::Bytes;
    use hyper_util::rt::TokioIo;
    let (tls, host, port, path) = split_url(url)?;
    let offline = |reason: String| {
        AppError::from(InputProblem::RatesOffline {
            url: url.to_string(),
            reason,
        })
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| offline(e.to_string()))?;
    runtime.block_on(async {
        let tcp = tokio::time::timeout(FETCH_TIME, tokio::net::TcpStream::connect((host.as_str(), port)))
            .await
            .map_err(|_| offline("no answer".into()))?
            .map_err(|e| offline(e.to_string()))?;
        let request = hyper::Request::get(path.as_str())
            .header(hyper::header::HOST, host.as_str())
            .header(hyper::header::USER_AGENT, "usta")
            .body(Empty::<Bytes>::new())
            .map_err(|e| offline(e.to_string()))?;
        macro_rules! exchange {
            ($io:expr) => {{
                let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new($io))
                    .await
                    .map_err(|e| offline(e.to_string()))?;
                let driver = tokio::spawn(connection);
                let response = tokio::time::timeout(FETCH_TIME, sender.send_request(request))
                    .await
                    .map_err(|_| offline("no answer in time".into()))?
                    .map_err(|e| offline(e.to_string()))?;
                let status = response.status();
                let body = Limited::new(response.into_body(), MAX_FILE)
                    .collect()
                    .await
                    .map_err(|e| offline(e.to_string()))?
                    .to_bytes()
                    .to_vec();
                driver.abort();
                if status != hyper::StatusCode::OK {
                    return Err(offline(format!("the server answered {status}")));
                }
                Ok(body)
            }};
        }
        if tls {
            let roots = rustls::RootCertStore {
                roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
            };
            let config = rustls::ClientConfig::builder_with_provider(crate::sync::tls::provider())
                .with_safe_default_protocol_versions()
                .map_err(|e| offline(e.to_string()))?
                .with_root_certificates(roots)
                .with_no_client_auth();
            let name = rustls::pki_types::ServerName::try_from(host.clone()).map_err(|e| offline(e.to_string()))?;
            let stream = tokio_rustls::TlsConnector::from(Arc::new(config))
                .connect(name, tcp)
                .await
                .map_err(|e| offline(e.to_string()))?;
            exchange!(stream)
        } else {
            exchange!(tcp)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_split_into_their_parts() {
        assert_eq!(
            split_url(DAILY_URL).ok(),
            Some((true, "www.nbkr.kg".into(), 443, "/XML/daily.xml".into()))
        );
        assert_eq!(
            split_url("http://127.0.0.1:8080/d.xml").ok(),
            Some((false, "127.0.0.1".into(), 8080, "/d.xml".into()))
        );
        assert!(split_url("ftp://x/").is_err());
        assert!(split_url("http://:80/").is_err());
    }
}
