-- +goose Up
-- The Today inbox asks, on every home-page load, which recounts are assigned to the caller:
-- this index finds them without reading the items of every open stocktake.
CREATE INDEX ix_stocktake_items_recount ON stocktake_items (recount_assignee, stocktake_id);

-- +goose Down
DROP INDEX ix_stocktake_items_recount ON stocktake_items;
