-- +goose Up
-- Every DECIMAL column has at most 15 significant digits, the most SQLite's 8-byte REAL
-- round-trips exactly (docs/adr/0001-exact-decimals.md). SQLite keeps the declared type only
-- in the table's definition and cannot change it, so the two tables with 16-digit columns are
-- rebuilt as they stand after 00013; their values (REAL or INTEGER, as stored) are copied
-- unchanged.
CREATE TABLE sales_daily_rebuilt (
    store_id BIGINT NOT NULL,
    business_date DATE NOT NULL,
    department_code VARCHAR(32) NOT NULL,
    qty DECIMAL(15,3) NOT NULL,
    net_sales DECIMAL(15,2) NOT NULL,
    cost DECIMAL(15,2) NOT NULL,
    line_count INT NOT NULL,
    PRIMARY KEY (store_id, business_date, department_code)
);
INSERT INTO sales_daily_rebuilt (store_id, business_date, department_code, qty, net_sales, cost,
    line_count)
    SELECT store_id, business_date, department_code, qty, net_sales, cost, line_count FROM
        sales_daily;
DROP TABLE sales_daily;
ALTER TABLE sales_daily_rebuilt RENAME TO sales_daily;
CREATE INDEX ix_sales_daily_date ON sales_daily (business_date, store_id);

CREATE TABLE stocktakes_rebuilt (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    store_id INTEGER NOT NULL,
    department_code VARCHAR(32) NOT NULL DEFAULT '',
    scope VARCHAR(8) NOT NULL,
    categories_json TEXT NOT NULL,
    zones_json TEXT NOT NULL,
    blind BOOLEAN NOT NULL,
    tolerance_pct DECIMAL(7,2) NOT NULL,
    tolerance_value DECIMAL(12,2) NOT NULL,
    note VARCHAR(500) NOT NULL DEFAULT '',
    status VARCHAR(16) NOT NULL,
    reject_reason VARCHAR(500) NOT NULL DEFAULT '',
    item_count INT NOT NULL,
    frozen_seq INTEGER NULL,
    created_by INTEGER NULL,
    started_at DATETIME NULL,
    submitted_at DATETIME NULL,
    approved_at DATETIME NULL,
    approved_by INTEGER NULL,
    posted_date DATE NULL,
    book_value DECIMAL(15,2) NULL,
    variance_abs_value DECIMAL(15,2) NULL,
    accuracy DECIMAL(7,4) NULL,
    version INT NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
INSERT INTO stocktakes_rebuilt (id, store_id, department_code, scope, categories_json,
    zones_json, blind, tolerance_pct, tolerance_value, note, status, reject_reason, item_count,
    frozen_seq, created_by, started_at, submitted_at, approved_at, approved_by,
    posted_date, book_value, variance_abs_value, accuracy, version, created_at, updated_at)
    SELECT id, store_id, department_code, scope, categories_json, zones_json, blind,
        tolerance_pct, tolerance_value, note, status, reject_reason, item_count,
        frozen_seq, created_by, started_at, submitted_at, approved_at, approved_by,
        posted_date, book_value, variance_abs_value, accuracy, version, created_at, updated_at
        FROM stocktakes;
-- The new table takes over the old one's AUTOINCREMENT counter: ids are never reused.
DELETE FROM sqlite_sequence WHERE name = 'stocktakes_rebuilt';
UPDATE sqlite_sequence SET name = 'stocktakes_rebuilt' WHERE name = 'stocktakes';
DROP TABLE stocktakes;
ALTER TABLE stocktakes_rebuilt RENAME TO stocktakes;
CREATE INDEX ix_stocktakes_store_status ON stocktakes (store_id, status);
CREATE INDEX ix_stocktakes_store_department ON stocktakes (store_id, department_code, approved_at);

-- +goose Down
CREATE TABLE sales_daily_rebuilt (
    store_id BIGINT NOT NULL,
    business_date DATE NOT NULL,
    department_code VARCHAR(32) NOT NULL,
    qty DECIMAL(16,3) NOT NULL,
    net_sales DECIMAL(16,2) NOT NULL,
    cost DECIMAL(16,2) NOT NULL,
    line_count INT NOT NULL,
    PRIMARY KEY (store_id, business_date, department_code)
);
INSERT INTO sales_daily_rebuilt (store_id, business_date, department_code, qty, net_sales, cost,
    line_count)
    SELECT store_id, business_date, department_code, qty, net_sales, cost, line_count FROM
        sales_daily;
DROP TABLE sales_daily;
ALTER TABLE sales_daily_rebuilt RENAME TO sales_daily;
CREATE INDEX ix_sales_daily_date ON sales_daily (business_date, store_id);

CREATE TABLE stocktakes_rebuilt (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    store_id INTEGER NOT NULL,
    department_code VARCHAR(32) NOT NULL DEFAULT '',
    scope VARCHAR(8) NOT NULL,
    categories_json TEXT NOT NULL,
    zones_json TEXT NOT NULL,
    blind BOOLEAN NOT NULL,
    tolerance_pct DECIMAL(7,2) NOT NULL,
    tolerance_value DECIMAL(12,2) NOT NULL,
    note VARCHAR(500) NOT NULL DEFAULT '',
    status VARCHAR(16) NOT NULL,
    reject_reason VARCHAR(500) NOT NULL DEFAULT '',
    item_count INT NOT NULL,
    frozen_seq INTEGER NULL,
    created_by INTEGER NULL,
    started_at DATETIME NULL,
    submitted_at DATETIME NULL,
    approved_at DATETIME NULL,
    approved_by INTEGER NULL,
    posted_date DATE NULL,
    book_value DECIMAL(16,2) NULL,
    variance_abs_value DECIMAL(16,2) NULL,
    accuracy DECIMAL(7,4) NULL,
    version INT NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
INSERT INTO stocktakes_rebuilt (id, store_id, department_code, scope, categories_json,
    zones_json, blind, tolerance_pct, tolerance_value, note, status, reject_reason, item_count,
    frozen_seq, created_by, started_at, submitted_at, approved_at, approved_by,
    posted_date, book_value, variance_abs_value, accuracy, version, created_at, updated_at)
    SELECT id, store_id, department_code, scope, categories_json, zones_json, blind,
        tolerance_pct, tolerance_value, note, status, reject_reason, item_count,
        frozen_seq, created_by, started_at, submitted_at, approved_at, approved_by,
        posted_date, book_value, variance_abs_value, accuracy, version, created_at, updated_at
        FROM stocktakes;
-- The new table takes over the old one's AUTOINCREMENT counter: ids are never reused.
DELETE FROM sqlite_sequence WHERE name = 'stocktakes_rebuilt';
UPDATE sqlite_sequence SET name = 'stocktakes_rebuilt' WHERE name = 'stocktakes';
DROP TABLE stocktakes;
ALTER TABLE stocktakes_rebuilt RENAME TO stocktakes;
CREATE INDEX ix_stocktakes_store_status ON stocktakes (store_id, status);
CREATE INDEX ix_stocktakes_store_department ON stocktakes (store_id, department_code, approved_at);
