-- One store of Idempotency-Key answers for every bulk endpoint. The keys of feed uploads
-- recorded before move in, so a client retrying across the upgrade still gets its replay.
-- +goose Up
CREATE TABLE idempotency_keys (
    scope VARCHAR(160) NOT NULL,
    idem_key VARCHAR(128) NOT NULL,
    request_hash CHAR(64) NOT NULL,
    response_json LONGTEXT NOT NULL,
    created_at DATETIME NOT NULL,
    PRIMARY KEY (scope, idem_key)
);
CREATE INDEX ix_idempotency_created ON idempotency_keys (created_at);

INSERT INTO idempotency_keys (scope, idem_key, request_hash, response_json, created_at)
SELECT 'POST /api/v1/stores/' || store_id || '/' || kind, idempotency_key, request_hash, response_json, created_at
FROM feed_imports WHERE idempotency_key IS NOT NULL;

-- Count sheets kept their own keys; they now use the shared store. (Keys of sheets sent
-- before the upgrade are not carried over: a sheet sent again replaces the counter's own
-- sheet of that zone, which is idempotent by itself.)
DROP INDEX uq_stocktake_sheets_key;
ALTER TABLE stocktake_sheets DROP COLUMN idempotency_key;
ALTER TABLE stocktake_sheets DROP COLUMN request_hash;

-- +goose Down
ALTER TABLE stocktake_sheets ADD COLUMN idempotency_key VARCHAR(128) NULL;
ALTER TABLE stocktake_sheets ADD COLUMN request_hash CHAR(64) NOT NULL DEFAULT '';
CREATE UNIQUE INDEX uq_stocktake_sheets_key ON stocktake_sheets (stocktake_id, idempotency_key);
DROP TABLE idempotency_keys;
