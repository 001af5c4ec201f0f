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

-- Temporary promoters (临时促销员) of a campaign in one store, their shifts (a day, start and
-- end in store time as minutes after midnight) and the units of campaign items they report
-- per shift.
CREATE TABLE campaign_promoters (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    campaign_id BIGINT NOT NULL,
    store_id BIGINT NOT NULL,
    name VARCHAR(100) NOT NULL,
    phone VARCHAR(32) NOT NULL DEFAULT '',
    agency VARCHAR(100) NOT NULL DEFAULT '',
    created_by BIGINT NULL,
    created_at DATETIME NOT NULL
);
CREATE INDEX ix_campaign_promoters ON campaign_promoters (campaign_id, store_id);

CREATE TABLE campaign_promoter_shifts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    promoter_id BIGINT NOT NULL,
    work_date DATE NOT NULL,
    start_minute INT NOT NULL,
    end_minute INT NOT NULL,
    created_by BIGINT NULL,
    created_at DATETIME NOT NULL
);
CREATE INDEX ix_campaign_promoter_shifts ON campaign_promoter_shifts (promoter_id, work_date);

CREATE TABLE campaign_shift_lines (
    shift_id BIGINT NOT NULL,
    product_id BIGINT NOT NULL,
    sku VARCHAR(32) NOT NULL,
    qty DECIMAL(12,3) NOT NULL,
    PRIMARY KEY (shift_id, product_id)
);

-- +goose Down
DROP TABLE campaign_shift_lines;
DROP TABLE campaign_promoter_shifts;
DROP TABLE campaign_promoters;
ALTER TABLE campaign_executions DROP COLUMN acked_version;
ALTER TABLE campaign_executions DROP COLUMN changed_version;
DROP TABLE campaign_revisions;
