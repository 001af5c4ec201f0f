-- +goose Up
-- Attachments (photos) of every module. The files live in the attachments storage under
-- storage_key and thumbnail_key, which the server makes up; the row records what was stored
-- (a re-encoded copy without metadata), who uploaded it from which store, and, once a
-- module links it, the record that owns it (owner_kind, owner_id). Rows never linked are
-- swept after a day.
CREATE TABLE attachments (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    storage_key VARCHAR(64) NOT NULL,
    thumbnail_key VARCHAR(64) NOT NULL,
    content_type VARCHAR(32) NOT NULL,
    size_bytes BIGINT NOT NULL,
    thumbnail_size BIGINT NOT NULL,
    width INT NOT NULL,
    height INT NOT NULL,
    sha256 CHAR(64) NOT NULL,
    uploaded_by BIGINT NULL,
    store_id BIGINT NULL,
    owner_kind VARCHAR(32) NULL,
    owner_id BIGINT NULL,
    owner_store_id BIGINT NULL,
    linked_at DATETIME(6) NULL,
    created_at DATETIME(6) NOT NULL,
    UNIQUE KEY ux_attachments_storage_key (storage_key),
    KEY ix_attachments_owner (owner_kind, owner_id),
    KEY ix_attachments_unlinked (owner_kind, created_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE attachments;
