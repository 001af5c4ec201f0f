-- +goose Up
-- A store's review of a campaign (总结分析) is rewritten under optimistic locking: the
-- version read last, 0 while the store has written nothing.
ALTER TABLE campaign_executions ADD COLUMN review_version INT NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE campaign_executions DROP COLUMN review_version;
