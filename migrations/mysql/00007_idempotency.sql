-- One store of Idempotency-Key answers for every bulk endpoint. The keys of feed uploads
-- recorded before move in, so a client retrying across the upgrade still gets its replay.
-- +goose Up
CREATE TABLE idempotency_keys (
    scope VARCHAR(160) NOT NULL,
    idem_key VARCHAR(128) NOT NULL,
    request_hash CHAR(64) NOT NULL,
    response_json LONGTEXT NOT NULL,
    created_at DATETIME(6) NOT NULL,
    PRIMARY KEY (scope, idem_key),
    KEY ix_idempotency_created (created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

INSERT INTO idempotency_keys (scope, idem_key, request_hash, response_json, created_at)
SELECT CONCAT('POST /api/v1/stores/', store_id, '/', kind), idempotency_key, request_hash, response_json, created_at
FROM feed_imports WHERE idempotency_key IS NOT NULL;

-- Count sheets kept their own keys; they now use the shared store. (Keys of sheets sent
-- before the upgrade are not carried over: a sheet sent again replaces the counter's own
-- sheet of that zone, which is idempotent by itself.)
ALTER TABLE stocktake_sheets DROP INDEX uq_stocktake_sheets_key, DROP COLUMN idempotency_key, DROP COLUMN request_hash;

-- +goose Down
ALTER TABLE stocktake_sheets ADD COLUMN idempotency_key VARCHAR(128) NULL, ADD COLUMN request_hash CHAR(64) NOT NULL DEFAULT '',
    ADD UNIQUE KEY uq_stocktake_sheets_key (stocktake_id, idempotency_key);
DROP TABLE idempotency_keys;
