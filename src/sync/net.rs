//! HTTP/1 over TLS on both ends, with hyper on a one-thread tokio runtime. The server takes one connection at a
//! time: a shop's LAN has a handful of tills, each round is one request, and one writer at a time is what the
//! back office's SQLite file wants anyway.

use super::{Result, SyncError, tls};
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use std::cell::RefCell;
use std::sync::Arc;
use std::time::Duration;

/// The largest body either end accepts: a busy till's week offline fits many times over.
pub const MAX_BODY: usize = 256 * 1024 * 1024;
/// How long one connection may take, end to end.
const CONNECTION_TIME: Duration = Duration::from_secs(300);
const CONNECT_TIME: Duration = Duration::from_secs(10);

/// One request as the handler sees it.
pub struct Call<'a> {
    pub path: &'a str,
    pub token: Option<&'a str>,
    pub peer: String,
    pub body: &'a [u8],
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| SyncError::Io(format!("cannot start the network runtime: {e}")))
}

/// Serves `handle` (status, JSON body) on `listener` until `stop` is set and a last connection wakes the loop
/// (see [`wake`]), or until the process ends.
pub fn serve(
    listener: std::net::TcpListener,
    config: rustls::ServerConfig,
    handle: &mut dyn FnMut(Call<'_>) -> (u16, Vec<u8>),
    stop: &std::sync::atomic::AtomicBool,
) -> Result<()> {
    let rt = runtime()?;
    let handle = RefCell::new(handle);
    rt.block_on(async {
        listener
            .set_nonblocking(true)
            .map_err(|e| SyncError::Io(e.to_string()))?;
        let listener = tokio::net::TcpListener::from_std(listener).map_err(|e| SyncError::Io(e.to_string()))?;
        let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
        loop {
            let accepted = listener.accept().await;
            if stop.load(std::sync::atomic::Ordering::SeqCst) {
                return Ok(());
            }
            let Ok((tcp, peer)) = accepted else {
                continue;
            };
            let handle = &handle;
            let connection = async {
                let stream = acceptor
                    .accept(tcp)
                    .await
                    .map_err(|e| format!("TLS handshake with {peer}: {e}"))?;
                let service = hyper::service::service_fn(move |req: Request<Incoming>| async move {
                    let path = req.uri().path().to_string();
                    let token = req
                        .headers()
                        .get(hyper::header::AUTHORIZATION)
                        .and_then(|v| v.to_str().ok())
                        .and_then(|v| v.strip_prefix("Bearer "))
                        .map(str::to_string);
                    let (status, body) = match Limited::new(req.into_body(), MAX_BODY).collect().await {
                        Ok(body) => {
                            let body = body.to_bytes();
                            let mut handle = handle.borrow_mut();
                            (*handle)(Call {
                                path: &path,
                                token: token.as_deref(),
                                peer: peer.to_string(),
                                body: &body,
                            })
                        }
                        Err(e) => (400, format!("{{\"error\":\"unreadable request: {e}\"}}").into_bytes()),
                    };
                    Response::builder()
                        .status(status)
                        .header(hyper::header::CONTENT_TYPE, "application/json")
                        .body(Full::new(Bytes::from(body)))
                });
                hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await
                    .map_err(|e| format!("connection from {peer}: {e}"))
            };
            match tokio::time::timeout(CONNECTION_TIME, connection).await {
                Ok(Ok(())) => {}
                Ok(Err(e)) => eprintln!("sync: {e}"),
                Err(_) => eprintln!("sync: a connection took longer than {CONNECTION_TIME:?}; closed"),
            }
        }
    })
}

/// Wakes a server listening on `addr` so it sees its stop flag: one plain connection, closed at once.
pub fn wake(addr: std::net::SocketAddr) {
    let addr = match addr.ip().is_unspecified() {
        true => std::net::SocketAddr::from(([127, 0, 0, 1], addr.port())),
        false => addr,
    };
    let _closed = std::net::TcpStream::connect_timeout(&addr, CONNECT_TIME);
}

/// `https://HOST:PORT` → `HOST:PORT`.
pub fn authority(url: &str) -> Result<&str> {
    url.strip_prefix("https://")
        .map(|rest| rest.trim_end_matches('/'))
        .filter(|rest| !rest.is_empty() && !rest.contains('/'))
        .ok_or_else(|| SyncError::Input(super::problem::SyncProblem::NotAddress { url: url.to_string() }))
}

/// POSTs `body` to the back office, trusting only the certificate `pin` names; returns status and body.
pub fn post(url: &str, pin: &str, path: &str, token: Option<&str>, body: Vec<u8>) -> Result<(u16, Vec<u8>)> {
    let host = authority(url)?.to_string();
    let unreachable = |reason: String| SyncError::Unreachable {
        url: url.to_string(),
        reason,
    };
    let config = tls::client_config(pin)?;
    runtime()?.block_on(async {
        let tcp = tokio::time::timeout(CONNECT_TIME, tokio::net::TcpStream::connect(host.as_str()))
            .await
            .map_err(|_| unreachable("no answer".into()))?
            .map_err(|e| unreachable(e.to_string()))?;
        let name =
            rustls::pki_types::ServerName::try_from("usta-back-office").map_err(|e| SyncError::Tls(e.to_string()))?;
        let stream = tokio_rustls::TlsConnector::from(Arc::new(config))
            .connect(name, tcp)
            .await
            .map_err(|e| SyncError::Tls(format!("{url}: {e}")))?;
        let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
            .await
            .map_err(|e| unreachable(e.to_string()))?;
        let driver = tokio::spawn(connection);
        let mut request = Request::post(path)
            .header(hyper::header::HOST, host.as_str())
            .header(hyper::header::CONTENT_TYPE, "application/json");
        if let Some(token) = token {
            request = request.header(hyper::header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let request = request
            .body(Full::new(Bytes::from(body)))
            .map_err(|e| SyncError::Protocol(e.to_string()))?;
        let response = tokio::time::timeout(CONNECTION_TIME, sender.send_request(request))
            .await
            .map_err(|_| unreachable("no answer in time".into()))?
            .map_err(|e| unreachable(e.to_string()))?;
        let status = response.status().as_u16();
        let body = Limited::new(response.into_body(), MAX_BODY)
            .collect()
            .await
            .map_err(|e| unreachable(e.to_string()))?
            .to_bytes()
            .to_vec();
        driver.abort();
        Ok((status, body))
    })
}
