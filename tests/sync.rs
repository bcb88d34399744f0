//! A back office and tills as real processes on 127.0.0.1 over real TLS: pairing, selling while the back office
//! is down, converging stock, prices flowing down, every refusal, and SIGKILLs in the middle of sync rounds.

mod support;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use support::{ADMIN, Shop, json, stderr, stdout, usta_on};
use usta::store::Store;
use usta::store::sync::ChainEntry;
use usta::sync::wire::SyncRequest;

const HAT: &str = "2100000000098"; // 2 500 som, 20 in stock
const SCARF: &str = "2100000000357"; // 1 900 som

/// The back office: the demo shop, served by `usta hub serve` on a fixed port so a restart keeps its address.
struct BackOffice {
    shop: Shop,
    port: u16,
    server: Option<Child>,
    /// The server's standard output, kept open so its later lines do not meet a closed pipe.
    output: Option<BufReader<std::process::ChildStdout>>,
}

impl BackOffice {
    fn new() -> BackOffice {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        BackOffice {
            shop: Shop::demo(),
            port,
            server: None,
            output: None,
        }
    }

    fn url(&self) -> String {
        format!("https://127.0.0.1:{}", self.port)
    }

    /// Starts the server and waits until it says it listens.
    fn start(&mut self) {
        assert!(self.server.is_none(), "already serving");
        let mut child = Command::new(env!("CARGO_BIN_EXE_usta"))
            .args([
                "--db",
                &self.shop.db.display().to_string(),
                "--as",
                ADMIN.0,
                "--pin",
                ADMIN.1,
            ])
            .args(["hub", "serve", "--listen", &format!("127.0.0.1:{}", self.port)])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the back office");
        let mut line = String::new();
        let mut output = BufReader::new(child.stdout.take().expect("stdout"));
        output.read_line(&mut line).expect("the back office's first line");
        assert!(line.contains("serving tills on"), "{line}");
        self.server = Some(child);
        self.output = Some(output);
    }

    fn kill(&mut self) {
        if let Some(mut child) = self.server.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    fn usta(&self, args: &[&str]) -> Output {
        self.shop.usta(args)
    }

    /// A new pairing code for a till at `location`.
    fn pair(&self, location: &str) -> (String, String) {
        let paired = json(&self.usta(&["--json", "hub", "pair", "--location", location]));
        (
            paired["register"].as_str().expect("register").to_string(),
            paired["code"].as_str().expect("code").to_string(),
        )
    }

    /// A till joined to this back office, its database in the back office's temp folder.
    fn join(&self, location: &str) -> Till {
        let (register, code) = self.pair(location);
        let db = self.shop.dir.path().join(format!("till-{register}.db"));
        let out = usta_on(&db, &["till", "join", &self.url(), "--code", &code]);
        assert!(out.status.success(), "join: {}", stderr(&out));
        Till { db, register }
    }

    fn replica(&self, register: &str) -> PathBuf {
        usta::sync::hub::replica_path(&self.shop.db, register)
    }

    fn on_hand(&self, code: &str) -> serde_json::Value {
        json(&self.usta(&["--json", "hub", "stock", code]))[0].clone()
    }
}

impl Drop for BackOffice {
    fn drop(&mut self) {
        self.kill();
    }
}

struct Till {
    db: PathBuf,
    register: String,
}

impl Till {
    fn usta(&self, args: &[&str]) -> Output {
        usta_on(&self.db, args)
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.usta(args);
        assert!(out.status.success(), "{} {args:?}: {}", self.register, stderr(&out));
        stdout(&out)
    }

    fn sync(&self) -> serde_json::Value {
        json(&self.usta(&["--json", "sync"]))["round"].clone()
    }

    fn sell(&self, code: &str, pay: &str) {
        self.ok(&["sell", code, "--pay", pay]);
    }

    /// The request body of a round that sends this till's whole chain, and its token.
    fn whole_chain(&self) -> (SyncRequest, String) {
        let store = Store::open_existing(&self.db).expect("till");
        let link = store.sync_link().expect("link").expect("joined");
        let (entries, rows) = store.chain_after(0).expect("chain");
        let req = SyncRequest {
            register: self.register.clone(),
            schema: usta::store::schema_version(),
            entries,
            rows,
            master_seq: link.master_seq,
        };
        (req, link.token.expect("token"))
    }

    fn pin(&self) -> String {
        let store = Store::open_existing(&self.db).expect("till");
        store
            .sync_link()
            .expect("link")
            .expect("joined")
            .fingerprint
            .expect("pin")
    }
}

fn verify_ok(db: &Path) {
    let out = usta_on(db, &["verify"]);
    assert!(
        out.status.success(),
        "verify {}: {}{}",
        db.display(),
        stdout(&out),
        stderr(&out)
    );
}

fn journal(db: &Path) -> Vec<(i64, String)> {
    let conn = rusqlite::Connection::open(db).expect("raw");
    conn.prepare("SELECT seq, hash FROM journal ORDER BY seq")
        .expect("sql")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("journal")
}

fn receipts(db: &Path) -> Vec<i64> {
    let conn = rusqlite::Connection::open(db).expect("raw");
    conn.prepare("SELECT receipt_no FROM sales ORDER BY receipt_no")
        .expect("sql")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("receipts")
}

fn post(url: &str, pin: &str, token: Option<&str>, req: &SyncRequest) -> (u16, serde_json::Value) {
    let body = serde_json::to_vec(req).expect("body");
    let (status, body) = usta::sync::net::post(url, pin, "/sync", token, body).expect("the request goes through");
    (status, serde_json::from_slice(&body).expect("json reply"))
}

#[test]
fn two_tills_sell_while_the_back_office_is_down_and_its_stock_converges() {
    let mut office = BackOffice::new();
    office.start();
    let bazaar = office.join("Osh bazaar");
    let airport = office.join("Manas airport");
    assert_eq!((bazaar.register.as_str(), airport.register.as_str()), ("R2", "R3"));
    let opening = office.on_hand(HAT)["total"].as_str().expect("qty").to_string();
    assert_eq!(opening, "20");

    office.kill();
    bazaar.sell(&format!("{HAT}*2"), "cash:5000");
    bazaar.sell(SCARF, "card:1900");
    airport.sell(HAT, "cash:2500");
    airport.sell(HAT, "card:2500");
    // Selling never waits on sync: the round fails, says why, and the till keeps its sales.
    let down = bazaar.usta(&["sync"]);
    assert!(!down.status.success());
    assert!(
        stderr(&down).contains("cannot reach the back office"),
        "{}",
        stderr(&down)
    );
    bazaar.sell(HAT, "cash:2500");

    office.start();
    for till in [&bazaar, &airport] {
        let round = till.sync();
        assert!(round["pushed"].as_u64().expect("pushed") > 0, "{round}");
        assert_eq!(round["waiting"], 0);
        assert_eq!(journal(&till.db), journal(&office.replica(&till.register)));
    }
    let hat = office.on_hand(HAT);
    assert_eq!(hat["total"], "15", "{hat}");
    assert_eq!(hat["by_location"]["Osh bazaar"], "-3");
    assert_eq!(hat["by_location"]["Manas airport"], "-2");
    assert_eq!(hat["by_location"]["back office"], "20");
    assert_eq!(receipts(&office.replica("R2")), vec![1, 2, 3]);
    assert_eq!(receipts(&office.replica("R3")), vec![1, 2]);
    // The back office's verify checks its own books and every register's replica.
    let out = office.usta(&["verify"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("register R2") && stdout(&out).contains("register R3"));
    verify_ok(&bazaar.db);
    verify_ok(&airport.db);

    // The shop day across registers: each till's X and the total.
    let day = json(&office.usta(&["--json", "hub", "day"]));
    let registers: Vec<&str> = day["registers"]
        .as_array()
        .expect("registers")
        .iter()
        .map(|r| r["register"].as_str().expect("id"))
        .collect();
    assert_eq!(registers, ["R2", "R3"], "{day}");
    assert_eq!(day["sales_count"], 5, "{day}");
    assert_eq!(day["net"], "14400.00", "{day}"); // 5 000 + 1 900 + 2 500 at the bazaar, 2 × 2 500 at the airport

    let tills = json(&office.usta(&["--json", "hub", "tills"]));
    assert_eq!(tills[0]["register"], "R2");
    assert!(tills[0]["last_sync"].is_string());
}

#[test]
fn a_price_changed_at_the_back_office_reaches_both_tills_and_their_next_sale() {
    let mut office = BackOffice::new();
    office.start();
    let bazaar = office.join("Osh bazaar");
    let airport = office.join("Manas airport");
    // Master data is the back office's: a till refuses to change it and says where.
    let price = office.shop.dir.path().join("price.csv");
    std::fs::write(&price, format!("barcode,name_ru,price\n{HAT},Ак калпак,3000.00\n")).expect("csv");
    let refused = bazaar.usta(&["catalog", "import", &price.display().to_string()]);
    assert!(!refused.status.success());
    assert!(stderr(&refused).contains("back office"), "{}", stderr(&refused));
    assert!(stderr(&refused).contains(&office.url()), "{}", stderr(&refused));

    bazaar.sell(HAT, "cash:2500");
    let out = office.usta(&["catalog", "import", &price.display().to_string()]);
    assert!(out.status.success(), "{}", stderr(&out));
    for till in [&bazaar, &airport] {
        let round = till.sync();
        assert!(round["master_rows"].as_u64().expect("rows") >= 1, "{round}");
        let receipt = till.ok(&["--json", "sell", HAT, "--pay", "cash:3000"]);
        assert!(receipt.contains("3000"), "{receipt}");
        // A second round sends the master entry and the sale; nothing more flows down.
        let again = till.sync();
        assert_eq!(again["master_rows"], 0, "{again}");
        verify_ok(&till.db);
    }
    // The sale rung before the till took the new price keeps the price it used.
    let conn = rusqlite::Connection::open(office.replica("R2")).expect("replica");
    let prices: Vec<i64> = conn
        .prepare("SELECT unit_price FROM sale_lines ORDER BY id")
        .expect("sql")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("prices");
    assert_eq!(prices, vec![250_000, 300_000]);
}

#[test]
fn unpaired_revoked_replayed_forged_foreign_and_mispinned_requests_are_refused_and_logged() {
    let mut office = BackOffice::new();
    office.start();
    let url = office.url();
    let bazaar = office.join("Osh bazaar");
    bazaar.sell(HAT, "cash:2500");
    let pin = bazaar.pin();
    let (chain, token) = bazaar.whole_chain();

    // No token, or a made-up one.
    let (status, reply) = post(&url, &pin, None, &chain);
    assert_eq!(status, 401, "{reply}");
    let (status, _) = post(&url, &pin, Some(&"ab".repeat(32)), &chain);
    assert_eq!(status, 401);

    // A forged entry: edited payload (the hash no longer matches), then an edited row (its digest does not).
    let mut forged = chain.entries.clone();
    let sale = forged
        .iter_mut()
        .find(|e| e.entry.kind == "sale")
        .expect("the sale's entry");
    sale.entry.payload.insert(1, ' ');
    let edited = SyncRequest {
        entries: forged,
        ..clone(&chain)
    };
    let (status, reply) = post(&url, &pin, Some(&token), &edited);
    assert_eq!(status, 409, "{reply}");
    assert!(reply["error"].as_str().expect("error").contains("forged"), "{reply}");
    let mut rows = chain.rows.clone();
    let sale = rows
        .get_mut("sales")
        .and_then(|m| m.values_mut().next())
        .and_then(|r| r.as_mut())
        .expect("sale");
    for (column, value) in sale.iter_mut() {
        if column == "total" {
            *value = serde_json::json!(100);
        }
    }
    let (status, reply) = post(&url, &pin, Some(&token), &SyncRequest { rows, ..clone(&chain) });
    assert_eq!(status, 409, "{reply}");
    assert!(!office.replica("R2").exists() || journal(&office.replica("R2")).is_empty());

    // Applied once, however often it is sent.
    let (status, first) = post(&url, &pin, Some(&token), &chain);
    assert_eq!(status, 200, "{first}");
    assert_eq!(first["applied"].as_u64(), Some(chain.entries.len() as u64));
    let (status, replay) = post(&url, &pin, Some(&token), &chain);
    assert_eq!(status, 200);
    assert_eq!(
        (replay["applied"].as_u64(), replay["duplicates"].as_u64()),
        (Some(0), Some(chain.entries.len() as u64))
    );
    assert_eq!(journal(&office.replica("R2")), journal(&bazaar.db));
    verify_ok(&office.replica("R2"));

    // Another register's entries: under another register's name, or its sales under one's own.
    let airport = office.join("Manas airport");
    let (_, airport_token) = airport.whole_chain();
    let (status, reply) = post(&url, &pin, Some(&airport_token), &chain);
    assert_eq!(status, 403, "{reply}");
    let as_r3 = SyncRequest {
        register: "R3".into(),
        ..clone(&chain)
    };
    let (status, reply) = post(&url, &pin, Some(&airport_token), &as_r3);
    assert!(status == 403 || status == 409, "{status} {reply}");
    assert!(
        !journal(&office.replica("R3"))
            .iter()
            .any(|e| chain.entries.iter().any(|c| c.hash == e.1))
    );

    // A revoked till.
    let out = office.usta(&["hub", "revoke", "R3"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let revoked = airport.usta(&["sync"]);
    assert!(!revoked.status.success());
    assert!(stderr(&revoked).contains("revoked"), "{}", stderr(&revoked));

    // A back office whose certificate is not the one the code names, and a code used twice.
    let wrong_pin = "00".repeat(16);
    let err = usta::sync::net::post(&url, &wrong_pin, "/sync", Some(&token), vec![]).expect_err("wrong pin");
    assert!(err.to_string().contains("not the one the pairing code names"), "{err}");
    let (_, code) = office.pair("Karakol");
    let mut mispinned = code.replace('-', "");
    let end = mispinned.len() - 1;
    mispinned.replace_range(end.., if mispinned.ends_with('0') { "1" } else { "0" });
    let db = office.shop.dir.path().join("mispinned.db");
    let out = usta_on(&db, &["till", "join", &url, "--code", &mispinned]);
    assert!(!out.status.success());
    assert!(!db.exists(), "a refused join creates no database");
    let once = office.shop.dir.path().join("once.db");
    assert!(
        usta_on(&once, &["till", "join", &url, "--code", &code])
            .status
            .success()
    );
    let twice = usta_on(
        &office.shop.dir.path().join("twice.db"),
        &["till", "join", &url, "--code", &code],
    );
    assert!(!twice.status.success());
    assert!(
        stderr(&twice).contains("unknown, used already or revoked"),
        "{}",
        stderr(&twice)
    );

    let store = Store::open_existing(&office.shop.db).expect("office");
    let events: Vec<String> = store
        .sync_log_entries()
        .expect("log")
        .into_iter()
        .map(|e| e.2)
        .collect();
    for event in ["unauthorised", "refused", "replay", "forbidden", "revoked"] {
        assert!(events.iter().any(|e| e == event), "{event} not logged: {events:?}");
    }
}

fn clone(req: &SyncRequest) -> SyncRequest {
    SyncRequest {
        register: req.register.clone(),
        schema: req.schema,
        entries: req.entries.iter().map(ChainEntry::clone).collect(),
        rows: req.rows.clone(),
        master_seq: req.master_seq,
    }
}

/// A small seeded generator (the test must replay the same kills).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

const KILLS: usize = 60;

#[test]
fn sigkill_of_the_back_office_or_a_till_during_sync_loses_nothing_and_applies_nothing_twice() {
    let mut office = BackOffice::new();
    office.start();
    let tills = [office.join("Osh bazaar"), office.join("Manas airport")];
    let mut rng = Lcg(0x5eed_0015);
    let mut sold = [0usize; 2];
    let mut kills = 0;
    while kills < KILLS {
        let i = rng.next(2) as usize;
        let till = &tills[i];
        till.sell(HAT, "cash:2500");
        sold[i] += 1;
        let mut round = Command::new(env!("CARGO_BIN_EXE_usta"))
            .args([
                "--db",
                &till.db.display().to_string(),
                "--as",
                ADMIN.0,
                "--pin",
                ADMIN.1,
                "sync",
            ])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("sync");
        std::thread::sleep(std::time::Duration::from_millis(rng.next(120)));
        let kill_office = rng.next(3) == 0;
        if kill_office {
            office.kill();
        } else {
            let _ = round.kill();
        }
        let _ = round.wait();
        kills += 1;
        if kill_office {
            office.start();
        }
    }
    for till in &tills {
        let round = till.sync();
        assert_eq!(round["waiting"], 0, "{round}");
    }
    for (till, sold) in tills.iter().zip(sold) {
        let replica = office.replica(&till.register);
        assert_eq!(
            journal(&till.db),
            journal(&replica),
            "{}: the replica is the till's chain",
            till.register
        );
        assert_eq!(
            receipts(&replica),
            (1..=sold as i64).collect::<Vec<_>>(),
            "{}",
            till.register
        );
        verify_ok(&till.db);
    }
    verify_ok(&office.shop.db);
    let hat = office.on_hand(HAT);
    assert_eq!(
        hat["total"].as_str().and_then(|t| t.parse::<i64>().ok()),
        Some(20 - (sold[0] + sold[1]) as i64),
        "{hat}"
    );
}

fn fails_with(out: &Output, words: &str) {
    assert!(!out.status.success(), "should have been refused: {}", stdout(out));
    assert!(stderr(out).contains(words), "{words:?} not in: {}", stderr(out));
}

#[test]
fn a_transfer_leaves_one_location_reaches_another_when_confirmed_and_the_total_stays() {
    let mut office = BackOffice::new();
    office.start();
    let bazaar = office.join("Osh bazaar");
    let airport = office.join("Manas airport");

    // From the back office to the bazaar: out here at once, in transit until the bazaar confirms.
    // A code typed in groups names the same hat.
    let sent = json(&office.usta(&[
        "--json",
        "stock",
        "transfer",
        "2100 0000 0009 8",
        "5",
        "--to",
        "Osh bazaar",
    ]));
    let first = sent["id"].as_str().expect("id").to_string();
    let hat = office.on_hand(HAT);
    assert_eq!(
        (&hat["total"], &hat["in_transit"], &hat["by_location"]["back office"]),
        (&"20".into(), &"5".into(), &"15".into()),
        "{hat}"
    );
    fails_with(
        &office.usta(&["stock", "transfer", HAT, "1", "--to", "Karakol"]),
        "no location 'Karakol'",
    );
    fails_with(
        &office.usta(&["stock", "transfer", HAT, "1", "--to", "back office"]),
        "at back office already",
    );

    // Each till hears of it at its next sync; only the location it goes to may confirm it, once.
    bazaar.sync();
    airport.sync();
    let incoming = json(&bazaar.usta(&["--json", "stock", "transfers"]));
    assert_eq!(incoming[0]["id"], first.as_str(), "{incoming}");
    assert_eq!(incoming[0]["to"], "Osh bazaar");
    fails_with(&airport.usta(&["stock", "confirm", &first]), "no transfer");
    fails_with(&office.usta(&["stock", "confirm", &first]), "goes to Osh bazaar");
    bazaar.ok(&["stock", "confirm", &first]);
    fails_with(&bazaar.usta(&["stock", "confirm", &first]), "confirmed already");
    bazaar.sync();
    let hat = office.on_hand(HAT);
    assert_eq!(hat["in_transit"], "0", "{hat}");
    assert_eq!(hat["by_location"]["Osh bazaar"], "5", "{hat}");
    assert_eq!(hat["total"], "20", "{hat}");

    // A till sends on to another till: in flight it shows at both ends and at the back office.
    let on = json(&bazaar.usta(&["--json", "stock", "transfer", HAT, "2", "--to", "Manas airport"]));
    let second = on["id"].as_str().expect("id").to_string();
    assert!(second.starts_with("R2-"), "{on}");
    let mine = json(&bazaar.usta(&["--json", "stock", "transfers"]));
    assert!(
        mine.as_array()
            .expect("list")
            .iter()
            .any(|t| t["id"] == second.as_str()),
        "{mine}"
    );
    bazaar.sync();
    let hat = office.on_hand(HAT);
    assert_eq!(
        (&hat["in_transit"], &hat["total"]),
        (&"2".into(), &"20".into()),
        "{hat}"
    );
    airport.sync();
    let theirs = json(&airport.usta(&["--json", "stock", "transfers"]));
    assert!(
        theirs
            .as_array()
            .expect("list")
            .iter()
            .any(|t| t["id"] == second.as_str()),
        "{theirs}"
    );
    airport.ok(&["stock", "confirm", &second]);

    // Rounds repeated on every side count nothing twice.
    for _ in 0..2 {
        airport.sync();
        bazaar.sync();
    }
    let hat = office.on_hand(HAT);
    assert_eq!(hat["by_location"]["back office"], "15", "{hat}");
    assert_eq!(hat["by_location"]["Osh bazaar"], "3", "{hat}");
    assert_eq!(hat["by_location"]["Manas airport"], "2", "{hat}");
    assert_eq!(
        (&hat["in_transit"], &hat["total"]),
        (&"0".into(), &"20".into()),
        "{hat}"
    );
    let waiting = json(&office.usta(&["--json", "stock", "transfers"]));
    assert_eq!(waiting, serde_json::json!([]), "{waiting}");
    let all = json(&office.usta(&["--json", "stock", "transfers", "--all"]));
    assert_eq!(all.as_array().map(Vec::len), Some(2), "{all}");
    assert_eq!(all[1]["received_by"], "R3", "{all}");
    for db in [&office.shop.db, &bazaar.db, &airport.db] {
        verify_ok(db);
    }
}

#[test]
fn two_tills_at_one_location_confirming_one_transfer_while_apart_count_it_once() {
    let mut office = BackOffice::new();
    office.start();
    let first = office.join("Osh bazaar");
    let second = office.join("Osh bazaar");
    let sent = json(&office.usta(&["--json", "stock", "transfer", HAT, "4", "--to", "Osh bazaar"]));
    let id = sent["id"].as_str().expect("id").to_string();
    first.sync();
    second.sync();

    // The back office goes down; each till of the bazaar takes the goods in, neither knowing of the other.
    office.kill();
    first.ok(&["stock", "confirm", &id]);
    second.ok(&["stock", "confirm", &id]);
    office.start();

    // The later confirmation reaches the back office first and counts until the earlier one arrives; then the
    // back office names the earlier one, and the other till undoes its own at its next round, sending the
    // undoing in the same round.
    assert_eq!(second.sync()["counted_elsewhere"], serde_json::Value::Null);
    assert_eq!(first.sync()["counted_elsewhere"], serde_json::Value::Null);
    let said = second.ok(&["sync"]);
    assert!(
        said.contains(&format!("transfer {id} was confirmed first at another till")),
        "{said}"
    );
    let hat = office.on_hand(HAT);
    assert_eq!(hat["by_location"]["Osh bazaar"], "4", "{hat}");
    assert_eq!(hat["by_location"]["back office"], "16", "{hat}");
    assert_eq!(
        (&hat["in_transit"], &hat["total"]),
        (&"0".into(), &"20".into()),
        "{hat}"
    );
    let all = json(&office.usta(&["--json", "stock", "transfers", "--all"]));
    assert_eq!(all[0]["received_by"], first.register.as_str(), "{all}");
    assert_eq!(
        all[0]["also_confirmed_by"],
        serde_json::json!([second.register]),
        "{all}"
    );

    // The till that undid its confirmation shows the one that counts, refuses a third, and more rounds on
    // either side change nothing.
    let theirs = json(&second.usta(&["--json", "stock", "transfers", "--all"]));
    assert_eq!(theirs[0]["received_by"], first.register.as_str(), "{theirs}");
    fails_with(&second.usta(&["stock", "confirm", &id]), "confirmed already");
    for _ in 0..2 {
        assert_eq!(second.sync()["counted_elsewhere"], serde_json::Value::Null);
        assert_eq!(first.sync()["counted_elsewhere"], serde_json::Value::Null);
    }
    let hat = office.on_hand(HAT);
    assert_eq!(hat["by_location"]["Osh bazaar"], "4", "{hat}");
    assert_eq!(hat["total"], "20", "{hat}");
    for db in [&office.shop.db, &first.db, &second.db] {
        verify_ok(db);
    }
}

#[test]
fn a_one_of_a_kind_item_sold_at_two_tills_while_apart_is_a_conflict_until_the_manager_settles_it() {
    let mut office = BackOffice::new();
    office.start();
    let bazaar = office.join("Osh bazaar");
    let airport = office.join("Manas airport");
    // The last scarf of its kind.
    let had: i64 = office.on_hand(SCARF)["total"]
        .as_str()
        .and_then(|q| q.parse().ok())
        .expect("scarves");
    let keep = (1 - had).to_string();
    let out = office.usta(&[
        "stock",
        "adjust",
        SCARF,
        &keep,
        "--reason",
        "the others went to the museum",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        json(&office.usta(&["--json", "stock", "conflicts"])),
        serde_json::json!([])
    );

    office.kill();
    bazaar.sell(SCARF, "cash:1900");
    airport.sell(SCARF, "card:1900");
    office.start();
    bazaar.sync();
    airport.sync();

    let conflicts = json(&office.usta(&["--json", "stock", "conflicts"]));
    assert_eq!(conflicts.as_array().map(Vec::len), Some(1), "{conflicts}");
    assert_eq!(conflicts[0]["barcode"], SCARF);
    assert_eq!(conflicts[0]["total"], "-1");
    let sold: Vec<&str> = conflicts[0]["sold"]
        .as_array()
        .expect("sold")
        .iter()
        .map(|s| s["register"].as_str().expect("register"))
        .collect();
    assert_eq!(sold, ["R2", "R3"], "{conflicts}");
    assert!(stdout(&office.usta(&["stock", "conflicts"])).contains(SCARF));

    // Settled only at the back office, only with a reason, only for a product in conflict.
    fails_with(&bazaar.usta(&["stock", "conflicts"]), "back office's");
    fails_with(
        &bazaar.usta(&["stock", "resolve", SCARF, "--reason", "x"]),
        "back office's",
    );
    fails_with(&office.usta(&["stock", "resolve", SCARF, "--reason", " "]), "--reason");
    fails_with(
        &office.usta(&["stock", "resolve", HAT, "--reason", "x"]),
        "not in conflict",
    );
    let out = office.usta(&[
        "stock",
        "resolve",
        "2100 0000 0035 7",
        "--reason",
        "two scarves were in the bag",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        json(&office.usta(&["--json", "stock", "conflicts"])),
        serde_json::json!([])
    );
    assert_eq!(office.on_hand(SCARF)["total"], "0");
    let conn = rusqlite::Connection::open(&office.shop.db).expect("raw");
    let reason: String = conn
        .query_row("SELECT reason FROM stock_movements ORDER BY id DESC LIMIT 1", [], |r| {
            r.get(0)
        })
        .expect("the adjustment");
    assert!(reason.contains("two scarves were in the bag"), "{reason}");
    verify_ok(&office.shop.db);
}

#[test]
fn the_back_office_exports_every_registers_closed_day_each_verifiable_and_verifies_every_chain() {
    let mut office = BackOffice::new();
    office.start();
    let bazaar = office.join("Osh bazaar");
    let airport = office.join("Manas airport");
    bazaar.sell(HAT, "cash:2500");
    airport.sell(SCARF, "card:1900");
    let mut date = String::new();
    for till in [&bazaar, &airport] {
        let closed = json(&till.usta(&["--json", "day", "close", "--count", "KGS:2500"]));
        date = closed["day"].as_str().expect("the day").to_string();
        till.sync();
    }
    let out_dir = office.shop.dir.path().join("association");
    let out = office.shop.dir.path().join("association").display().to_string();
    fails_with(
        &bazaar.usta(&["ledger", "export", "--date", &date, "--all-registers", "--out", &out]),
        "for the back office",
    );
    let done = json(&office.usta(&[
        "--json",
        "ledger",
        "export",
        "--date",
        &date,
        "--all-registers",
        "--out",
        &out,
    ]));
    let written: Vec<&str> = done["registers"]
        .as_array()
        .expect("registers")
        .iter()
        .map(|r| r["shop_id"].as_str().expect("shop id"))
        .collect();
    assert_eq!(written.len(), 2, "{done}");
    assert!(written[0].ends_with("-R2") && written[1].ends_with("-R3"), "{done}");
    for register in ["R2", "R3"] {
        let dir = out_dir.join(register);
        let verified = json(&office.usta(&["--json", "ledger", "verify", &dir.display().to_string()]));
        assert_eq!(verified["ok"], true, "{verified}");
        assert_eq!(verified["provisional"], false, "{verified}");
    }
    let r2 = json(&office.usta(&["--json", "ledger", "verify", &out_dir.join("R2").display().to_string()]));
    assert_eq!(r2["net"], "2500.00", "{r2}");
    // Again without --force: refused, nothing replaced.
    fails_with(
        &office.usta(&["ledger", "export", "--date", &date, "--all-registers", "--out", &out]),
        "--force",
    );

    // The back office's verify walks every replica; an edited replica row is named.
    let out = office.usta(&["verify"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("register R2") && stdout(&out).contains("register R3"),
        "{}",
        stdout(&out)
    );
    office.kill();
    let conn = rusqlite::Connection::open(office.replica("R3")).expect("replica");
    conn.execute("UPDATE products SET name_en = name_en || '!'", [])
        .expect("an edit behind Usta's back");
    drop(conn);
    let out = office.usta(&["verify"]);
    assert!(!out.status.success(), "{}", stdout(&out));
    let said = format!("{}{}", stdout(&out), stderr(&out));
    assert!(said.contains("R3"), "{said}");
}
