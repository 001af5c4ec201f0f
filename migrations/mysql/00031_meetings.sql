-- +goose Up
-- Team meetings (例会): the minutes of a store's (or one department's) meeting on a business
-- day, who attended, the notes and the action items agreed. department_code '' is a meeting
-- of the whole store. Attendees keep the name they had when the meeting was recorded. Each
-- action item became an ad-hoc task of the tasks module in the meeting's transaction
-- (task_id); an item is owned by a user of the store (owner_id) and/or a department. A task
-- created for another module's record names it (tasks.source_kind, tasks.source_id) so the
-- task page links back; '' and NULL for the tasks module's own.
CREATE TABLE meetings (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    store_id BIGINT NOT NULL,
    department_code VARCHAR(32) NOT NULL DEFAULT '',
    held_on DATE NOT NULL,
    kind VARCHAR(20) NOT NULL,
    title VARCHAR(200) NOT NULL,
    chair_id BIGINT NOT NULL,
    chair_name VARCHAR(100) NOT NULL DEFAULT '',
    notes TEXT NOT NULL,
    created_by BIGINT NULL,
    created_by_name VARCHAR(100) NOT NULL DEFAULT '',
    version INT NOT NULL DEFAULT 1,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    CONSTRAINT fk_meetings_store FOREIGN KEY (store_id) REFERENCES stores (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_meetings_store_day ON meetings (store_id, held_on);
CREATE INDEX ix_meetings_store_department ON meetings (store_id, department_code, held_on);

CREATE TABLE meeting_attendees (
    meeting_id BIGINT NOT NULL,
    user_id BIGINT NOT NULL,
    name VARCHAR(100) NOT NULL DEFAULT '',
    PRIMARY KEY (meeting_id, user_id),
    CONSTRAINT fk_meeting_attendees_meeting FOREIGN KEY (meeting_id) REFERENCES meetings (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE meeting_items (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    meeting_id BIGINT NOT NULL,
    line_no INT NOT NULL,
    title VARCHAR(200) NOT NULL,
    department_code VARCHAR(32) NOT NULL DEFAULT '',
    owner_id BIGINT NULL,
    owner_name VARCHAR(100) NOT NULL DEFAULT '',
    due_on DATE NOT NULL,
    task_id BIGINT NOT NULL,
    CONSTRAINT fk_meeting_items_meeting FOREIGN KEY (meeting_id) REFERENCES meetings (id),
    CONSTRAINT uq_meeting_items_line UNIQUE (meeting_id, line_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

ALTER TABLE tasks ADD COLUMN source_kind VARCHAR(20) NOT NULL DEFAULT '';
ALTER TABLE tasks ADD COLUMN source_id BIGINT NULL;

-- +goose Down
ALTER TABLE tasks DROP COLUMN source_id;
ALTER TABLE tasks DROP COLUMN source_kind;
DROP TABLE meeting_items;
DROP TABLE meeting_attendees;
DROP TABLE meetings;
