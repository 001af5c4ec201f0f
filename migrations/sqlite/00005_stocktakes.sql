-- +goose Up
-- Stocktakes (盘点). A stocktake's items are the products in its scope, resolved when it is
-- planned; book_qty is the snapshot frozen at start together with the store's last
-- movement id. Count sheets hold what each counter counted per zone; recount sheets replace
-- the first count of the products they name. Adjustments keep what approval posted, the
-- source of stocktake shrink.
CREATE TABLE stocktake_tolerances (
    department_code VARCHAR(32) NOT NULL PRIMARY KEY,
    tolerance_pct DECIMAL(7,2) NOT NULL,
    tolerance_value DECIMAL(12,2) NOT NULL,
    updated_at DATETIME NOT NULL
);

CREATE TABLE stocktakes (
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
    frozen_movement_id INTEGER NULL,
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
CREATE INDEX ix_stocktakes_store_status ON stocktakes (store_id, status);
CREATE INDEX ix_stocktakes_store_department ON stocktakes (store_id, department_code, approved_at);

CREATE TABLE stocktake_items (
    stocktake_id INTEGER NOT NULL,
    product_id INTEGER NOT NULL,
    store_id INTEGER NOT NULL,
    sku VARCHAR(32) NOT NULL,
    name VARCHAR(200) NOT NULL,
    department_code VARCHAR(32) NOT NULL,
    location VARCHAR(32) NOT NULL,
    unit_cost DECIMAL(12,2) NOT NULL,
    perishable BOOLEAN NOT NULL,
    shelf_life_days INT NOT NULL,
    book_qty DECIMAL(14,3) NOT NULL,
    zero_confirmed BOOLEAN NOT NULL DEFAULT FALSE,
    recount_requested BOOLEAN NOT NULL DEFAULT FALSE,
    recount_assignee INTEGER NULL,
    PRIMARY KEY (stocktake_id, product_id)
);
CREATE INDEX ix_stocktake_items_sku ON stocktake_items (stocktake_id, sku);
CREATE INDEX ix_stocktake_items_store_product ON stocktake_items (store_id, product_id);

CREATE TABLE stocktake_sheets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    stocktake_id INTEGER NOT NULL,
    zone_name VARCHAR(32) NOT NULL,
    counter_id INTEGER NOT NULL,
    kind VARCHAR(8) NOT NULL,
    idempotency_key VARCHAR(128) NULL,
    request_hash CHAR(64) NOT NULL,
    line_count INT NOT NULL,
    source VARCHAR(8) NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX uq_stocktake_sheets_owner ON stocktake_sheets (stocktake_id, zone_name, counter_id, kind);
CREATE UNIQUE INDEX uq_stocktake_sheets_key ON stocktake_sheets (stocktake_id, idempotency_key);

CREATE TABLE stocktake_count_lines (
    sheet_id INTEGER NOT NULL,
    product_id INTEGER NOT NULL,
    stocktake_id INTEGER NOT NULL,
    kind VARCHAR(8) NOT NULL,
    counter_id INTEGER NOT NULL,
    qty DECIMAL(14,3) NOT NULL,
    PRIMARY KEY (sheet_id, product_id)
);
CREATE INDEX ix_stocktake_count_lines_product ON stocktake_count_lines (stocktake_id, product_id);

CREATE TABLE stocktake_adjustments (
    stocktake_id INTEGER NOT NULL,
    product_id INTEGER NOT NULL,
    store_id INTEGER NOT NULL,
    department_code VARCHAR(32) NOT NULL,
    posted_date DATE NOT NULL,
    book_qty DECIMAL(14,3) NOT NULL,
    counted_qty DECIMAL(14,3) NOT NULL,
    variance_qty DECIMAL(14,3) NOT NULL,
    variance_value DECIMAL(14,2) NOT NULL,
    PRIMARY KEY (stocktake_id, product_id)
);
CREATE INDEX ix_stocktake_adjustments_store_date ON stocktake_adjustments (store_id, posted_date);

-- +goose Down
DROP TABLE stocktake_adjustments;
DROP TABLE stocktake_count_lines;
DROP TABLE stocktake_sheets;
DROP TABLE stocktake_items;
DROP TABLE stocktakes;
DROP TABLE stocktake_tolerances;
