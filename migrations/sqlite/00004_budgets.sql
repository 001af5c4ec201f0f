-- +goose Up
-- Monthly department budgets of a store. Amounts are NULL where no target is set;
-- budget_month is 'YYYY-MM'. The (budget_month, store_id) index serves the chain-wide
-- reads of the HQ ranking.
CREATE TABLE budgets (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    store_id INTEGER NOT NULL REFERENCES stores (id),
    budget_month CHAR(7) NOT NULL,
    department_code VARCHAR(32) NOT NULL REFERENCES departments (code),
    sales_target DECIMAL(14,2) NULL,
    gross_margin_pct_target DECIMAL(5,2) NULL,
    labour_budget DECIMAL(14,2) NULL,
    materials_budget DECIMAL(14,2) NULL,
    repairs_budget DECIMAL(14,2) NULL,
    shrink_budget DECIMAL(14,2) NULL,
    sales_per_head_target DECIMAL(14,2) NULL,
    version INTEGER NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    updated_by VARCHAR(64) NOT NULL
);
CREATE UNIQUE INDEX uq_budgets_store_month_department ON budgets (store_id, budget_month, department_code);
CREATE INDEX ix_budgets_month ON budgets (budget_month, store_id);

-- +goose Down
DROP TABLE budgets;
