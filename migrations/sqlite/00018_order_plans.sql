-- +goose Up
-- Ordering plans (订货计划). order_settings holds each department's delivery weekdays (digits of
-- the weekday, 0 = Sunday; '0123456' is daily) and its service level in percent; a department
-- without a row orders daily at 95 %; max_delivery_temp (°C) is the warmest delivery a chilled or
-- frozen department accepts at receiving (NULL: not checked). forecast_states keeps the fitted forecast of each store
-- and product (JSON), moved on day by day by a job, so a plan reads it instead of the sales.
-- An order plan is unique per store, department and delivery date; its lines keep the
-- suggestion with every term behind it (explanation, JSON), the quantity ordered and, once
-- received, what arrived and what was refused at the door.
CREATE TABLE order_settings (
    department_code VARCHAR(32) NOT NULL PRIMARY KEY,
    delivery_weekdays VARCHAR(7) NOT NULL,
    service_level DECIMAL(5,2) NOT NULL,
    max_delivery_temp DECIMAL(5,2) NULL,
    version INT NOT NULL DEFAULT 1,
    updated_at DATETIME NOT NULL,
    CONSTRAINT fk_order_settings_department FOREIGN KEY (department_code) REFERENCES departments (code)
);

CREATE TABLE forecast_states (
    store_id BIGINT NOT NULL,
    product_id BIGINT NOT NULL,
    state TEXT NOT NULL,
    last_day DATE NOT NULL,
    last_sale_date DATE NULL,
    fitted_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    PRIMARY KEY (store_id, product_id)
);

CREATE TABLE order_plans (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    store_id BIGINT NOT NULL,
    department_code VARCHAR(32) NOT NULL,
    business_date DATE NOT NULL,
    delivery_date DATE NOT NULL,
    next_delivery_date DATE NOT NULL,
    status VARCHAR(16) NOT NULL,
    reject_reason VARCHAR(500) NOT NULL DEFAULT '',
    service_level DECIMAL(5,2) NOT NULL,
    line_count INT NOT NULL,
    ordered_lines INT NOT NULL DEFAULT 0,
    order_value DECIMAL(15,2) NOT NULL DEFAULT 0,
    exception_count INT NOT NULL DEFAULT 0,
    delivery_temp DECIMAL(5,2) NULL,
    receive_note VARCHAR(500) NOT NULL DEFAULT '',
    created_by BIGINT NULL,
    submitted_at DATETIME NULL,
    submitted_by BIGINT NULL,
    approved_at DATETIME NULL,
    approved_by BIGINT NULL,
    received_at DATETIME NULL,
    received_by BIGINT NULL,
    version INT NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    CONSTRAINT fk_order_plans_store FOREIGN KEY (store_id) REFERENCES stores (id)
);
CREATE UNIQUE INDEX uq_order_plans_delivery ON order_plans (store_id, department_code, delivery_date);
CREATE INDEX ix_order_plans_status ON order_plans (store_id, status, delivery_date);

CREATE TABLE order_plan_lines (
    plan_id BIGINT NOT NULL,
    product_id BIGINT NOT NULL,
    sku VARCHAR(32) NOT NULL,
    name VARCHAR(200) NOT NULL,
    unit VARCHAR(16) NOT NULL,
    supplier_id BIGINT NULL,
    supplier_code VARCHAR(32) NOT NULL DEFAULT '',
    supplier_name VARCHAR(100) NOT NULL DEFAULT '',
    case_pack DECIMAL(12,3) NOT NULL,
    min_order_qty DECIMAL(12,3) NOT NULL,
    unit_cost DECIMAL(12,2) NOT NULL,
    forecast_qty DECIMAL(14,3) NOT NULL,
    suggested_qty DECIMAL(14,3) NOT NULL,
    ordered_qty DECIMAL(12,3) NOT NULL,
    deviation_reason VARCHAR(200) NOT NULL DEFAULT '',
    flags VARCHAR(100) NOT NULL DEFAULT '',
    exception BOOLEAN NOT NULL DEFAULT 0,
    explanation TEXT NOT NULL,
    last_week_qty DECIMAL(12,3) NULL,
    days_since_sale INT NOT NULL,
    received_qty DECIMAL(12,3) NULL,
    refused_qty DECIMAL(12,3) NOT NULL DEFAULT 0,
    refuse_reason VARCHAR(200) NOT NULL DEFAULT '',
    lot_expiry DATE NULL,
    photos VARCHAR(400) NOT NULL DEFAULT '',
    version INT NOT NULL DEFAULT 1,
    updated_at DATETIME NOT NULL,
    PRIMARY KEY (plan_id, product_id),
    CONSTRAINT fk_order_plan_lines_plan FOREIGN KEY (plan_id) REFERENCES order_plans (id) ON DELETE CASCADE
);
CREATE INDEX ix_order_plan_lines_sku ON order_plan_lines (plan_id, sku);

-- The Today inbox asks which suppliers a department's active products come from on each
-- home-page load: an index range, not the department's rows.
CREATE INDEX ix_products_dept_supplier ON products (department_code, active, supplier_id);

-- +goose Down
DROP INDEX ix_products_dept_supplier;
DROP TABLE order_plan_lines;
DROP TABLE order_plans;
DROP TABLE forecast_states;
DROP TABLE order_settings;
