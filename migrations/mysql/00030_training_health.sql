-- +goose Up
-- Staff training (员工培训) and food handlers' health certificates (健康证). employees is the
-- store's staff register: people who work in the store whether or not they sign in (user_id
-- links one who does). A training session is held for a store on a date; its attendance has
-- one row per employee (attended or absent, an optional score 0–100). training_rules is the
-- chain's table of required trainings: a food handler needs a session of the topic attended
-- within validity_months (food safety every 12 months, preloaded). A health certificate has
-- a number, issue and expiry dates (expiry after issue); photos are attachments of kind
-- health_certificate. The last index serves the inspection score report (store, date range,
-- grouped by department or area) from the index alone and replaces (store, date).
CREATE TABLE employees (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    store_id BIGINT NOT NULL,
    name VARCHAR(100) NOT NULL,
    department_code VARCHAR(32) NOT NULL DEFAULT '',
    role_title VARCHAR(100) NOT NULL DEFAULT '',
    food_handler BOOLEAN NOT NULL,
    active BOOLEAN NOT NULL,
    user_id BIGINT NULL,
    version INT NOT NULL DEFAULT 1,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    CONSTRAINT fk_employees_store FOREIGN KEY (store_id) REFERENCES stores (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_employees_store ON employees (store_id, active, name);

CREATE TABLE training_sessions (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    store_id BIGINT NOT NULL,
    topic VARCHAR(32) NOT NULL,
    title VARCHAR(200) NOT NULL,
    scheduled_on DATE NOT NULL,
    departments VARCHAR(400) NOT NULL DEFAULT '',
    food_handlers BOOLEAN NOT NULL,
    trainer VARCHAR(100) NOT NULL DEFAULT '',
    notes VARCHAR(1000) NOT NULL DEFAULT '',
    created_by BIGINT NULL,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    CONSTRAINT fk_training_sessions_store FOREIGN KEY (store_id) REFERENCES stores (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_training_sessions_store ON training_sessions (store_id, scheduled_on);

CREATE TABLE training_attendance (
    session_id BIGINT NOT NULL,
    employee_id BIGINT NOT NULL,
    status VARCHAR(16) NOT NULL,
    score INT NULL,
    recorded_by BIGINT NULL,
    recorded_at DATETIME(6) NOT NULL,
    PRIMARY KEY (session_id, employee_id),
    CONSTRAINT fk_training_attendance_session FOREIGN KEY (session_id) REFERENCES training_sessions (id),
    CONSTRAINT fk_training_attendance_employee FOREIGN KEY (employee_id) REFERENCES employees (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_training_attendance_employee ON training_attendance (employee_id);

CREATE TABLE training_rules (
    topic VARCHAR(32) NOT NULL PRIMARY KEY,
    validity_months INT NOT NULL,
    food_handlers BOOLEAN NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO training_rules (topic, validity_months, food_handlers) VALUES ('food_safety', 12, 1);

CREATE TABLE health_certificates (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    store_id BIGINT NOT NULL,
    employee_id BIGINT NOT NULL,
    number VARCHAR(64) NOT NULL,
    issued_on DATE NOT NULL,
    expires_on DATE NOT NULL,
    version INT NOT NULL DEFAULT 1,
    created_by BIGINT NULL,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    CONSTRAINT fk_health_certificates_store FOREIGN KEY (store_id) REFERENCES stores (id),
    CONSTRAINT fk_health_certificates_employee FOREIGN KEY (employee_id) REFERENCES employees (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_health_certificates_expiry ON health_certificates (store_id, expires_on);
CREATE INDEX ix_health_certificates_employee ON health_certificates (employee_id, expires_on);

CREATE INDEX ix_inspections_report ON inspections (store_id, business_date, department_code, area, score, passed);
-- The report's index starts with the same columns, so it serves every lookup the old one did;
-- keeping both let the planner pick the narrower one and read every row for the report.
DROP INDEX ix_inspections_store_date ON inspections;

-- +goose Down
CREATE INDEX ix_inspections_store_date ON inspections (store_id, business_date);
DROP INDEX ix_inspections_report ON inspections;
DROP TABLE health_certificates;
DROP TABLE training_rules;
DROP TABLE training_attendance;
DROP TABLE training_sessions;
DROP TABLE employees;
