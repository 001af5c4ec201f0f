-- +goose Up
-- Monthly department budgets of a store. Amounts are NULL where no target is set;
-- budget_month is 'YYYY-MM'. The (budget_month, store_id) index serves the chain-wide
-- reads of the HQ ranking.
CREATE TABLE budgets (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    store_id BIGINT NOT NULL,
    budget_month CHAR(7) NOT NULL,
    department_code VARCHAR(32) NOT NULL,
    sales_target DECIMAL(14,2) NULL,
    gross_margin_pct_target DECIMAL(5,2) NULL,
    labour_budget DECIMAL(14,2) NULL,
    materials_budget DECIMAL(14,2) NULL,
    repairs_budget DECIMAL(14,2) NULL,
    shrink_budget DECIMAL(14,2) NULL,
    sales_per_head_target DECIMAL(14,2) NULL,
    version INT NOT NULL DEFAULT 1,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    updated_by VARCHAR(64) NOT NULL,
    UNIQUE KEY uq_budgets_store_month_department (store_id, budget_month, department_code),
    KEY ix_budgets_month (budget_month, store_id),
    CONSTRAINT fk_budgets_store FOREIGN KEY (store_id) REFERENCES stores (id),
    CONSTRAINT fk_budgets_department FOREIGN KEY (department_code) REFERENCES departments (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- +goose Down
DROP TABLE budgets;
