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
-- corrective_actions.inspection_id becomes nullable: an excursion's corrective action belongs
-- to no inspection.
ALTER TABLE corrective_actions MODIFY inspection_id BIGINT NULL;

CREATE TABLE equipment (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
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
    last_reading_at DATETIME(6) NULL,
    last_celsius DECIMAL(6,2) NULL,
    version INT NOT NULL DEFAULT 1,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    CONSTRAINT fk_equipment_store FOREIGN KEY (store_id) REFERENCES stores (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_equipment_store ON equipment (store_id, department_code);
CREATE INDEX ix_equipment_due ON equipment (store_id, next_maintenance_due);

CREATE TABLE temperature_logs (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    equipment_id BIGINT NOT NULL,
    store_id BIGINT NOT NULL,
    recorded_at DATETIME(6) NOT NULL,
    source VARCHAR(16) NOT NULL,
    celsius DECIMAL(6,2) NOT NULL,
    out_of_range BOOLEAN NOT NULL,
    note VARCHAR(200) NOT NULL DEFAULT '',
    created_by BIGINT NULL,
    created_at DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE UNIQUE INDEX ux_temperature_logs ON temperature_logs (equipment_id, recorded_at, source);

CREATE TABLE temperature_excursions (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    store_id BIGINT NOT NULL,
    equipment_id BIGINT NOT NULL,
    department_code VARCHAR(32) NOT NULL,
    status VARCHAR(16) NOT NULL,
    started_at DATETIME(6) NOT NULL,
    last_seen_at DATETIME(6) NOT NULL,
    ended_at DATETIME(6) NULL,
    min_celsius DECIMAL(6,2) NOT NULL,
    max_celsius DECIMAL(6,2) NOT NULL,
    reading_count INT NOT NULL,
    limit_min DECIMAL(6,2) NULL,
    limit_max DECIMAL(6,2) NULL,
    action_id BIGINT NULL,
    inspection_id BIGINT NULL,
    acknowledged_by BIGINT NULL,
    acknowledged_by_name VARCHAR(100) NOT NULL DEFAULT '',
    acknowledged_at DATETIME(6) NULL,
    closed_by BIGINT NULL,
    closed_by_name VARCHAR(100) NOT NULL DEFAULT '',
    close_note VARCHAR(500) NOT NULL DEFAULT '',
    version INT NOT NULL DEFAULT 1,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    CONSTRAINT fk_temperature_excursions_equipment FOREIGN KEY (equipment_id) REFERENCES equipment (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_temperature_excursions_store ON temperature_excursions (store_id, status);
CREATE INDEX ix_temperature_excursions_equipment ON temperature_excursions (equipment_id, status, started_at);

CREATE TABLE equipment_maintenance (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
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
    created_at DATETIME(6) NOT NULL,
    CONSTRAINT fk_equipment_maintenance_equipment FOREIGN KEY (equipment_id) REFERENCES equipment (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_equipment_maintenance ON equipment_maintenance (equipment_id, done_on);

-- +goose Down
DROP TABLE equipment_maintenance;
DROP TABLE temperature_excursions;
DROP TABLE temperature_logs;
DROP TABLE equipment;
