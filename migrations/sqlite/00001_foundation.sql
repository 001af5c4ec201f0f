-- +goose Up
CREATE TABLE stores (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code VARCHAR(32) NOT NULL,
    name VARCHAR(100) NOT NULL,
    region VARCHAR(64) NOT NULL,
    timezone VARCHAR(64) NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    version INTEGER NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX uq_stores_code ON stores (code);
CREATE INDEX ix_stores_region ON stores (region);

CREATE TABLE departments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    code VARCHAR(32) NOT NULL,
    name VARCHAR(64) NOT NULL,
    name_en VARCHAR(64) NOT NULL,
    kind VARCHAR(16) NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX uq_departments_code ON departments (code);

CREATE TABLE store_departments (
    store_id INTEGER NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    department_code VARCHAR(32) NOT NULL REFERENCES departments (code),
    PRIMARY KEY (store_id, department_code)
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username VARCHAR(64) NOT NULL,
    display_name VARCHAR(100) NOT NULL,
    role VARCHAR(32) NOT NULL,
    store_id INTEGER NULL REFERENCES stores (id),
    password_hash VARCHAR(255) NOT NULL,
    password_is_default BOOLEAN NOT NULL DEFAULT FALSE,
    disabled BOOLEAN NOT NULL DEFAULT FALSE,
    version INTEGER NOT NULL DEFAULT 1,
    last_login_at DATETIME NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX uq_users_username ON users (username);
CREATE INDEX ix_users_store ON users (store_id);

CREATE TABLE user_departments (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    department_code VARCHAR(32) NOT NULL REFERENCES departments (code),
    PRIMARY KEY (user_id, department_code)
);

CREATE TABLE sessions (
    id CHAR(64) NOT NULL PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token CHAR(43) NOT NULL,
    ip VARCHAR(64) NOT NULL,
    user_agent VARCHAR(255) NOT NULL,
    created_at DATETIME NOT NULL,
    last_seen_at DATETIME NOT NULL,
    expires_at DATETIME NOT NULL,
    max_expires_at DATETIME NOT NULL,
    revoked_at DATETIME NULL
);
CREATE INDEX ix_sessions_user ON sessions (user_id);
CREATE INDEX ix_sessions_expires ON sessions (expires_at);

CREATE TABLE login_attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    username VARCHAR(64) NOT NULL,
    ip VARCHAR(64) NOT NULL,
    succeeded BOOLEAN NOT NULL,
    created_at DATETIME NOT NULL
);
CREATE INDEX ix_login_attempts_username ON login_attempts (username, created_at);
CREATE INDEX ix_login_attempts_ip ON login_attempts (ip, created_at);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at DATETIME NOT NULL,
    actor_id INTEGER NULL,
    actor_username VARCHAR(64) NOT NULL,
    action VARCHAR(64) NOT NULL,
    entity_type VARCHAR(64) NOT NULL,
    entity_id VARCHAR(64) NOT NULL,
    store_id INTEGER NULL,
    before_json TEXT NULL,
    after_json TEXT NULL,
    request_id VARCHAR(64) NOT NULL
);
CREATE INDEX ix_audit_at ON audit_log (at);
CREATE INDEX ix_audit_store_at ON audit_log (store_id, at);
CREATE INDEX ix_audit_entity ON audit_log (entity_type, entity_id);
CREATE INDEX ix_audit_actor_at ON audit_log (actor_id, at);

-- +goose StatementBegin
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd

-- +goose StatementBegin
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
-- +goose StatementEnd

-- +goose Down
DROP TABLE audit_log;
DROP TABLE login_attempts;
DROP TABLE sessions;
DROP TABLE user_departments;
DROP TABLE users;
DROP TABLE store_departments;
DROP TABLE departments;
DROP TABLE stores;
