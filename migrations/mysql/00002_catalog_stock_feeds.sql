-- +goose Up
CREATE TABLE products (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    sku VARCHAR(32) NOT NULL,
    name VARCHAR(200) NOT NULL,
    department_code VARCHAR(32) NOT NULL,
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
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    UNIQUE KEY uq_products_sku (sku),
    UNIQUE KEY uq_products_barcode (barcode),
    KEY ix_products_department (department_code, category),
    KEY ix_products_name (name),
    CONSTRAINT fk_products_department FOREIGN KEY (department_code) REFERENCES departments (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE stock_locks (
    store_id BIGINT NOT NULL PRIMARY KEY,
    n BIGINT NOT NULL
) ENGINE=InnoDB;

CREATE TABLE stock_balances (
    store_id BIGINT NOT NULL,
    product_id BIGINT NOT NULL,
    on_hand DECIMAL(14,3) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    PRIMARY KEY (store_id, product_id)
) ENGINE=InnoDB;

CREATE TABLE inventory_movements (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    store_id BIGINT NOT NULL,
    product_id BIGINT NOT NULL,
    business_date DATE NOT NULL,
    kind VARCHAR(24) NOT NULL,
    qty DECIMAL(14,3) NOT NULL,
    ref_type VARCHAR(32) NOT NULL,
    ref_id VARCHAR(64) NOT NULL,
    actor_id BIGINT NULL,
    created_at DATETIME(6) NOT NULL,
    KEY ix_movements_store_product (store_id, product_id, id),
    KEY ix_movements_store_date (store_id, business_date)
) ENGINE=InnoDB;

CREATE TABLE stock_lots (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    store_id BIGINT NOT NULL,
    product_id BIGINT NOT NULL,
    received_date DATE NOT NULL,
    expiry_date DATE NOT NULL,
    qty_received DECIMAL(14,3) NOT NULL,
    qty_remaining DECIMAL(14,3) NOT NULL,
    unit_cost DECIMAL(12,2) NOT NULL,
    ref_id VARCHAR(64) NOT NULL,
    created_at DATETIME(6) NOT NULL,
    KEY ix_lots_fefo (store_id, product_id, expiry_date, id),
    KEY ix_lots_expiry (store_id, expiry_date)
) ENGINE=InnoDB;

CREATE TABLE sales_lines (
    store_id BIGINT NOT NULL,
    business_date DATE NOT NULL,
    product_id BIGINT NOT NULL,
    qty DECIMAL(14,3) NOT NULL,
    net_sales DECIMAL(14,2) NOT NULL,
    cost DECIMAL(14,2) NOT NULL,
    import_id BIGINT NOT NULL,
    PRIMARY KEY (store_id, business_date, product_id)
) ENGINE=InnoDB;

CREATE TABLE labour_lines (
    store_id BIGINT NOT NULL,
    business_date DATE NOT NULL,
    department_code VARCHAR(32) NOT NULL,
    headcount DECIMAL(10,3) NOT NULL,
    hours DECIMAL(12,3) NOT NULL,
    cost DECIMAL(14,2) NOT NULL,
    import_id BIGINT NOT NULL,
    PRIMARY KEY (store_id, business_date, department_code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE expense_lines (
    store_id BIGINT NOT NULL,
    business_date DATE NOT NULL,
    department_code VARCHAR(32) NOT NULL,
    category VARCHAR(16) NOT NULL,
    note VARCHAR(200) NOT NULL,
    amount DECIMAL(14,2) NOT NULL,
    import_id BIGINT NOT NULL,
    PRIMARY KEY (store_id, business_date, department_code, category, note)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE feed_imports (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
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
    created_at DATETIME(6) NOT NULL,
    UNIQUE KEY uq_feed_imports_key (kind, store_id, idempotency_key),
    KEY ix_feed_imports_store (store_id, id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

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
