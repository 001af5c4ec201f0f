-- +goose Up
-- Daily work (日常工作): customer complaints and competitor price surveys (市调).
-- A complaint belongs to one store; its steps are the handling timeline (photos are
-- attachments of kind complaint_step). A resolved complaint keeps its resolution, the
-- compensation paid (0 … 100000.00) and when and by whom it was resolved; reopening clears
-- resolved_at. A price survey's lines keep the product's name and both prices as surveyed;
-- campaign_id links a line to the in-store promotion made from its gap (at most one). A price
-- change request is the store manager's to accept or reject.
CREATE TABLE complaints (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    store_id BIGINT NOT NULL,
    channel VARCHAR(20) NOT NULL,
    category VARCHAR(20) NOT NULL,
    department_code VARCHAR(32) NOT NULL DEFAULT '',
    product_id BIGINT NULL,
    sku VARCHAR(32) NOT NULL DEFAULT '',
    product_name VARCHAR(200) NOT NULL DEFAULT '',
    description VARCHAR(2000) NOT NULL,
    received_at DATETIME(6) NOT NULL,
    status VARCHAR(20) NOT NULL,
    resolution VARCHAR(2000) NOT NULL DEFAULT '',
    compensation DECIMAL(8,2) NOT NULL,
    resolved_at DATETIME(6) NULL,
    resolved_by BIGINT NULL,
    created_by BIGINT NULL,
    created_by_name VARCHAR(100) NOT NULL DEFAULT '',
    version INT NOT NULL DEFAULT 1,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    CONSTRAINT fk_complaints_store FOREIGN KEY (store_id) REFERENCES stores (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_complaints_received ON complaints (store_id, received_at);
CREATE INDEX ix_complaints_status ON complaints (status, received_at);

CREATE TABLE complaint_steps (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    complaint_id BIGINT NOT NULL,
    note VARCHAR(1000) NOT NULL,
    created_by BIGINT NULL,
    created_by_name VARCHAR(100) NOT NULL DEFAULT '',
    created_at DATETIME(6) NOT NULL,
    CONSTRAINT fk_complaint_steps_complaint FOREIGN KEY (complaint_id) REFERENCES complaints (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_complaint_steps ON complaint_steps (complaint_id, id);

CREATE TABLE price_surveys (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    store_id BIGINT NOT NULL,
    competitor VARCHAR(100) NOT NULL,
    survey_date DATE NOT NULL,
    note VARCHAR(1000) NOT NULL DEFAULT '',
    created_by BIGINT NULL,
    created_by_name VARCHAR(100) NOT NULL DEFAULT '',
    created_at DATETIME(6) NOT NULL,
    CONSTRAINT fk_price_surveys_store FOREIGN KEY (store_id) REFERENCES stores (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_price_surveys_date ON price_surveys (store_id, survey_date);

CREATE TABLE price_survey_lines (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    survey_id BIGINT NOT NULL,
    line_no INT NOT NULL,
    product_id BIGINT NOT NULL,
    sku VARCHAR(32) NOT NULL,
    name VARCHAR(200) NOT NULL,
    our_price DECIMAL(8,2) NOT NULL,
    their_price DECIMAL(8,2) NOT NULL,
    note VARCHAR(500) NOT NULL DEFAULT '',
    campaign_id BIGINT NULL,
    CONSTRAINT fk_price_survey_lines_survey FOREIGN KEY (survey_id) REFERENCES price_surveys (id),
    CONSTRAINT uq_price_survey_lines UNIQUE (survey_id, line_no)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE price_change_requests (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    store_id BIGINT NOT NULL,
    line_id BIGINT NOT NULL,
    sku VARCHAR(32) NOT NULL,
    name VARCHAR(200) NOT NULL,
    current_price DECIMAL(8,2) NOT NULL,
    requested_price DECIMAL(8,2) NOT NULL,
    note VARCHAR(500) NOT NULL DEFAULT '',
    status VARCHAR(20) NOT NULL,
    reason VARCHAR(500) NOT NULL DEFAULT '',
    decided_by BIGINT NULL,
    decided_at DATETIME(6) NULL,
    created_by BIGINT NULL,
    created_by_name VARCHAR(100) NOT NULL DEFAULT '',
    created_at DATETIME(6) NOT NULL,
    CONSTRAINT fk_price_change_requests_store FOREIGN KEY (store_id) REFERENCES stores (id),
    CONSTRAINT fk_price_change_requests_line FOREIGN KEY (line_id) REFERENCES price_survey_lines (id),
    CONSTRAINT uq_price_change_requests_line UNIQUE (line_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_price_change_requests ON price_change_requests (store_id, status);

-- +goose Down
DROP TABLE price_change_requests;
DROP TABLE price_survey_lines;
DROP TABLE price_surveys;
DROP TABLE complaint_steps;
DROP TABLE complaints;
