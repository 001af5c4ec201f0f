-- +goose Up
-- Suppliers of the chain's products, for ordering plans: how many days an order takes to arrive
-- (lead_time_days, 0 to 60) and the last time of day, in the store's own time, to order for that
-- lead time (order_cutoff, 'HH:MM'). A product names its supplier (nullable: not every product
-- is ordered) and the least it may be ordered in (min_order_qty, in the product's unit; 0 is no
-- minimum). A deactivated supplier stays on its products; plans skip it.
CREATE TABLE suppliers (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code VARCHAR(32) NOT NULL,
    name VARCHAR(100) NOT NULL,
    lead_time_days INT NOT NULL,
    order_cutoff CHAR(5) NOT NULL,
    contact VARCHAR(100) NOT NULL DEFAULT '',
    active BOOLEAN NOT NULL DEFAULT 1,
    version INT NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX uq_suppliers_code ON suppliers (code);

ALTER TABLE products ADD COLUMN supplier_id INTEGER NULL REFERENCES suppliers (id);
ALTER TABLE products ADD COLUMN min_order_qty DECIMAL(12,3) NOT NULL DEFAULT 0;
CREATE INDEX ix_products_supplier ON products (supplier_id);

-- +goose Down
DROP INDEX ix_products_supplier;
ALTER TABLE products DROP COLUMN min_order_qty;
ALTER TABLE products DROP COLUMN supplier_id;
DROP TABLE suppliers;
