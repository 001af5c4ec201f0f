-- +goose Up
-- Attachments (photos) of every module. The files live in the attachments storage under
-- storage_key and thumbnail_key, which the server makes up; the row records what was stored
-- (a re-encoded copy without metadata), who uploaded it from which store, and, once a
-- module links it, the record that owns it (owner_kind, owner_id). Rows never linked are
-- swept after a day.
CREATE TABLE attachments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    storage_key VARCHAR(64) NOT NULL,
    thumbnail_key VARCHAR(64) NOT NULL,
    content_type VARCHAR(32) NOT NULL,
    size_bytes INTEGER NOT NULL,
    thumbnail_size INTEGER NOT NULL,
    width INT NOT NULL,
    height INT NOT NULL,
    sha256 CHAR(64) NOT NULL,
    uploaded_by INTEGER NULL,
    store_id INTEGER NULL,
    owner_kind VARCHAR(32) NULL,
    owner_id INTEGER NULL,
    owner_store_id INTEGER NULL,
    linked_at DATETIME NULL,
    created_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX ux_attachments_storage_key ON attachments (storage_key);
CREATE INDEX ix_attachments_owner ON attachments (owner_kind, owner_id);
CREATE INDEX ix_attachments_unlinked ON attachments (owner_kind, created_at);

-- +goose Down
DROP TABLE attachments;
