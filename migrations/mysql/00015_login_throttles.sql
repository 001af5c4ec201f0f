-- +goose Up
-- Login throttling counts, one row per username ('user'), client address ('ip') and address
-- with username ('pair'): failures since the count was last forgotten and the time of the
-- last one. An attempt is counted before its password is checked, in a transaction that
-- holds these rows, so parallel attempts are counted one by one. login_attempts stays as
-- the history of sign-ins.
CREATE TABLE login_throttles (
    scope VARCHAR(8) NOT NULL,
    subject VARCHAR(200) NOT NULL,
    failures INT NOT NULL,
    last_at DATETIME(6) NOT NULL,
    PRIMARY KEY (scope, subject),
    KEY ix_login_throttles_last (last_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE login_throttles;
