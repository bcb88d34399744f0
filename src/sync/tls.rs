//! TLS for sync: the back office's self-signed certificate (made once with rcgen, kept beside the database), and
//! the tills' check of it by the SHA-256 fingerprint the pairing code carried. The fingerprint is the whole trust:
//! no certificate authority, no host name, so a back office whose LAN address changes keeps working; rustls still
//! checks that the server holds the certificate's key.

use super::{Result, SyncError};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How many hex digits of the certificate's SHA-256 a pairing code carries: 128 bits, out of reach of a forger.
pub const FINGERPRINT_LEN: usize = 32;

pub fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// Random bytes from the TLS stack's own generator (the operating system's).
pub fn random<const N: usize>() -> Result<[u8; N]> {
    let mut buf = [0u8; N];
    provider()
        .secure_random
        .fill(&mut buf)
        .map_err(|_| SyncError::Tls("no random numbers from the operating system".into()))?;
    Ok(buf)
}

/// The certificate's SHA-256, lowercase hex.
pub fn fingerprint(cert: &[u8]) -> String {
    crate::domain::journal::sha256_hex(cert)
}

/// `shop.db.hub.crt` and `shop.db.hub.key` beside `shop.db`.
pub fn cert_paths(db: &Path) -> (PathBuf, PathBuf) {
    let name = db.file_name().unwrap_or_default().to_string_lossy().into_owned();
    (
        db.with_file_name(format!("{name}.hub.crt")),
        db.with_file_name(format!("{name}.hub.key")),
    )
}

/// The back office's certificate and key (DER), made at the first call and kept from then on, so tills paired
/// once keep trusting it.
pub fn load_or_create(db: &Path) -> Result<(Vec<u8>, Vec<u8>)> {
    let (crt, key) = cert_paths(db);
    if crt.is_file() && key.is_file() {
        let read = |p: &Path| std::fs::read(p).map_err(|e| SyncError::Io(format!("{}: {e}", p.display())));
        return Ok((read(&crt)?, read(&key)?));
    }
    let made = rcgen::generate_simple_self_signed(vec!["usta-back-office".to_string()])
        .map_err(|e| SyncError::Tls(format!("cannot make the certificate: {e}")))?;
    let (cert, secret) = (made.cert.der().to_vec(), made.signing_key.serialize_der());
    // The key first: a certificate on disk always has its key.
    write_new(&key, &secret, true)?;
    write_new(&crt, &cert, false)?;
    Ok((cert, secret))
}

/// Temp file + rename, so a kill never leaves half a key; the key readable by its owner only.
fn write_new(path: &Path, bytes: &[u8], private: bool) -> Result<()> {
    let tmp = path.with_extension("tmp");
    let io = |e: std::io::Error| SyncError::Io(format!("{}: {e}", path.display()));
    {
        use std::io::Write;
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        if private {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        #[cfg(not(unix))]
        let _ = private;
        let mut f = options.open(&tmp).map_err(io)?;
        f.write_all(bytes).map_err(io)?;
        f.sync_all().map_err(io)?;
    }
    std::fs::rename(&tmp, path).map_err(io)
}

pub fn server_config(cert: Vec<u8>, key: Vec<u8>) -> Result<rustls::ServerConfig> {
    rustls::ServerConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .and_then(|b| {
            b.with_no_client_auth().with_single_cert(
                vec![CertificateDer::from(cert)],
                PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key)),
            )
        })
        .map_err(|e| SyncError::Tls(e.to_string()))
}

/// A client that trusts exactly the certificate whose SHA-256 starts with `pin`.
pub fn client_config(pin: &str) -> Result<rustls::ClientConfig> {
    let provider = provider();
    Ok(rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .map_err(|e| SyncError::Tls(e.to_string()))?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(Pinned {
            pin: pin.to_ascii_lowercase(),
            provider,
        }))
        .with_no_client_auth())
}

#[derive(Debug)]
struct Pinned {
    pin: String,
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for Pinned {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> std::result::Result<ServerCertVerified, rustls::Error> {
        if self.pin.len() >= FINGERPRINT_LEN && fingerprint(end_entity).starts_with(&self.pin) {
            Ok(ServerCertVerified::assertion())
        } else {
            Err(rustls::Error::General(
                "the back office's certificate is not the one the pairing code names".into(),
            ))
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> std::result::Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}
