-- +goose Up
-- Edits of a published campaign keep their history: one row per change with the version it
-- made and a JSON summary of what changed (fields before and after, items added, removed or
-- repriced, tasks added). Each store's execution remembers the last version that changed it
-- (changed_version) and the last one its staff acknowledged (acked_version): the store sees
-- "changed since you last looked" while changed_version > acked_version.
CREATE TABLE campaign_revisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    campaign_id BIGINT NOT NULL,
    version INT NOT NULL,
    changed_by BIGINT NULL,
    changed_at DATETIME NOT NULL,
    summary TEXT NOT NULL
);
CREATE UNIQUE INDEX uq_campaign_revisions ON campaign_revisions (campaign_id, version);

ALTER TABLE campaign_executions ADD COLUMN changed_version INT NOT NULL DEFAULT 0;
ALTER TABLE campaign_executions ADD COLUMN acked_version INT NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE campaign_executions DROP COLUMN acked_version;
ALTER TABLE campaign_executions DROP COLUMN changed_version;
DROP TABLE campaign_revisions;
