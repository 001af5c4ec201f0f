-- +goose Up
-- Cold chain and equipment (冷链与设备). equipment is a store's register of cold rooms,
-- freezers, display chillers, ovens, scales and other kit, each with the temperature range it
-- must hold (°C, two decimals, NULL when the kit has no limit on that side) and its
-- maintenance interval and next due date. temperature_logs holds every reading, by hand, from
-- a sensor batch or from an inspection; (equipment_id, recorded_at, source) is its natural key,
-- so a reading sent twice is stored once. temperature_excursions is one alert per stretch of
-- out-of-range readings of one piece of equipment (open → acknowledged → closed), with the
-- corrective action it opened. equipment_maintenance records maintenance and repairs with
-- their cost; a repair's cost is posted once to expense_lines (category repairs) unless it
-- arrives through the ERP's expense feed.
-- corrective_actions is rebuilt so that inspection_id may be NULL: an excursion's corrective
-- action belongs to no inspection.
CREATE TABLE corrective_actions_new (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    store_id BIGINT NOT NULL,
    department_code VARCHAR(32) NOT NULL,
    inspection_id BIGINT NULL,
    item_id INT NOT NULL,
    title VARCHAR(200) NOT NULL,
    finding VARCHAR(200) NOT NULL DEFAULT '',
    critical BOOLEAN NOT NULL,
    owner_id BIGINT NULL,
    owner_name VARCHAR(100) NOT NULL DEFAULT '',
    due_date DATE NOT NULL,
    status VARCHAR(16) NOT NULL,
    note VARCHAR(1000) NOT NULL DEFAULT '',
    done_by BIGINT NULL,
    done_by_name VARCHAR(100) NOT NULL DEFAULT '',
    done_at DATETIME NULL,
    verified_by BIGINT NULL,
    verified_by_name VARCHAR(100) NOT NULL DEFAULT '',
    verified_at DATETIME NULL,
    reject_reason VARCHAR(500) NOT NULL DEFAULT '',
    version INT NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    CONSTRAINT fk_corrective_actions_store FOREIGN KEY (store_id) REFERENCES stores (id),
    CONSTRAINT fk_corrective_actions_inspection FOREIGN KEY (inspection_id) REFERENCES inspections (id)
);
INSERT INTO corrective_actions_new SELECT id, store_id, department_code, inspection_id, item_id, title, finding,
    critical, owner_id, owner_name, due_date, status, note, done_by, done_by_name, done_at, verified_by,
    verified_by_name, verified_at, reject_reason, version, created_at, updated_at FROM corrective_actions;
DROP TABLE corrective_actions;
ALTER TABLE corrective_actions_new RENAME TO corrective_actions;
CREATE UNIQUE INDEX ux_corrective_actions_item ON corrective_actions (inspection_id, item_id);
CREATE INDEX ix_corrective_actions_store ON corrective_actions (store_id, status, due_date);
CREATE INDEX ix_corrective_actions_owner ON corrective_actions (owner_id, status);

CREATE TABLE equipment (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    store_id BIGINT NOT NULL,
    kind VARCHAR(32) NOT NULL,
    name VARCHAR(100) NOT NULL,
    department_code VARCHAR(32) NOT NULL,
    location VARCHAR(100) NOT NULL DEFAULT '',
    min_celsius DECIMAL(6,2) NULL,
    max_celsius DECIMAL(6,2) NULL,
    active BOOLEAN NOT NULL,
    maintenance_interval_days INT NOT NULL DEFAULT 0,
    next_maintenance_due DATE NULL,
    last_reading_at DATETIME NULL,
    last_celsius DECIMAL(6,2) NULL,
    version INT NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    CONSTRAINT fk_equipment_store FOREIGN KEY (store_id) REFERENCES stores (id)
);
CREATE INDEX ix_equipment_store ON equipment (store_id, department_code);
CREATE INDEX ix_equipment_due ON equipment (store_id, next_maintenance_due);

CREATE TABLE temperature_logs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    equipment_id BIGINT NOT NULL,
    store_id BIGINT NOT NULL,
    recorded_at DATETIME NOT NULL,
    source VARCHAR(16) NOT NULL,
    celsius DECIMAL(6,2) NOT NULL,
    out_of_range BOOLEAN NOT NULL,
    note VARCHAR(200) NOT NULL DEFAULT '',
    created_by BIGINT NULL,
    created_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX ux_temperature_logs ON temperature_logs (equipment_id, recorded_at, source);

CREATE TABLE temperature_excursions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    store_id BIGINT NOT NULL,
    equipment_id BIGINT NOT NULL,
    department_code VARCHAR(32) NOT NULL,
    status VARCHAR(16) NOT NULL,
    started_at DATETIME NOT NULL,
    last_seen_at DATETIME NOT NULL,
    ended_at DATETIME NULL,
    min_celsius DECIMAL(6,2) NOT NULL,
    max_celsius DECIMAL(6,2) NOT NULL,
    reading_count INT NOT NULL,
    limit_min DECIMAL(6,2) NULL,
    limit_max DECIMAL(6,2) NULL,
    action_id BIGINT NULL,
    inspection_id BIGINT NULL,
    acknowledged_by BIGINT NULL,
    acknowledged_by_name VARCHAR(100) NOT NULL DEFAULT '',
    acknowledged_at DATETIME NULL,
    closed_by BIGINT NULL,
    closed_by_name VARCHAR(100) NOT NULL DEFAULT '',
    close_note VARCHAR(500) NOT NULL DEFAULT '',
    version INT NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    CONSTRAINT fk_temperature_excursions_equipment FOREIGN KEY (equipment_id) REFERENCES equipment (id)
);
CREATE INDEX ix_temperature_excursions_store ON temperature_excursions (store_id, status);
CREATE INDEX ix_temperature_excursions_equipment ON temperature_excursions (equipment_id, status, started_at);

CREATE TABLE equipment_maintenance (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    equipment_id BIGINT NOT NULL,
    store_id BIGINT NOT NULL,
    kind VARCHAR(16) NOT NULL,
    done_on DATE NOT NULL,
    vendor VARCHAR(100) NOT NULL DEFAULT '',
    note VARCHAR(500) NOT NULL DEFAULT '',
    cost DECIMAL(12,2) NOT NULL,
    cost_via_erp BOOLEAN NOT NULL,
    expense_posted BOOLEAN NOT NULL,
    created_by BIGINT NULL,
    created_by_name VARCHAR(100) NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL,
    CONSTRAINT fk_equipment_maintenance_equipment FOREIGN KEY (equipment_id) REFERENCES equipment (id)
);
CREATE INDEX ix_equipment_maintenance ON equipment_maintenance (equipment_id, done_on);

-- +goose Down
DROP TABLE equipment_maintenance;
DROP TABLE temperature_excursions;
DROP TABLE temperature_logs;
DROP TABLE equipment;
