-- Movements are ordered by a per-store sequence kept under the store's stock lock, not by the
-- auto-increment id (a multi-primary cluster hands ids out of commit order). Existing rows
-- keep their order: their sequence is their id, which was monotonic on one primary. The
-- lock row also carries the day the days-of-cover rollup was last slid to.
-- +goose Up
ALTER TABLE stock_locks
    ADD COLUMN seq BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN cover_as_of DATE NULL;

ALTER TABLE inventory_movements ADD COLUMN seq BIGINT NOT NULL DEFAULT 0;
UPDATE inventory_movements SET seq = id;
ALTER TABLE inventory_movements
    DROP INDEX ix_movements_store_product,
    ADD UNIQUE KEY uq_movements_store_seq (store_id, seq),
    ADD KEY ix_movements_store_product (store_id, product_id, seq);

INSERT INTO stock_locks (store_id, n, seq)
SELECT store_id, 0, MAX(seq) FROM inventory_movements GROUP BY store_id
ON DUPLICATE KEY UPDATE seq = VALUES(seq);

-- Days of cover is kept per balance: sold_28 is the net quantity sold over the 28 days before
-- stock_locks.cover_as_of, next_expiry the earliest expiry of a lot still holding stock.
ALTER TABLE stock_balances
    ADD COLUMN sold_28 DECIMAL(14,3) NOT NULL DEFAULT 0,
    ADD COLUMN next_expiry DATE NULL;
UPDATE stock_balances b SET next_expiry = (SELECT MIN(l.expiry_date) FROM stock_lots l
    WHERE l.store_id = b.store_id AND l.product_id = b.product_id AND l.qty_remaining > 0);
CREATE INDEX ix_balances_store_expiry ON stock_balances (store_id, next_expiry);

ALTER TABLE stocktakes CHANGE COLUMN frozen_movement_id frozen_seq BIGINT NULL;

-- +goose Down
ALTER TABLE stocktakes CHANGE COLUMN frozen_seq frozen_movement_id BIGINT NULL;
DROP INDEX ix_balances_store_expiry ON stock_balances;
ALTER TABLE stock_balances DROP COLUMN next_expiry, DROP COLUMN sold_28;
ALTER TABLE inventory_movements
    DROP INDEX ix_movements_store_product,
    DROP INDEX uq_movements_store_seq,
    ADD KEY ix_movements_store_product (store_id, product_id, id),
    DROP COLUMN seq;
ALTER TABLE stock_locks DROP COLUMN cover_as_of, DROP COLUMN seq;
