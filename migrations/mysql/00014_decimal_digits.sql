-- +goose Up
-- Every DECIMAL column has at most 15 significant digits, the most SQLite's 8-byte REAL
-- round-trips exactly, so both databases hold the same values (docs/adr/0001-exact-decimals.md).
-- Strict mode makes this fail, rather than truncate, if a stored value does not fit.
ALTER TABLE sales_daily
    MODIFY qty DECIMAL(15,3) NOT NULL,
    MODIFY net_sales DECIMAL(15,2) NOT NULL,
    MODIFY cost DECIMAL(15,2) NOT NULL;
ALTER TABLE stocktakes
    MODIFY book_value DECIMAL(15,2) NULL,
    MODIFY variance_abs_value DECIMAL(15,2) NULL;

-- +goose Down
ALTER TABLE stocktakes
    MODIFY book_value DECIMAL(16,2) NULL,
    MODIFY variance_abs_value DECIMAL(16,2) NULL;
ALTER TABLE sales_daily
    MODIFY qty DECIMAL(16,3) NOT NULL,
    MODIFY net_sales DECIMAL(16,2) NOT NULL,
    MODIFY cost DECIMAL(16,2) NOT NULL;
