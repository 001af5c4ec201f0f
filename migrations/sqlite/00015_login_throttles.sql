-- +goose Up
-- Login throttling counts, one row per username ('user'), client address ('ip') and address
-- with username ('pair'): failures since the count was last forgotten and the time of the
-- last one. An attempt is counted before its password is checked, in a transaction that
-- holds these rows, so parallel attempts are counted one by one. login_attempts stays as
-- the history of sign-ins.
CREATE TABLE login_throttles (
    scope VARCHAR(8) NOT NULL,
    subject VARCHAR(200) NOT NULL,
    failures INTEGER NOT NULL,
    last_at DATETIME NOT NULL,
    PRIMARY KEY (scope, subject)
);
CREATE INDEX ix_login_throttles_last ON login_throttles (last_at);

-- +goose Down
DROP TABLE login_throttles;
