-- +goose Up
-- Approval delegations: a store manager names a supervisor of the store as deputy approver
-- for a period [starts_at, ends_at). Revoking keeps the row and stamps revoked_at, so the
-- history of who could approve when stays readable. delegation_locks holds one row per store
-- whose lock serialises the overlap check of new delegations of that store.
CREATE TABLE delegations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    store_id INTEGER NOT NULL REFERENCES stores (id),
    deputy_user_id INTEGER NOT NULL REFERENCES users (id),
    starts_at DATETIME NOT NULL,
    ends_at DATETIME NOT NULL,
    note VARCHAR(500) NOT NULL DEFAULT '',
    created_by INTEGER NULL,
    created_at DATETIME NOT NULL,
    revoked_at DATETIME NULL,
    revoked_by INTEGER NULL,
    revoke_reason VARCHAR(500) NOT NULL DEFAULT ''
);
CREATE INDEX ix_delegations_store_ends ON delegations (store_id, ends_at);
CREATE INDEX ix_delegations_deputy ON delegations (deputy_user_id, store_id, starts_at);

CREATE TABLE delegation_locks (
    store_id BIGINT NOT NULL PRIMARY KEY,
    n BIGINT NOT NULL
);

-- +goose Down
DROP TABLE delegation_locks;
DROP TABLE delegations;
