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
    updated_at DATETIME(6) NOT NULL,
    CONSTRAINT fk_stocktake_tolerances_department FOREIGN KEY (department_code) REFERENCES departments (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE stocktakes (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    store_id BIGINT NOT NULL,
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
    frozen_movement_id BIGINT NULL,
    created_by BIGINT NULL,
    started_at DATETIME(6) NULL,
    submitted_at DATETIME(6) NULL,
    approved_at DATETIME(6) NULL,
    approved_by BIGINT NULL,
    posted_date DATE NULL,
    book_value DECIMAL(16,2) NULL,
    variance_abs_value DECIMAL(16,2) NULL,
    accuracy DECIMAL(7,4) NULL,
    version INT NOT NULL DEFAULT 1,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    KEY ix_stocktakes_store_status (store_id, status),
    KEY ix_stocktakes_store_department (store_id, department_code, approved_at),
    CONSTRAINT fk_stocktakes_store FOREIGN KEY (store_id) REFERENCES stores (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE stocktake_items (
    stocktake_id BIGINT NOT NULL,
    product_id BIGINT NOT NULL,
    store_id BIGINT NOT NULL,
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
    recount_assignee BIGINT NULL,
    PRIMARY KEY (stocktake_id, product_id),
    KEY ix_stocktake_items_sku (stocktake_id, sku),
    KEY ix_stocktake_items_store_product (store_id, product_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE stocktake_sheets (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    stocktake_id BIGINT NOT NULL,
    zone_name VARCHAR(32) NOT NULL,
    counter_id BIGINT NOT NULL,
    kind VARCHAR(8) NOT NULL,
    idempotency_key VARCHAR(128) NULL,
    request_hash CHAR(64) NOT NULL,
    line_count INT NOT NULL,
    source VARCHAR(8) NOT NULL,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    UNIQUE KEY uq_stocktake_sheets_owner (stocktake_id, zone_name, counter_id, kind),
    UNIQUE KEY uq_stocktake_sheets_key (stocktake_id, idempotency_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE stocktake_count_lines (
    sheet_id BIGINT NOT NULL,
    product_id BIGINT NOT NULL,
    stocktake_id BIGINT NOT NULL,
    kind VARCHAR(8) NOT NULL,
    counter_id BIGINT NOT NULL,
    qty DECIMAL(14,3) NOT NULL,
    PRIMARY KEY (sheet_id, product_id),
    KEY ix_stocktake_count_lines_product (stocktake_id, product_id)
) ENGINE=InnoDB;

CREATE TABLE stocktake_adjustments (
    stocktake_id BIGINT NOT NULL,
    product_id BIGINT NOT NULL,
    store_id BIGINT NOT NULL,
    department_code VARCHAR(32) NOT NULL,
    posted_date DATE NOT NULL,
    book_qty DECIMAL(14,3) NOT NULL,
    counted_qty DECIMAL(14,3) NOT NULL,
    variance_qty DECIMAL(14,3) NOT NULL,
    variance_value DECIMAL(14,2) NOT NULL,
    PRIMARY KEY (stocktake_id, product_id),
    KEY ix_stocktake_adjustments_store_date (store_id, posted_date)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE stocktake_adjustments;
DROP TABLE stocktake_count_lines;
DROP TABLE stocktake_sheets;
DROP TABLE stocktake_items;
DROP TABLE stocktakes;
DROP TABLE stocktake_tolerances;
