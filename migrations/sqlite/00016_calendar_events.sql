-- +goose Up
-- The chain's calendar of holidays and events (春节, 国庆, 双十一 …) that the forecast reads:
-- a named span of days. Rows of one name across years are one event, whose effect the
-- forecast learns from the years it has history for. Editable by admins and HQ.
CREATE TABLE calendar_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name VARCHAR(64) NOT NULL,
    kind VARCHAR(16) NOT NULL,
    starts_on DATE NOT NULL,
    ends_on DATE NOT NULL,
    note VARCHAR(500) NOT NULL DEFAULT '',
    version INT NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX uq_calendar_events_name_start ON calendar_events (name, starts_on);
CREATE INDEX ix_calendar_events_dates ON calendar_events (starts_on, ends_on);

-- +goose Down
DROP TABLE calendar_events;
