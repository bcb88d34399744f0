//! `src/domain` holds pure rules: no database, GUI, files, network, processes or clock. This test reads its
//! sources and fails on any of them, so the invariant in README's Architecture section stays true.

use std::path::Path;

const FORBIDDEN: &[(&str, &str)] = &[
    ("rusqlite", "database access belongs in src/store"),
    ("iced", "GUI code belongs in src/ui"),
    ("std::fs", "file IO belongs outside the domain"),
    ("std::net", "network IO belongs in drivers"),
    ("std::process", "processes belong at the edges"),
    ("std::env", "configuration is passed in"),
    ("std::time::SystemTime", "the clock is read by callers and passed in"),
    ("Instant::now", "the clock is read by callers and passed in"),
    ("Utc::now", "the clock is read by callers and passed in"),
    ("Local::now", "the clock is read by callers and passed in"),
    (
        "usta_printer",
        "drivers depend on the domain's output, not the other way",
    ),
    (
        "usta_scanner",
        "drivers depend on the domain's output, not the other way",
    ),
    ("crate::store", "the domain depends on nothing of ours"),
    ("crate::app", "the domain depends on nothing of ours"),
    ("crate::cli", "the domain depends on nothing of ours"),
    ("crate::ui", "the domain depends on nothing of ours"),
];

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src/domain") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Finds forbidden names in source text, ignoring comments.
fn violations(text: &str) -> Vec<(usize, &'static str, &'static str)> {
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let code = line.split("//").next().unwrap_or("");
        for (name, why) in FORBIDDEN {
            if code.contains(name) {
                found.push((n + 1, *name, *why));
            }
        }
    }
    found
}

#[test]
fn domain_imports_no_io_and_reads_no_clock() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("src/domain.rs")];
    sources(&root.join("src/domain"), &mut files);
    assert!(files.len() > 10, "expected the domain modules, found {files:?}");
    let mut problems = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("read source");
        for (line, name, why) in violations(&text) {
            problems.push(format!("{}:{line}: uses {name} ({why})", file.display()));
        }
    }
    assert!(
        problems.is_empty(),
        "src/domain must stay pure:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_check_catches_what_it_should() {
    assert_eq!(violations("use rusqlite::Connection;").len(), 1);
    assert_eq!(violations("let now = chrono::Utc::now();").len(), 1);
    assert_eq!(violations("std::fs::read(\"x\")").len(), 1);
    assert!(violations("// a comment may mention std::net").is_empty());
}

/// The UI asks `app` use cases for data and devices: no SQL, no port listing or printing of its own.
#[test]
fn the_ui_reaches_the_store_and_devices_only_through_app() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![root.join("src/ui.rs")];
    sources(&root.join("src/ui"), &mut files);
    // services.rs is the one bridge: it holds the open store and lends it to app use cases as a Ctx.
    files.retain(|f| !f.ends_with("services.rs"));
    let forbidden = [
        "rusqlite",
        "crate::store::Store",
        "usta_printer::print_job",
        "usta_printer::Printer",
        "usta_scanner::Reader",
        "usta_scanner::list_ports",
        "std::net",
    ];
    let mut problems = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("read source");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for name in forbidden {
                if code.contains(name) {
                    problems.push(format!("{}:{}: uses {name}", file.display(), n + 1));
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "the UI must go through app use cases:\n{}",
        problems.join("\n")
    );
}
