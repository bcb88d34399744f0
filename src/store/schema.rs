//! Versioned migrations, applied in order inside one transaction each; `PRAGMA user_version` records the last.

use super::{APPLICATION_ID, Result, StoreError};
use rusqlite::Connection;
use std::path::Path;

/// Each entry moves the schema from version `index` to `index + 1`. Never edit a released entry: add a new one.
pub(super) const MIGRATIONS: &[&str] = &[
    // 1: catalog, sales, payments, stock ledger, settings, rates.
    r#"
    CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
    CREATE TABLE categories(
        code TEXT PRIMARY KEY, name_ky TEXT NOT NULL, name_ru TEXT NOT NULL, name_en TEXT NOT NULL) STRICT;
    CREATE TABLE artisans(
        id INTEGER PRIMARY KEY, code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, village TEXT NOT NULL DEFAULT '',
        region TEXT NOT NULL DEFAULT '', commission_pct TEXT NOT NULL, phone TEXT NOT NULL DEFAULT '') STRICT;
    CREATE TABLE products(
        id INTEGER PRIMARY KEY,
        name_ky TEXT NOT NULL, name_ru TEXT NOT NULL, name_en TEXT NOT NULL,
        category TEXT NOT NULL REFERENCES categories(code),
        price INTEGER NOT NULL CHECK (price > 0),            -- tyiyn
        tax_group TEXT NOT NULL,
        artisan_id INTEGER REFERENCES artisans(id),
        commission_pct TEXT,
        attributes TEXT NOT NULL DEFAULT '',
        active INTEGER NOT NULL DEFAULT 1) STRICT;
    CREATE INDEX products_artisan ON products(artisan_id);
    CREATE TABLE barcodes(code TEXT PRIMARY KEY, product_id INTEGER NOT NULL REFERENCES products(id)) STRICT, WITHOUT ROWID;
    CREATE INDEX barcodes_product ON barcodes(product_id);

    -- Word-prefix search over the three names; unicode61 folds case for Cyrillic and Latin alike.
    CREATE VIRTUAL TABLE products_fts USING fts5(
        name_ky, name_ru, name_en, content='products', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2', prefix='1 2 3');
    CREATE TRIGGER products_fts_insert AFTER INSERT ON products BEGIN
        INSERT INTO products_fts(rowid, name_ky, name_ru, name_en) VALUES (new.id, new.name_ky, new.name_ru, new.name_en);
    END;
    CREATE TRIGGER products_fts_update AFTER UPDATE OF name_ky, name_ru, name_en ON products BEGIN
        INSERT INTO products_fts(products_fts, rowid, name_ky, name_ru, name_en)
            VALUES ('delete', old.id, old.name_ky, old.name_ru, old.name_en);
        INSERT INTO products_fts(rowid, name_ky, name_ru, name_en) VALUES (new.id, new.name_ky, new.name_ru, new.name_en);
    END;

    CREATE TABLE registers(id TEXT PRIMARY KEY, last_receipt_no INTEGER NOT NULL DEFAULT 0) STRICT;
    CREATE TABLE sales(
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL CHECK (kind IN ('sale', 'return')),
        register TEXT NOT NULL REFERENCES registers(id),
        receipt_no INTEGER NOT NULL,
        original_sale_id INTEGER REFERENCES sales(id),
        at TEXT NOT NULL,                                     -- RFC 3339, Asia/Bishkek offset
        subtotal INTEGER NOT NULL, discount INTEGER NOT NULL, total INTEGER NOT NULL,
        change INTEGER NOT NULL, rounding INTEGER NOT NULL,
        UNIQUE (register, receipt_no)) STRICT;
    CREATE INDEX sales_at ON sales(at);
    CREATE TABLE sale_lines(
        id INTEGER PRIMARY KEY,
        sale_id INTEGER NOT NULL REFERENCES sales(id),
        line_no INTEGER NOT NULL,
        product_id INTEGER NOT NULL REFERENCES products(id),
        barcode TEXT,
        name_ky TEXT NOT NULL, name_ru TEXT NOT NULL, name_en TEXT NOT NULL,
        category TEXT NOT NULL,
        qty_milli INTEGER NOT NULL CHECK (qty_milli > 0),
        unit_price INTEGER NOT NULL, gross INTEGER NOT NULL, discount INTEGER NOT NULL, amount INTEGER NOT NULL,
        tax_group TEXT NOT NULL, vat_pct TEXT NOT NULL,
        artisan TEXT, commission_pct TEXT,
        original_line_id INTEGER REFERENCES sale_lines(id),
        UNIQUE (sale_id, line_no)) STRICT;
    CREATE INDEX sale_lines_original ON sale_lines(original_line_id);
    CREATE TABLE payments(
        id INTEGER PRIMARY KEY,
        sale_id INTEGER NOT NULL REFERENCES sales(id),
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('cash', 'card', 'qr')),
        currency TEXT NOT NULL,
        tendered TEXT NOT NULL,
        tendered_som INTEGER NOT NULL,
        applied INTEGER NOT NULL) STRICT;
    CREATE INDEX payments_sale ON payments(sale_id);
    CREATE TABLE sale_taxes(
        sale_id INTEGER NOT NULL REFERENCES sales(id),
        vat_pct TEXT NOT NULL, sales_tax_pct TEXT NOT NULL,
        gross INTEGER NOT NULL, vat INTEGER NOT NULL, sales_tax INTEGER NOT NULL, net INTEGER NOT NULL) STRICT;
    CREATE INDEX sale_taxes_sale ON sale_taxes(sale_id);
    CREATE TABLE stock_movements(
        id INTEGER PRIMARY KEY,
        product_id INTEGER NOT NULL REFERENCES products(id),
        kind TEXT NOT NULL CHECK (kind IN ('receive', 'sale', 'return', 'adjust', 'count')),
        qty_milli INTEGER NOT NULL,
        reason TEXT,
        sale_id INTEGER REFERENCES sales(id),
        at TEXT NOT NULL) STRICT;
    CREATE INDEX stock_movements_product ON stock_movements(product_id);
    CREATE TABLE exchange_rates(
        date TEXT NOT NULL, currency TEXT NOT NULL, som_per_unit TEXT NOT NULL, source TEXT NOT NULL,
        PRIMARY KEY (date, currency)) STRICT;

    -- The books are append-only: corrections are new rows.
    CREATE TRIGGER sales_no_update BEFORE UPDATE ON sales BEGIN SELECT RAISE(ABORT, 'sales are append-only'); END;
    CREATE TRIGGER sales_no_delete BEFORE DELETE ON sales BEGIN SELECT RAISE(ABORT, 'sales are append-only'); END;
    CREATE TRIGGER sale_lines_no_update BEFORE UPDATE ON sale_lines BEGIN SELECT RAISE(ABORT, 'sale lines are append-only'); END;
    CREATE TRIGGER sale_lines_no_delete BEFORE DELETE ON sale_lines BEGIN SELECT RAISE(ABORT, 'sale lines are append-only'); END;
    CREATE TRIGGER payments_no_update BEFORE UPDATE ON payments BEGIN SELECT RAISE(ABORT, 'payments are append-only'); END;
    CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments BEGIN SELECT RAISE(ABORT, 'payments are append-only'); END;
    CREATE TRIGGER stock_no_update BEFORE UPDATE ON stock_movements BEGIN SELECT RAISE(ABORT, 'stock movements are append-only'); END;
    CREATE TRIGGER stock_no_delete BEFORE DELETE ON stock_movements BEGIN SELECT RAISE(ABORT, 'stock movements are append-only'); END;
    "#,
    // 2: the open cart survives a crash; parked carts wait for their customer.
    r#"
    CREATE TABLE cart_drafts(register TEXT PRIMARY KEY, cart TEXT NOT NULL, updated_at TEXT NOT NULL) STRICT;
    CREATE TABLE parked_carts(
        id INTEGER PRIMARY KEY, register TEXT NOT NULL, label TEXT NOT NULL, cart TEXT NOT NULL,
        parked_at TEXT NOT NULL, resumed_at TEXT) STRICT;
    "#,
    // 3: the print queue. A job is what should come out of the printer; printing never blocks or undoes a sale.
    r#"
    CREATE TABLE print_jobs(
        id INTEGER PRIMARY KEY,
        kind TEXT NOT NULL,                                   -- receipt, label, test, and documents later issues add
        sale_id INTEGER REFERENCES sales(id),
        product_id INTEGER REFERENCES products(id),
        ref_id INTEGER,                                       -- the row a document job prints (form, report…)
        copy INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'printed', 'cancelled')),
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        printed_at TEXT) STRICT;
    CREATE INDEX print_jobs_status ON print_jobs(status);
    "#,
    // Issue 7: the hash-chained journal, business days with their cash drawer, and artisan payouts. A sale
    // belongs to the business day that was open when it was committed (NULL on sales from before: their
    // calendar day).
    r#"
    CREATE TABLE journal(
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        ref TEXT NOT NULL,
        payload TEXT NOT NULL,                                -- compact JSON of the event
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL UNIQUE) STRICT;
    CREATE TABLE days(
        id INTEGER PRIMARY KEY,
        day TEXT NOT NULL UNIQUE,                             -- YYYY-MM-DD, the business day
        opened_at TEXT NOT NULL,
        implicit INTEGER NOT NULL DEFAULT 0) STRICT;          -- opened by a sale, not by the manager
    CREATE TABLE day_closes(
        id INTEGER PRIMARY KEY,
        day TEXT NOT NULL UNIQUE REFERENCES days(day),
        closed_at TEXT NOT NULL,
        report TEXT NOT NULL,                                 -- the Z report as JSON, as printed
        journal_head TEXT NOT NULL) STRICT;
    CREATE TABLE cash_moves(
        id INTEGER PRIMARY KEY,
        day TEXT NOT NULL REFERENCES days(day),
        kind TEXT NOT NULL CHECK (kind IN ('float', 'in', 'out', 'payout')),
        currency TEXT NOT NULL,
        amount TEXT NOT NULL CHECK (CAST(amount AS REAL) > 0),
        reason TEXT NOT NULL,
        at TEXT NOT NULL) STRICT;
    CREATE INDEX cash_moves_day ON cash_moves(day);
    CREATE TABLE payouts(
        id INTEGER PRIMARY KEY,
        artisan TEXT NOT NULL REFERENCES artisans(code),
        amount INTEGER NOT NULL CHECK (amount > 0),           -- tyiyn
        day TEXT NOT NULL REFERENCES days(day),
        note TEXT NOT NULL DEFAULT '',
        at TEXT NOT NULL) STRICT;
    CREATE INDEX payouts_artisan ON payouts(artisan);
    ALTER TABLE sales ADD COLUMN day TEXT;
    CREATE INDEX sales_day ON sales(day);

    CREATE TRIGGER sales_closed_day BEFORE INSERT ON sales
        WHEN EXISTS (SELECT 1 FROM day_closes WHERE day = new.day) BEGIN
        SELECT RAISE(ABORT, 'the business day is closed'); END;
    CREATE TRIGGER cash_moves_closed_day BEFORE INSERT ON cash_moves
        WHEN EXISTS (SELECT 1 FROM day_closes WHERE day = new.day) BEGIN
        SELECT RAISE(ABORT, 'the business day is closed'); END;
    CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
    CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal BEGIN SELECT RAISE(ABORT, 'the journal is append-only'); END;
    CREATE TRIGGER days_no_update BEFORE UPDATE ON days BEGIN SELECT RAISE(ABORT, 'days are append-only'); END;
    CREATE TRIGGER days_no_delete BEFORE DELETE ON days BEGIN SELECT RAISE(ABORT, 'days are append-only'); END;
    CREATE TRIGGER day_closes_no_update BEFORE UPDATE ON day_closes BEGIN SELECT RAISE(ABORT, 'day closes are append-only'); END;
    CREATE TRIGGER day_closes_no_delete BEFORE DELETE ON day_closes BEGIN SELECT RAISE(ABORT, 'day closes are append-only'); END;
    CREATE TRIGGER cash_moves_no_update BEFORE UPDATE ON cash_moves BEGIN SELECT RAISE(ABORT, 'cash movements are append-only'); END;
    CREATE TRIGGER cash_moves_no_delete BEFORE DELETE ON cash_moves BEGIN SELECT RAISE(ABORT, 'cash movements are append-only'); END;
    CREATE TRIGGER payouts_no_update BEFORE UPDATE ON payouts BEGIN SELECT RAISE(ABORT, 'payouts are append-only'); END;
    CREATE TRIGGER payouts_no_delete BEFORE DELETE ON payouts BEGIN SELECT RAISE(ABORT, 'payouts are append-only'); END;
    "#,
    // Tax-free forms and fiscal registration. A form is stored whole as issued (JSON) and never changes; a void is
    // a row beside it. Serial numbers are gapless per shop: taken inside the issuing transaction. The fiscal row of
    // a sale is written after the sale commits, so a register that is down never loses a sale: it stays pending.
    r#"
    CREATE TABLE taxfree_forms(
        id INTEGER PRIMARY KEY,
        serial INTEGER NOT NULL UNIQUE CHECK (serial > 0),
        number TEXT NOT NULL UNIQUE,
        sale_id INTEGER NOT NULL REFERENCES sales(id),
        issued_at TEXT NOT NULL,
        replaces_id INTEGER REFERENCES taxfree_forms(id),
        document TEXT NOT NULL) STRICT;
    CREATE INDEX taxfree_forms_sale ON taxfree_forms(sale_id);
    CREATE TABLE taxfree_voids(
        form_id INTEGER PRIMARY KEY REFERENCES taxfree_forms(id),
        reason TEXT NOT NULL CHECK (length(trim(reason)) > 0),
        at TEXT NOT NULL,
        return_sale_id INTEGER REFERENCES sales(id)) STRICT;
    CREATE TRIGGER taxfree_forms_no_update BEFORE UPDATE ON taxfree_forms BEGIN SELECT RAISE(ABORT, 'tax-free forms are never edited'); END;
    CREATE TRIGGER taxfree_forms_no_delete BEFORE DELETE ON taxfree_forms BEGIN SELECT RAISE(ABORT, 'tax-free forms are never deleted'); END;
    CREATE TRIGGER taxfree_voids_no_update BEFORE UPDATE ON taxfree_voids BEGIN SELECT RAISE(ABORT, 'voids are final'); END;
    CREATE TRIGGER taxfree_voids_no_delete BEFORE DELETE ON taxfree_voids BEGIN SELECT RAISE(ABORT, 'voids are final'); END;
    CREATE TABLE fiscal_documents(
        sale_id INTEGER PRIMARY KEY REFERENCES sales(id),
        status TEXT NOT NULL CHECK (status IN ('pending', 'registered', 'before')),
        mode TEXT NOT NULL,
        fn_number TEXT, fd_number INTEGER, fiscal_sign TEXT,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        updated_at TEXT NOT NULL) STRICT;
    CREATE INDEX fiscal_documents_status ON fiscal_documents(status);
    -- Sales from before the fiscal adapter are not registered after the fact.
    INSERT INTO fiscal_documents(sale_id, status, mode, updated_at) SELECT id, 'before', 'none', at FROM sales;
    "#,
    // 7: users with roles and argon2 PIN hashes (never the PIN), never deleted; every sale names its cashier.
    r#"
    CREATE TABLE users(
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
        role TEXT NOT NULL CHECK (role IN ('cashier', 'manager', 'admin')),
        pin_hash TEXT NOT NULL CHECK (pin_hash LIKE '$argon2%'),
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL) STRICT;
    CREATE TRIGGER users_no_delete BEFORE DELETE ON users BEGIN SELECT RAISE(ABORT, 'users are deactivated, never deleted'); END;
    ALTER TABLE sales ADD COLUMN user TEXT;
    "#,
    ROW_DIGESTS,
    // The PIN lockout counts a user's wrong-PIN entries from the newest back on every sign-in.
    r#"
    CREATE INDEX journal_ref ON journal(ref);
    "#,
    // The numbering high-water mark (store/head.rs): a restore raises the fiscal document counter here, so a
    // restored older backup never issues a fiscal document number again; the index keeps the last number cheap.
    r#"
    CREATE TABLE fiscal_counters(mode TEXT PRIMARY KEY, last_fd INTEGER NOT NULL CHECK (last_fd >= 0)) STRICT;
    CREATE INDEX fiscal_documents_fd ON fiscal_documents(fd_number);
    "#,
    // Scale: a business day's sales are found through the very expression the reports filter by (the day, or the
    // date of `at` for sales from before days existed), so an X report or a day close after two years costs what
    // it did on the first day.
    r#"
    CREATE INDEX sales_business_day ON sales(coalesce(day, substr(at, 1, 10)));
    "#,
    // A day's rows found by index, so its ledger export does not grow with years of history: a sale's stock
    // movements, and the movements without a sale by time (the sales' business-day index is the one above).
    r#"
    CREATE INDEX stock_movements_sale ON stock_movements(sale_id);
    CREATE INDEX stock_movements_unsold_at ON stock_movements(at) WHERE sale_id IS NULL;
    "#,
    PRODUCT_UNITS,
    // Several tills and a back office (src/sync): how this database is wired (no row: standalone), the back
    // office's paired tills with digests of their one-time codes and tokens, and what it refused. None of them
    // is a fact: each register's books travel as its own journal chain.
    r#"
    CREATE TABLE sync_link(
        id INTEGER PRIMARY KEY CHECK (id = 1),
        role TEXT NOT NULL CHECK (role IN ('hub', 'till')),
        register TEXT NOT NULL,
        location TEXT NOT NULL,
        url TEXT, fingerprint TEXT, token TEXT,
        pushed_seq INTEGER NOT NULL DEFAULT 0,                -- the back office holds this till's chain up to here
        master_seq INTEGER NOT NULL DEFAULT 0,                -- the back office's journal head at the last master data
        last_sync TEXT) STRICT;
    CREATE TABLE hub_tills(
        register TEXT PRIMARY KEY,
        location TEXT NOT NULL,
        code_hash TEXT UNIQUE,                                -- SHA-256 of the one-time pairing secret, until used
        token_hash TEXT UNIQUE,                               -- SHA-256 of the till's token, once joined
        paired_at TEXT NOT NULL, joined_at TEXT, revoked_at TEXT, last_sync TEXT,
        pushed_seq INTEGER NOT NULL DEFAULT 0) STRICT;
    CREATE TABLE sync_log(
        id INTEGER PRIMARY KEY, at TEXT NOT NULL, register TEXT, event TEXT NOT NULL, detail TEXT NOT NULL) STRICT;
    "#,
    // Product photos and craft data (store/photos.rs): each stored picture once, by the SHA-256 of its bytes (the
    // files live in `photos/` beside the database), which products show it and in what order (a removed photo
    // keeps its row with the time it was taken off), and each product's technique, materials and online flag.
    r#"
    CREATE TABLE photos(
        sha256 TEXT PRIMARY KEY,
        width INTEGER NOT NULL, height INTEGER NOT NULL, bytes INTEGER NOT NULL,
        thumb_sha256 TEXT NOT NULL, thumb_width INTEGER NOT NULL, thumb_height INTEGER NOT NULL,
        added_at TEXT NOT NULL) STRICT;
    CREATE TABLE product_photos(
        product_id INTEGER NOT NULL REFERENCES products(id),
        photo TEXT NOT NULL REFERENCES photos(sha256),
        position INTEGER NOT NULL,
        added_at TEXT NOT NULL,
        removed_at TEXT,
        PRIMARY KEY (product_id, photo)) STRICT;
    CREATE TABLE product_details(
        product_id INTEGER PRIMARY KEY REFERENCES products(id),
        technique TEXT,
        materials_ky TEXT NOT NULL DEFAULT '', materials_ru TEXT NOT NULL DEFAULT '', materials_en TEXT NOT NULL DEFAULT '',
        sell_online INTEGER NOT NULL DEFAULT 0 CHECK (sell_online IN (0, 1))) STRICT;
    CREATE TRIGGER photos_no_delete BEFORE DELETE ON photos BEGIN SELECT RAISE(ABORT, 'photos are never deleted'); END;
    CREATE TRIGGER product_photos_no_delete BEFORE DELETE ON product_photos BEGIN
        SELECT RAISE(ABORT, 'a photo is taken off a product, never deleted'); END;
    CREATE TRIGGER product_details_no_delete BEFORE DELETE ON product_details BEGIN
        SELECT RAISE(ABORT, 'craft data is changed, never deleted'); END;
    "#,
    PRODUCT_COST,
    // Why goods came back: one row per return, written in the return's transaction and never changed.
    r#"
    CREATE TABLE return_reasons(
        sale_id INTEGER PRIMARY KEY REFERENCES sales(id),
        reason TEXT NOT NULL CHECK (reason IN ('defective', 'wrong-size', 'changed-mind', 'other')),
        note TEXT NOT NULL DEFAULT '',
        CHECK (reason <> 'other' OR length(trim(note)) > 0)) STRICT;
    CREATE TRIGGER return_reasons_no_update BEFORE UPDATE ON return_reasons BEGIN SELECT RAISE(ABORT, 'return reasons are final'); END;
    CREATE TRIGGER return_reasons_no_delete BEFORE DELETE ON return_reasons BEGIN SELECT RAISE(ABORT, 'return reasons are final'); END;
    "#,
    // The National Bank's rates as imported: each import is a new dated set with its source, never overwritten
    // (a typed rate in `exchange_rates` is one per day and currency; the bank's are kept as the bank gave them).
    r#"
    CREATE TABLE imported_rates(
        id INTEGER PRIMARY KEY,
        import_id INTEGER NOT NULL,
        date TEXT NOT NULL,
        currency TEXT NOT NULL,
        nominal INTEGER NOT NULL CHECK (nominal > 0),
        value TEXT NOT NULL,
        som_per_unit TEXT NOT NULL,
        source TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        UNIQUE (import_id, currency)) STRICT;
    CREATE INDEX imported_rates_date ON imported_rates(currency, date);
    CREATE TRIGGER imported_rates_no_update BEFORE UPDATE ON imported_rates BEGIN SELECT RAISE(ABORT, 'imported rates are append-only'); END;
    CREATE TRIGGER imported_rates_no_delete BEFORE DELETE ON imported_rates BEGIN SELECT RAISE(ABORT, 'imported rates are append-only'); END;
    "#,
    TRANSFERS,
    // Name search at 1,000,000 products: an index of every name's first word (see PRODUCT_HEADS).
    PRODUCT_HEADS,
    // Each sale line keeps its product's craft technique and its artisan's region as they were when it was sold.
    LINE_CRAFT,
    // A checkout finds each currency's latest typed rate by currency: through the (date, currency) key alone, a
    // currency typed once two years ago was found by reading every rate typed since.
    "CREATE INDEX exchange_rates_currency ON exchange_rates(currency, date);",
];

/// What the shop paid for a product (tyiyn per unit), where the manager knows it: reports show margin on it.
/// NULL is "no cost known", never zero. Every product row gains the column, so the journal restates them.
const PRODUCT_COST: &str = r#"
    ALTER TABLE products ADD COLUMN cost INTEGER CHECK (cost IS NULL OR cost >= 0);
"#;

/// A sale line records its product's craft technique and its artisan's region as they were at the sale (a return
/// line those of the line it returns), like its names and category, so a day's ledger exported again after the
/// catalog changed is the same ledger. Lines from before have NULL: their ledgers take the catalog's values. Every
/// line row gains the columns, so the journal restates them.
const LINE_CRAFT: &str = r#"
    ALTER TABLE sale_lines ADD COLUMN technique TEXT;
    ALTER TABLE sale_lines ADD COLUMN region TEXT;
"#;

/// Goods moved between a cooperative's locations. The sending register writes the transfer with its outgoing
/// movement; the receiving register writes its receipt with the incoming movement when it confirms, in its own
/// chain (a receipt names a transfer held in another register's books, so it has no foreign key). What the back
/// office last told a till (the locations, the transfers touching it) is a cache, not the books.
const TRANSFERS: &str = r#"
    CREATE TABLE stock_transfers(
        id TEXT PRIMARY KEY,                                  -- 'R2-1': the sending register and its own number
        product_id INTEGER NOT NULL REFERENCES products(id),
        qty_milli INTEGER NOT NULL CHECK (qty_milli > 0),
        from_location TEXT NOT NULL, to_location TEXT NOT NULL CHECK (to_location <> from_location),
        sent_at TEXT NOT NULL,
        movement_id INTEGER NOT NULL REFERENCES stock_movements(id)) STRICT;
    CREATE TABLE stock_transfer_receipts(
        transfer_id TEXT PRIMARY KEY,                         -- one receipt per transfer in a register's books
        location TEXT NOT NULL,
        received_at TEXT NOT NULL,
        movement_id INTEGER NOT NULL REFERENCES stock_movements(id)) STRICT;
    CREATE TRIGGER stock_transfers_no_update BEFORE UPDATE ON stock_transfers BEGIN SELECT RAISE(ABORT, 'transfers are append-only'); END;
    CREATE TRIGGER stock_transfers_no_delete BEFORE DELETE ON stock_transfers BEGIN SELECT RAISE(ABORT, 'transfers are append-only'); END;
    CREATE TRIGGER stock_transfer_receipts_no_update BEFORE UPDATE ON stock_transfer_receipts BEGIN SELECT RAISE(ABORT, 'transfer receipts are append-only'); END;
    CREATE TRIGGER stock_transfer_receipts_no_delete BEFORE DELETE ON stock_transfer_receipts BEGIN SELECT RAISE(ABORT, 'transfer receipts are append-only'); END;
    CREATE TABLE sync_inbox(
        id INTEGER PRIMARY KEY CHECK (id = 1),
        news TEXT NOT NULL,                                   -- JSON: locations and transfers, as of `at`
        at TEXT NOT NULL) STRICT;
"#;

/// Every name's first word (up to the first space or hyphen), folded to lower case, indexed with its product: the
/// first tier of a name search reads it instead of checking FTS5 word positions (`store/catalog/heads.rs`). The
/// view derives the words in SQL so triggers keep them for every writer of `products`. `lower` folds only ASCII;
/// the first letter is also folded from Cyrillic (Kyrgyz Ң Ө Ү too) by a lookup (a chain of 36 `replace` calls
/// over whole names made each insert 20 times slower). A first word that folds differently here than in FTS5
/// (capitals past its first letter) only loses its place at the top; the second tier still finds it.
/// The `products_fts_` name files the table with FTS5's own shadow tables: derived from `products`, not a fact.
const PRODUCT_HEADS: &str = r#"
    CREATE TABLE products_fts_heads(
        word TEXT NOT NULL, product_id INTEGER NOT NULL REFERENCES products(id),
        PRIMARY KEY (word, product_id)) STRICT, WITHOUT ROWID;
    -- A rename deletes the product's old words by product: without this index every rename read the whole table.
    CREATE INDEX products_fts_heads_product ON products_fts_heads(product_id);
    CREATE VIEW products_fts_heads_of(product_id, word) AS
        SELECT product_id, CASE WHEN instr('АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯҢӨҮ', substr(w, 1, 1)) > 0 THEN substr('абвгдеёжзийклмнопрстуфхцчшщъыьэюяңөү', instr('АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯҢӨҮ', substr(w, 1, 1)), 1) || substr(w, 2) ELSE w END FROM (
            SELECT product_id, substr(w, 1, instr(w || '-', '-') - 1) AS w FROM (
                SELECT product_id, substr(n, 1, instr(n || ' ', ' ') - 1) AS w FROM (
                    SELECT id AS product_id, lower(trim(name_ky)) AS n FROM products
                    UNION ALL SELECT id, lower(trim(name_ru)) FROM products
                    UNION ALL SELECT id, lower(trim(name_en)) FROM products)));
    -- DISTINCT after a DELETE, not OR IGNORE: an outer statement's conflict clause (a sync's REPLACE) overrides a
    -- trigger's own.
    CREATE TRIGGER products_fts_heads_insert AFTER INSERT ON products BEGIN
        DELETE FROM products_fts_heads WHERE product_id = new.id;
        INSERT INTO products_fts_heads(word, product_id)
            SELECT DISTINCT word, product_id FROM products_fts_heads_of WHERE product_id = new.id AND word <> '';
    END;
    CREATE TRIGGER products_fts_heads_update AFTER UPDATE OF name_ky, name_ru, name_en ON products BEGIN
        DELETE FROM products_fts_heads WHERE product_id IN (old.id, new.id);
        INSERT INTO products_fts_heads(word, product_id)
            SELECT DISTINCT word, product_id FROM products_fts_heads_of WHERE product_id = new.id AND word <> '';
    END;
    INSERT INTO products_fts_heads(word, product_id)
        SELECT DISTINCT word, product_id FROM products_fts_heads_of WHERE word <> '';
"#;

/// Products are counted in a unit; every product from before is a piece. The new column changes the content of
/// every product row, so the journal restates the rows in the same transaction.
const PRODUCT_UNITS: &str = r#"
    ALTER TABLE products ADD COLUMN unit TEXT NOT NULL DEFAULT 'piece'
        CHECK (unit IN ('piece', 'metre', 'kilogram'));
"#;

/// Migrations that change the content of rows already in the file, with the reason their restatement records.
const RESTATED: &[(&str, &str)] = &[
    (ROW_DIGESTS, "rows written before the journal committed to rows"),
    (
        PRODUCT_UNITS,
        "every product is counted in a unit; those from before are pieces",
    ),
    (
        PRODUCT_COST,
        "products may carry a purchase cost; those from before have none",
    ),
    (
        LINE_CRAFT,
        "sale lines record their technique and region; those from before have none",
    ),
];

/// The journal commits to the full content of the rows each entry's transaction wrote (`store::facts`); the
/// rows already in the file are committed by one `restate` entry in the same transaction as this migration.
/// The tax lines get a key of their own (a bare rowid is not stable), and every table that holds history is
/// guarded: tax lines are never changed, a registered fiscal document is final, a receipt counter never goes
/// back.
const ROW_DIGESTS: &str = r#"
    ALTER TABLE journal ADD COLUMN row_digests TEXT NOT NULL DEFAULT '';
    CREATE TABLE sale_taxes_keyed(
        id INTEGER PRIMARY KEY,
        sale_id INTEGER NOT NULL REFERENCES sales(id),
        vat_pct TEXT NOT NULL, sales_tax_pct TEXT NOT NULL,
        gross INTEGER NOT NULL, vat INTEGER NOT NULL, sales_tax INTEGER NOT NULL, net INTEGER NOT NULL) STRICT;
    INSERT INTO sale_taxes_keyed(id, sale_id, vat_pct, sales_tax_pct, gross, vat, sales_tax, net)
        SELECT rowid, sale_id, vat_pct, sales_tax_pct, gross, vat, sales_tax, net FROM sale_taxes;
    DROP TABLE sale_taxes;
    ALTER TABLE sale_taxes_keyed RENAME TO sale_taxes;
    CREATE INDEX sale_taxes_sale ON sale_taxes(sale_id);
    CREATE TRIGGER sale_taxes_no_update BEFORE UPDATE ON sale_taxes BEGIN SELECT RAISE(ABORT, 'tax lines are append-only'); END;
    CREATE TRIGGER sale_taxes_no_delete BEFORE DELETE ON sale_taxes BEGIN SELECT RAISE(ABORT, 'tax lines are append-only'); END;
    CREATE TRIGGER fiscal_documents_no_delete BEFORE DELETE ON fiscal_documents BEGIN SELECT RAISE(ABORT, 'fiscal documents are never deleted'); END;
    CREATE TRIGGER fiscal_documents_final BEFORE UPDATE ON fiscal_documents WHEN old.status <> 'pending' BEGIN
        SELECT RAISE(ABORT, 'a registered fiscal document is final'); END;
    CREATE TRIGGER registers_no_delete BEFORE DELETE ON registers BEGIN SELECT RAISE(ABORT, 'registers are never deleted'); END;
    CREATE TRIGGER registers_no_rewind BEFORE UPDATE ON registers WHEN new.last_receipt_no < old.last_receipt_no BEGIN
        SELECT RAISE(ABORT, 'a receipt counter never goes back'); END;
    CREATE TRIGGER categories_no_delete BEFORE DELETE ON categories BEGIN SELECT RAISE(ABORT, 'categories are never deleted'); END;
    CREATE TRIGGER products_no_delete BEFORE DELETE ON products BEGIN SELECT RAISE(ABORT, 'products are deactivated, never deleted'); END;
    CREATE TRIGGER artisans_no_delete BEFORE DELETE ON artisans BEGIN SELECT RAISE(ABORT, 'artisans are never deleted'); END;
"#;

/// The schema version this program writes.
pub const VERSION: i64 = MIGRATIONS.len() as i64;

pub fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current > VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: current,
            known: VERSION,
        });
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current as usize) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the lock.
        let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if now > index as i64 {
            continue;
        }
        tx.execute_batch(sql)?;
        if let Some((_, reason)) = RESTATED.iter().find(|(m, _)| std::ptr::eq(*sql, *m)) {
            super::journal::restate_all(&tx, reason)?;
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}
