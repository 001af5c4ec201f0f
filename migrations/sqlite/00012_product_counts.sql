-- How many products each department has, kept in the transactions that create products or
-- move them between departments: a list's total of a whole department (the default stock
-- page) is then a read of a few rows, not a count of the catalogue.
-- +goose Up
CREATE TABLE product_counts (
    department_code VARCHAR(32) NOT NULL PRIMARY KEY,
    n BIGINT NOT NULL
);
INSERT INTO product_counts (department_code, n)
SELECT department_code, COUNT(*) FROM products GROUP BY department_code;

-- +goose Down
DROP TABLE product_counts;
