-- Movements are ordered by a per-store sequence kept under the store's stock lock, not by the
-- auto-increment id (a multi-primary cluster hands ids out of commit order). Existing rows
-- keep their order: their sequence is their id. The lock row also carries the day the
-- days-of-cover rollup was last slid to.
-- +goose Up
ALTER TABLE stock_locks ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE stock_locks ADD COLUMN cover_as_of DATE NULL;

ALTER TABLE inventory_movements ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
UPDATE inventory_movements SET seq = id;
DROP INDEX ix_movements_store_product;
CREATE UNIQUE INDEX uq_movements_store_seq ON inventory_movements (store_id, seq);
CREATE INDEX ix_movements_store_product ON inventory_movements (store_id, product_id, seq);

INSERT INTO stock_locks (store_id, n, seq)
SELECT store_id, 0, MAX(seq) FROM inventory_movements GROUP BY store_id
ON CONFLICT (store_id) DO UPDATE SET seq = excluded.seq;

-- Days of cover is kept per balance: sold_28 is the net quantity sold over the 28 days before
-- stock_locks.cover_as_of, next_expiry the earliest expiry of a lot still holding stock.
ALTER TABLE stock_balances ADD COLUMN sold_28 DECIMAL(14,3) NOT NULL DEFAULT 0;
ALTER TABLE stock_balances ADD COLUMN next_expiry DATE NULL;
UPDATE stock_balances SET next_expiry = (SELECT MIN(l.expiry_date) FROM stock_lots l
    WHERE l.store_id = stock_balances.store_id AND l.product_id = stock_balances.product_id AND l.qty_remaining > 0);
CREATE INDEX ix_balances_store_expiry ON stock_balances (store_id, next_expiry);

ALTER TABLE stocktakes RENAME COLUMN frozen_movement_id TO frozen_seq;

-- +goose Down
ALTER TABLE stocktakes RENAME COLUMN frozen_seq TO frozen_movement_id;
DROP INDEX ix_balances_store_expiry;
ALTER TABLE stock_balances DROP COLUMN next_expiry;
ALTER TABLE stock_balances DROP COLUMN sold_28;
DROP INDEX ix_movements_store_product;
DROP INDEX uq_movements_store_seq;
CREATE INDEX ix_movements_store_product ON inventory_movements (store_id, product_id, id);
ALTER TABLE inventory_movements DROP COLUMN seq;
ALTER TABLE stock_locks DROP COLUMN cover_as_of;
ALTER TABLE stock_locks DROP COLUMN seq;
