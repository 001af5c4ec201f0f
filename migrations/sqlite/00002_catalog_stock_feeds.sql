-- +goose Up
CREATE TABLE products (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    sku VARCHAR(32) NOT NULL,
    name VARCHAR(200) NOT NULL,
    department_code VARCHAR(32) NOT NULL REFERENCES departments (code),
    category VARCHAR(64) NOT NULL,
    unit VARCHAR(8) NOT NULL,
    case_pack DECIMAL(12,3) NOT NULL,
    shelf_life_days INT NOT NULL,
    cost_price DECIMAL(12,2) NOT NULL,
    retail_price DECIMAL(12,2) NOT NULL,
    perishable BOOLEAN NOT NULL,
    barcode VARCHAR(32) NULL,
    location VARCHAR(32) NOT NULL DEFAULT '',
    active BOOLEAN NOT NULL DEFAULT TRUE,
    version INT NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX uq_products_sku ON products (sku);
CREATE UNIQUE INDEX uq_products_barcode ON products (barcode);
CREATE INDEX ix_products_department ON products (department_code, category);
CREATE INDEX ix_products_name ON products (name);

CREATE TABLE stock_locks (
    store_id BIGINT NOT NULL PRIMARY KEY,
    n BIGINT NOT NULL
);

CREATE TABLE stock_balances (
    store_id BIGINT NOT NULL,
    product_id BIGINT NOT NULL,
    on_hand DECIMAL(14,3) NOT NULL,
    updated_at DATETIME NOT NULL,
    PRIMARY KEY (store_id, product_id)
);

CREATE TABLE inventory_movements (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    store_id BIGINT NOT NULL,
    product_id BIGINT NOT NULL,
    business_date DATE NOT NULL,
    kind VARCHAR(24) NOT NULL,
    qty DECIMAL(14,3) NOT NULL,
    ref_type VARCHAR(32) NOT NULL,
    ref_id VARCHAR(64) NOT NULL,
    actor_id BIGINT NULL,
    created_at DATETIME NOT NULL
);
CREATE INDEX ix_movements_store_product ON inventory_movements (store_id, product_id, id);
CREATE INDEX ix_movements_store_date ON inventory_movements (store_id, business_date);

CREATE TABLE stock_lots (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    store_id BIGINT NOT NULL,
    product_id BIGINT NOT NULL,
    received_date DATE NOT NULL,
    expiry_date DATE NOT NULL,
    qty_received DECIMAL(14,3) NOT NULL,
    qty_remaining DECIMAL(14,3) NOT NULL,
    unit_cost DECIMAL(12,2) NOT NULL,
    ref_id VARCHAR(64) NOT NULL,
    created_at DATETIME NOT NULL
);
CREATE INDEX ix_lots_fefo ON stock_lots (store_id, product_id, expiry_date, id);
CREATE INDEX ix_lots_expiry ON stock_lots (store_id, expiry_date);

CREATE TABLE sales_lines (
    store_id BIGINT NOT NULL,
    business_date DATE NOT NULL,
    product_id BIGINT NOT NULL,
    qty DECIMAL(14,3) NOT NULL,
    net_sales DECIMAL(14,2) NOT NULL,
    cost DECIMAL(14,2) NOT NULL,
    import_id BIGINT NOT NULL,
    PRIMARY KEY (store_id, business_date, product_id)
);

CREATE TABLE labour_lines (
    store_id BIGINT NOT NULL,
    business_date DATE NOT NULL,
    department_code VARCHAR(32) NOT NULL,
    headcount DECIMAL(10,3) NOT NULL,
    hours DECIMAL(12,3) NOT NULL,
    cost DECIMAL(14,2) NOT NULL,
    import_id BIGINT NOT NULL,
    PRIMARY KEY (store_id, business_date, department_code)
);

CREATE TABLE expense_lines (
    store_id BIGINT NOT NULL,
    business_date DATE NOT NULL,
    department_code VARCHAR(32) NOT NULL,
    category VARCHAR(16) NOT NULL,
    note VARCHAR(200) NOT NULL,
    amount DECIMAL(14,2) NOT NULL,
    import_id BIGINT NOT NULL,
    PRIMARY KEY (store_id, business_date, department_code, category, note)
);

CREATE TABLE feed_imports (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    store_id BIGINT NOT NULL,
    kind VARCHAR(16) NOT NULL,
    source VARCHAR(8) NOT NULL,
    idempotency_key VARCHAR(128) NULL,
    request_hash CHAR(64) NOT NULL,
    line_count INT NOT NULL,
    created INT NOT NULL,
    updated INT NOT NULL,
    unchanged INT NOT NULL,
    actor_id BIGINT NULL,
    actor_username VARCHAR(64) NOT NULL,
    response_json LONGTEXT NOT NULL,
    created_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX uq_feed_imports_key ON feed_imports (kind, store_id, idempotency_key);
CREATE INDEX ix_feed_imports_store ON feed_imports (store_id, id);

-- +goose Down
DROP TABLE feed_imports;
DROP TABLE expense_lines;
DROP TABLE labour_lines;
DROP TABLE sales_lines;
DROP TABLE stock_lots;
DROP TABLE inventory_movements;
DROP TABLE stock_balances;
DROP TABLE stock_locks;
DROP TABLE products;
