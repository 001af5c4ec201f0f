-- +goose Up
-- Periodic jobs run once per period across any number of replicas: each job has one lease
-- row, taken by a conditional UPDATE committed before the job runs. next_run_at is the
-- scheduled slot; a lease whose lease_until has passed (its replica died) may be taken over.
CREATE TABLE job_leases (
    name VARCHAR(64) NOT NULL PRIMARY KEY,
    holder VARCHAR(128) NULL,
    lease_until DATETIME(6) NULL,
    next_run_at DATETIME(6) NOT NULL,
    last_started_at DATETIME(6) NULL,
    last_finished_at DATETIME(6) NULL,
    last_ok_at DATETIME(6) NULL,
    last_error TEXT NULL,
    runs BIGINT NOT NULL DEFAULT 0,
    failures BIGINT NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Notifications written in the transaction of the event they announce, then delivered with
-- retries by the outbox.deliver job. message_id is carried by every delivery attempt so
-- receivers can drop duplicates; (topic, dedup_key) makes a keyed message unique.
-- delivered_channels lists (comma-separated) the channels that already took the message.
CREATE TABLE outbox_messages (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    message_id CHAR(36) NOT NULL,
    topic VARCHAR(64) NOT NULL,
    store_id BIGINT NULL,
    dedup_key VARCHAR(191) NULL,
    payload_json MEDIUMTEXT NOT NULL,
    status VARCHAR(16) NOT NULL,
    attempts INT NOT NULL DEFAULT 0,
    next_attempt_at DATETIME(6) NOT NULL,
    claimed_by VARCHAR(64) NULL,
    claimed_until DATETIME(6) NULL,
    delivered_channels VARCHAR(255) NOT NULL DEFAULT '',
    last_error TEXT NULL,
    created_at DATETIME(6) NOT NULL,
    delivered_at DATETIME(6) NULL,
    UNIQUE KEY uq_outbox_messages_message_id (message_id),
    UNIQUE KEY uq_outbox_messages_topic_key (topic, dedup_key),
    KEY ix_outbox_messages_due (status, next_attempt_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE outbox_messages;
DROP TABLE job_leases;
