-- +goose Up
-- Daily sales per store and department, kept in the same transaction as the sales feed so
-- KPI screens never scan raw lines. `storeops check` proves it equals the raw sums.
CREATE TABLE sales_daily (
    store_id BIGINT NOT NULL,
    business_date DATE NOT NULL,
    department_code VARCHAR(32) NOT NULL,
    qty DECIMAL(16,3) NOT NULL,
    net_sales DECIMAL(16,2) NOT NULL,
    cost DECIMAL(16,2) NOT NULL,
    line_count INT NOT NULL,
    PRIMARY KEY (store_id, business_date, department_code)
);
CREATE INDEX ix_sales_daily_date ON sales_daily (business_date, store_id);

-- +goose Down
DROP TABLE sales_daily;
