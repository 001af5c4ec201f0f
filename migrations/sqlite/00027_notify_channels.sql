-- +goose Up
-- Notification channels (通知渠道) and the delivery of outbox messages to them. A channel is a
-- WeChat Work, DingTalk or Feishu group robot (url, optional signing secret) or an e-mail
-- list (recipients, comma-separated); store_id NULL is chain-wide; topics is the
-- comma-separated list of outbox topics it takes. A delivery is one message to one channel:
-- (message_id, channel_id) is unique, so a retry updates the same row; channel_name and
-- channel_kind are kept so the history reads after the channel is deleted.
CREATE TABLE notify_channels (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name VARCHAR(100) NOT NULL,
    kind VARCHAR(16) NOT NULL,
    store_id BIGINT NULL,
    topics VARCHAR(1000) NOT NULL,
    url VARCHAR(1000) NOT NULL DEFAULT '',
    secret VARCHAR(200) NOT NULL DEFAULT '',
    recipients VARCHAR(2000) NOT NULL DEFAULT '',
    enabled BOOLEAN NOT NULL,
    version INT NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    CONSTRAINT fk_notify_channels_store FOREIGN KEY (store_id) REFERENCES stores (id)
);
CREATE INDEX ix_notify_channels_store ON notify_channels (store_id, enabled);

CREATE TABLE notify_deliveries (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id VARCHAR(36) NOT NULL,
    channel_id BIGINT NOT NULL,
    channel_name VARCHAR(100) NOT NULL,
    channel_kind VARCHAR(16) NOT NULL,
    channel_store_id BIGINT NULL,
    topic VARCHAR(64) NOT NULL,
    store_id BIGINT NULL,
    status VARCHAR(16) NOT NULL,
    attempts INT NOT NULL DEFAULT 0,
    last_error VARCHAR(2000) NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    delivered_at DATETIME NULL
);
CREATE UNIQUE INDEX ux_notify_deliveries ON notify_deliveries (message_id, channel_id);
CREATE INDEX ix_notify_deliveries_channel ON notify_deliveries (channel_id, id);
CREATE INDEX ix_notify_deliveries_status ON notify_deliveries (status, id);
CREATE INDEX ix_notify_deliveries_topic ON notify_deliveries (topic, id);
CREATE INDEX ix_notify_deliveries_channel_store ON notify_deliveries (channel_store_id, id);

-- +goose Down
DROP TABLE notify_deliveries;
DROP TABLE notify_channels;
