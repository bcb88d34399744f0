//! For a Windows target only: the program's icon and version information as a Win32 resource, so Explorer, the
//! Start menu, the taskbar and the file's Properties show them. The resource is compiled by mingw's `windres`
//! (the cross linker's companion, installed by `scripts/package`); other targets build nothing here.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

const ICON_PNG: &str = "assets/icons/usta-256.png";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={ICON_PNG}");
    println!("cargo:rerun-if-env-changed=WINDRES");
    if env::var("CARGO_CFG_TARGET_OS").as_deref() != Ok("windows") {
        return;
    }
    if let Err(e) = windows_resources() {
        panic!("Windows resources (icon, version info): {e}");
    }
}

fn windows_resources() -> Result<(), String> {
    let out = PathBuf::from(env::var_os("OUT_DIR").ok_or("cargo did not set OUT_DIR")?);
    let png = std::fs::read(ICON_PNG).map_err(|e| format!("{ICON_PNG}: {e}"))?;
    std::fs::write(out.join("usta.ico"), ico_of_png(&png)?).map_err(|e| e.to_string())?;
    std::fs::write(out.join("usta.rc"), resource_script()).map_err(|e| e.to_string())?;
    let windres = env::var("WINDRES").unwrap_or_else(|_| "x86_64-w64-mingw32-windres".into());
    let object = out.join("usta-resources.o");
    let status = Command::new(&windres)
        .current_dir(&out)
        .args(["--input", "usta.rc", "--output-format", "coff", "--output"])
        .arg(&object)
        .status()
        .map_err(|e| format!("cannot run {windres} (apt-get install binutils-mingw-w64-x86-64): {e}"))?;
    if !status.success() {
        return Err(format!("{windres} failed with {status}"));
    }
    link(&object);
    Ok(())
}

/// The object goes to the program only, not to test binaries.
fn link(object: &Path) {
    println!("cargo:rustc-link-arg-bins={}", object.display());
}

/// An .ico holding the PNG as it is (Windows reads PNG icons since Vista): a 6-byte header, one 16-byte entry.
fn ico_of_png(png: &[u8]) -> Result<Vec<u8>, String> {
    let size = u32::try_from(png.len()).map_err(|_| "icon too large".to_string())?;
    let mut ico = vec![0, 0, 1, 0, 1, 0];
    // Width and height 0 mean 256; no palette; 1 plane; 32 bits per pixel.
    ico.extend_from_slice(&[0, 0, 0, 0, 1, 0, 32, 0]);
    ico.extend_from_slice(&size.to_le_bytes());
    ico.extend_from_slice(&22u32.to_le_bytes());
    ico.extend_from_slice(png);
    Ok(ico)
}

fn resource_script() -> String {
    let part = |name: &str| env::var(name).unwrap_or_else(|_| "0".into());
    let (major, minor, patch) = (
        part("CARGO_PKG_VERSION_MAJOR"),
        part("CARGO_PKG_VERSION_MINOR"),
        part("CARGO_PKG_VERSION_PATCH"),
    );
    let version = env::var("CARGO_PKG_VERSION").unwrap_or_default();
    format!(
        r#"1 ICON "usta.ico"
1 VERSIONINFO
FILEVERSION {major},{minor},{patch},0
PRODUCTVERSION {major},{minor},{patch},0
FILEOS 0x40004
FILETYPE 0x1
BEGIN
  BLOCK "StringFileInfo"
  BEGIN
    BLOCK "040904B0"
    BEGIN
      VALUE "CompanyName", "Usta"
      VALUE "FileDescription", "Usta - point of sale for craft shops"
      VALUE "FileVersion", "{version}"
      VALUE "InternalName", "usta"
      VALUE "OriginalFilename", "usta.exe"
      VALUE "ProductName", "Usta"
      VALUE "ProductVersion", "{version}"
      VALUE "LegalCopyright", "MIT OR Apache-2.0"
    END
  END
  BLOCK "VarFileInfo"
  BEGIN
    VALUE "Translation", 0x409, 1200
  END
END
"#
    )
}
