-- +goose Up
-- Approval delegations: a store manager names a supervisor of the store as deputy approver
-- for a period [starts_at, ends_at). Revoking keeps the row and stamps revoked_at, so the
-- history of who could approve when stays readable. delegation_locks holds one row per store
-- whose lock serialises the overlap check of new delegations of that store.
CREATE TABLE delegations (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    store_id BIGINT NOT NULL,
    deputy_user_id BIGINT NOT NULL,
    starts_at DATETIME(6) NOT NULL,
    ends_at DATETIME(6) NOT NULL,
    note VARCHAR(500) NOT NULL DEFAULT '',
    created_by BIGINT NULL,
    created_at DATETIME(6) NOT NULL,
    revoked_at DATETIME(6) NULL,
    revoked_by BIGINT NULL,
    revoke_reason VARCHAR(500) NOT NULL DEFAULT '',
    KEY ix_delegations_store_ends (store_id, ends_at),
    KEY ix_delegations_deputy (deputy_user_id, store_id, starts_at),
    CONSTRAINT fk_delegations_store FOREIGN KEY (store_id) REFERENCES stores (id),
    CONSTRAINT fk_delegations_deputy FOREIGN KEY (deputy_user_id) REFERENCES users (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE delegation_locks (
    store_id BIGINT NOT NULL PRIMARY KEY,
    n BIGINT NOT NULL
) ENGINE=InnoDB;

-- +goose Down
DROP TABLE delegation_locks;
DROP TABLE delegations;
