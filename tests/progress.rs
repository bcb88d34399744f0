//! Progress bars appear only on a terminal: a piped `pool import` of several ledgers writes exactly its report
//! lines and nothing on standard error, with or without `--json`.

mod support;

use support::{Shop, at, stderr, stdout};
use usta::app::{Ctx, day, ledger};
use usta::domain::catalog::Lang;

#[test]
fn piped_pool_import_prints_no_bar() {
    let shop = Shop::demo();
    {
        let mut store = shop.open();
        let mut ctx = Ctx::new(&mut store, at(9, 0), Lang::Ky);
        day::open(&mut ctx, &[]).expect("open");
        ctx.now = at(19, 0);
        day::close(&mut ctx, &[]).expect("close");
        let a = shop.dir.path().join("a");
        ledger::export(&ctx, at(9, 0).date_naive(), &a, Default::default(), false).expect("export");
        let b = shop.dir.path().join("b");
        ledger::export(&ctx, at(9, 0).date_naive(), &b, Default::default(), false).expect("export");
    }
    let dirs = ["a", "b"].map(|d| shop.dir.path().join(d).to_str().expect("path").to_string());
    let pool = shop.dir.path().join("pool.db");
    let pool = pool.to_str().expect("path");
    let o = shop.usta(&["pool", "import", &dirs[0], &dirs[1], "--pool", pool]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stderr(&o), "", "no bar on a pipe");
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(
        lines[0].starts_with("imported   ") && lines[1].starts_with("unchanged  "),
        "{out}"
    );
    assert_eq!(lines[2], "1 imported, 1 already pooled, 0 conflicts, 0 rejected");
    assert!(
        !out.contains('\r') && !out.contains('\u{1b}'),
        "no terminal control codes"
    );
    let o = shop.usta(&["--json", "pool", "import", &dirs[0], &dirs[1], "--pool", pool]);
    assert_eq!(stderr(&o), "");
    let _: serde_json::Value = serde_json::from_slice(&o.stdout).expect("only JSON on stdout");
}
