-- +goose Up
-- Periodic jobs run once per period across any number of replicas: each job has one lease
-- row, taken by a conditional UPDATE committed before the job runs. next_run_at is the
-- scheduled slot; a lease whose lease_until has passed (its replica died) may be taken over.
CREATE TABLE job_leases (
    name VARCHAR(64) NOT NULL PRIMARY KEY,
    holder VARCHAR(128) NULL,
    lease_until DATETIME NULL,
    next_run_at DATETIME NOT NULL,
    last_started_at DATETIME NULL,
    last_finished_at DATETIME NULL,
    last_ok_at DATETIME NULL,
    last_error TEXT NULL,
    runs INTEGER NOT NULL DEFAULT 0,
    failures INTEGER NOT NULL DEFAULT 0
);

-- Notifications written in the transaction of the event they announce, then delivered with
-- retries by the outbox.deliver job. message_id is carried by every delivery attempt so
-- receivers can drop duplicates; (topic, dedup_key) makes a keyed message unique.
-- delivered_channels lists (comma-separated) the channels that already took the message.
CREATE TABLE outbox_messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id CHAR(36) NOT NULL,
    topic VARCHAR(64) NOT NULL,
    store_id INTEGER NULL,
    dedup_key VARCHAR(191) NULL,
    payload_json TEXT NOT NULL,
    status VARCHAR(16) NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at DATETIME NOT NULL,
    claimed_by VARCHAR(64) NULL,
    claimed_until DATETIME NULL,
    delivered_channels VARCHAR(255) NOT NULL DEFAULT '',
    last_error TEXT NULL,
    created_at DATETIME NOT NULL,
    delivered_at DATETIME NULL
);
CREATE UNIQUE INDEX uq_outbox_messages_message_id ON outbox_messages (message_id);
CREATE UNIQUE INDEX uq_outbox_messages_topic_key ON outbox_messages (topic, dedup_key);
CREATE INDEX ix_outbox_messages_due ON outbox_messages (status, next_attempt_at);

-- +goose Down
DROP TABLE outbox_messages;
DROP TABLE job_leases;
