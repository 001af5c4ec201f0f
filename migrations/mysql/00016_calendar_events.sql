-- +goose Up
-- The chain's calendar of holidays and events (春节, 国庆, 双十一 …) that the forecast reads:
-- a named span of days. Rows of one name across years are one event, whose effect the
-- forecast learns from the years it has history for. Editable by admins and HQ.
CREATE TABLE calendar_events (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(64) NOT NULL,
    kind VARCHAR(16) NOT NULL,
    starts_on DATE NOT NULL,
    ends_on DATE NOT NULL,
    note VARCHAR(500) NOT NULL DEFAULT '',
    version INT NOT NULL DEFAULT 1,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    UNIQUE KEY uq_calendar_events_name_start (name, starts_on),
    KEY ix_calendar_events_dates (starts_on, ends_on)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE calendar_events;
