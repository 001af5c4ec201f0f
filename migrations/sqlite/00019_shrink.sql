-- +goose Up
-- Shrink (损耗): write-offs and markdowns. shrink_settings holds a store's write-off value above
-- which a supervisor's write-off waits for approval (no row: 500.00). markdown_rules holds a
-- department's markdown ladder per store: the steps in percent ('20.00,30.00,50.00'), the
-- maximum discount, how many days before expiry a lot is suggested, and the schedule of steps by
-- hours left ('24:30.00,4:50.00'); no row: the defaults. label_layouts holds the chain's
-- price-embedded EAN-13 layout of markdown labels (one row, id 1; none: Code 128 of the SKU).
-- A write-off keeps the product's name and unit and its value at cost as posted; a pending one
-- has moved no stock. A markdown keeps the prices, the discount and its loss; only applied
-- ones count as shrink, on their business date.
CREATE TABLE shrink_settings (
    store_id BIGINT NOT NULL PRIMARY KEY,
    write_off_threshold DECIMAL(12,2) NOT NULL,
    version INT NOT NULL DEFAULT 1,
    updated_at DATETIME NOT NULL,
    CONSTRAINT fk_shrink_settings_store FOREIGN KEY (store_id) REFERENCES stores (id)
);

CREATE TABLE markdown_rules (
    store_id BIGINT NOT NULL,
    department_code VARCHAR(32) NOT NULL,
    ladder VARCHAR(100) NOT NULL,
    max_discount_pct DECIMAL(5,2) NOT NULL,
    window_days INT NOT NULL,
    schedule VARCHAR(200) NOT NULL,
    version INT NOT NULL DEFAULT 1,
    updated_at DATETIME NOT NULL,
    PRIMARY KEY (store_id, department_code),
    CONSTRAINT fk_markdown_rules_store FOREIGN KEY (store_id) REFERENCES stores (id)
);

CREATE TABLE label_layouts (
    id INT NOT NULL PRIMARY KEY,
    enabled BOOLEAN NOT NULL,
    prefix VARCHAR(3) NOT NULL,
    item_digits INT NOT NULL,
    price_digits INT NOT NULL,
    version INT NOT NULL DEFAULT 1,
    updated_at DATETIME NOT NULL
);

CREATE TABLE write_offs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    store_id BIGINT NOT NULL,
    department_code VARCHAR(32) NOT NULL,
    product_id BIGINT NOT NULL,
    sku VARCHAR(32) NOT NULL,
    name VARCHAR(200) NOT NULL,
    unit VARCHAR(16) NOT NULL,
    lot_id BIGINT NULL,
    qty DECIMAL(12,3) NOT NULL,
    unit_cost DECIMAL(12,2) NOT NULL,
    value DECIMAL(14,2) NOT NULL,
    reason VARCHAR(16) NOT NULL,
    note VARCHAR(500) NOT NULL DEFAULT '',
    status VARCHAR(16) NOT NULL,
    business_date DATE NOT NULL,
    reject_reason VARCHAR(500) NOT NULL DEFAULT '',
    created_by BIGINT NULL,
    created_by_name VARCHAR(100) NOT NULL DEFAULT '',
    decided_by BIGINT NULL,
    decided_at DATETIME NULL,
    recall_id BIGINT NULL,
    version INT NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    CONSTRAINT fk_write_offs_store FOREIGN KEY (store_id) REFERENCES stores (id)
);
CREATE INDEX ix_write_offs_date ON write_offs (store_id, business_date);
CREATE INDEX ix_write_offs_status ON write_offs (store_id, status, id);

CREATE TABLE markdowns (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    store_id BIGINT NOT NULL,
    department_code VARCHAR(32) NOT NULL,
    product_id BIGINT NOT NULL,
    sku VARCHAR(32) NOT NULL,
    name VARCHAR(200) NOT NULL,
    unit VARCHAR(16) NOT NULL,
    lot_id BIGINT NULL,
    expiry_date DATE NULL,
    qty DECIMAL(12,3) NOT NULL,
    regular_price DECIMAL(12,2) NOT NULL,
    markdown_price DECIMAL(12,2) NOT NULL,
    discount_pct DECIMAL(5,2) NOT NULL,
    loss DECIMAL(14,2) NOT NULL,
    on_ladder BOOLEAN NOT NULL,
    reason VARCHAR(32) NOT NULL,
    note VARCHAR(500) NOT NULL DEFAULT '',
    status VARCHAR(16) NOT NULL,
    business_date DATE NOT NULL,
    reject_reason VARCHAR(500) NOT NULL DEFAULT '',
    created_by BIGINT NULL,
    created_by_name VARCHAR(100) NOT NULL DEFAULT '',
    decided_by BIGINT NULL,
    decided_at DATETIME NULL,
    version INT NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    CONSTRAINT fk_markdowns_store FOREIGN KEY (store_id) REFERENCES stores (id)
);
CREATE INDEX ix_markdowns_date ON markdowns (store_id, business_date);
CREATE INDEX ix_markdowns_status ON markdowns (store_id, status, id);
CREATE INDEX ix_markdowns_lot ON markdowns (store_id, lot_id);

-- A recall (召回) takes a product's named lots, or every lot received in a date range, out of
-- the stores' stock as write-offs with reason recall (write_offs.recall_id); the row keeps the
-- lots named (a JSON array of ids, '[]' for a receiving range) and what came back in total.
CREATE TABLE recalls (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    product_id BIGINT NOT NULL,
    sku VARCHAR(32) NOT NULL,
    name VARCHAR(200) NOT NULL,
    unit VARCHAR(16) NOT NULL,
    reason VARCHAR(500) NOT NULL,
    lot_ids TEXT NOT NULL,
    received_from DATE NULL,
    received_to DATE NULL,
    store_count INT NOT NULL,
    lot_count INT NOT NULL,
    qty DECIMAL(14,3) NOT NULL,
    value DECIMAL(15,2) NOT NULL,
    created_by BIGINT NULL,
    created_by_name VARCHAR(100) NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL
);
CREATE INDEX ix_write_offs_recall ON write_offs (recall_id, store_id);
-- A recall finds a product's lots in every store by the day they were received.
CREATE INDEX ix_lots_product_received ON stock_lots (product_id, received_date);

-- +goose Down
DROP INDEX ix_lots_product_received;
DROP INDEX ix_write_offs_recall;
DROP TABLE recalls;
DROP TABLE markdowns;
DROP TABLE write_offs;
DROP TABLE label_layouts;
DROP TABLE markdown_rules;
DROP TABLE shrink_settings;
