-- +goose Up
-- Suppliers of the chain's products, for ordering plans: how many days an order takes to arrive
-- (lead_time_days, 0 to 60) and the last time of day, in the store's own time, to order for that
-- lead time (order_cutoff, 'HH:MM'). A product names its supplier (nullable: not every product
-- is ordered) and the least it may be ordered in (min_order_qty, in the product's unit; 0 is no
-- minimum). A deactivated supplier stays on its products; plans skip it.
CREATE TABLE suppliers (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    code VARCHAR(32) NOT NULL,
    name VARCHAR(100) NOT NULL,
    lead_time_days INT NOT NULL,
    order_cutoff CHAR(5) NOT NULL,
    contact VARCHAR(100) NOT NULL DEFAULT '',
    active BOOLEAN NOT NULL DEFAULT TRUE,
    version INT NOT NULL DEFAULT 1,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    UNIQUE KEY uq_suppliers_code (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE products
    ADD COLUMN supplier_id BIGINT NULL,
    ADD COLUMN min_order_qty DECIMAL(12,3) NOT NULL DEFAULT 0,
    ADD CONSTRAINT fk_products_supplier FOREIGN KEY (supplier_id) REFERENCES suppliers (id);

-- +goose Down
ALTER TABLE products
    DROP FOREIGN KEY fk_products_supplier,
    DROP COLUMN min_order_qty,
    DROP COLUMN supplier_id;
DROP TABLE suppliers;
