-- +goose Up
-- A campaign's effect report keeps the sums it measured per store and item, so reading it
-- again costs what the report shows, not the weeks of sales lines behind it. A store's sums
-- stay good while its window, the campaign's items, its sales days (sales_daily.revision,
-- counted up by every import that changes a line of that day) and the stock movements dated
-- up to the window's end (the store's movement sequence) are what they were when measured.
ALTER TABLE sales_daily ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;

CREATE TABLE campaign_effect_stores (
    campaign_id BIGINT NOT NULL,
    store_id BIGINT NOT NULL,
    baseline_from DATE NOT NULL,
    measured_to DATE NOT NULL,
    items_key CHAR(64) NOT NULL,
    sales_revision BIGINT NOT NULL,
    stock_seq BIGINT NOT NULL,
    computed_at DATETIME(6) NOT NULL,
    PRIMARY KEY (campaign_id, store_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE campaign_effect_lines (
    campaign_id BIGINT NOT NULL,
    store_id BIGINT NOT NULL,
    product_id BIGINT NOT NULL,
    base_qty DECIMAL(15,3) NOT NULL,
    promo_qty DECIMAL(15,3) NOT NULL,
    base_net DECIMAL(15,2) NOT NULL,
    promo_net DECIMAL(15,2) NOT NULL,
    base_margin DECIMAL(15,2) NOT NULL,
    promo_margin DECIMAL(15,2) NOT NULL,
    days_out_of_stock INT NOT NULL,
    PRIMARY KEY (campaign_id, store_id, product_id)
) ENGINE=InnoDB;

-- +goose Down
DROP TABLE campaign_effect_lines;
DROP TABLE campaign_effect_stores;
ALTER TABLE sales_daily DROP COLUMN revision;
