-- +goose Up
-- Daily work (日常工作): recurring task templates, the tasks generated from them per store and
-- business day, ad-hoc tasks a store manager assigns, and each store department's daily
-- capacity in minutes (the load gatekeeper). A template with store_id NULL is the chain's
-- (admin), one with a store_id that store's own. weekdays is a bit set (bit 0 Sunday … bit 6
-- Saturday) of a weekly template; month_day the day of a monthly one (29–31 fall on the
-- month's last day when it is shorter). due_minute is the time of day due, in minutes after
-- the store's midnight. A generated task is unique per (template, store, business date), so
-- the generator may run twice or on two replicas at once; ad-hoc tasks have no template.
-- overdue_notified_at marks the task whose task.overdue message is written.
CREATE TABLE task_templates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    store_id BIGINT NULL,
    department_code VARCHAR(32) NOT NULL,
    title_zh VARCHAR(200) NOT NULL,
    title_en VARCHAR(200) NOT NULL DEFAULT '',
    recurrence VARCHAR(10) NOT NULL,
    weekdays INT NOT NULL DEFAULT 0,
    month_day INT NOT NULL DEFAULT 0,
    due_minute INT NOT NULL,
    estimated_minutes INT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT 1,
    version INT NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    CONSTRAINT fk_task_templates_store FOREIGN KEY (store_id) REFERENCES stores (id)
);
CREATE INDEX ix_task_templates_store ON task_templates (store_id, department_code);

CREATE TABLE tasks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    store_id BIGINT NOT NULL,
    template_id BIGINT NULL,
    business_date DATE NOT NULL,
    department_code VARCHAR(32) NOT NULL DEFAULT '',
    assignee_id BIGINT NULL,
    title_zh VARCHAR(200) NOT NULL,
    title_en VARCHAR(200) NOT NULL DEFAULT '',
    note VARCHAR(1000) NOT NULL DEFAULT '',
    due_at DATETIME NOT NULL,
    estimated_minutes INT NOT NULL DEFAULT 0,
    status VARCHAR(10) NOT NULL,
    done_at DATETIME NULL,
    done_by BIGINT NULL,
    done_by_name VARCHAR(100) NOT NULL DEFAULT '',
    done_note VARCHAR(1000) NOT NULL DEFAULT '',
    overdue_notified_at DATETIME NULL,
    created_by BIGINT NULL,
    created_by_name VARCHAR(100) NOT NULL DEFAULT '',
    version INT NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    CONSTRAINT fk_tasks_store FOREIGN KEY (store_id) REFERENCES stores (id)
);
CREATE UNIQUE INDEX ux_tasks_generated ON tasks (template_id, store_id, business_date);
CREATE INDEX ix_tasks_store_day ON tasks (store_id, business_date, department_code);
CREATE INDEX ix_tasks_store_status ON tasks (store_id, status, business_date);
CREATE INDEX ix_tasks_overdue ON tasks (status, overdue_notified_at, due_at);

CREATE TABLE task_capacities (
    store_id BIGINT NOT NULL,
    department_code VARCHAR(32) NOT NULL,
    minutes_per_day INT NOT NULL,
    version INT NOT NULL DEFAULT 1,
    updated_at DATETIME NOT NULL,
    PRIMARY KEY (store_id, department_code),
    CONSTRAINT fk_task_capacities_store FOREIGN KEY (store_id) REFERENCES stores (id)
);

-- +goose Down
DROP TABLE task_capacities;
DROP TABLE tasks;
DROP TABLE task_templates;
