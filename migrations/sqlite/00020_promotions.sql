-- +goose Up
-- Promotion execution (促销执行). A campaign is HQ's plan (or a store manager's in-store
-- promotion, owner_store_id set): a period, a mechanic, items with their promo price (the
-- regular price and cost as they were when the item was set; below_cost marks a price under
-- cost that was meant), execution tasks due some hours after the start, and its target
-- stores (all, a region, or the stores listed in campaign_target_stores). Publishing makes one
-- execution per target store with a row per task (campaign_task_runs), idempotently: the keys
-- (campaign_id, store_id) and (campaign_id, store_id, task_id) are unique.
CREATE TABLE campaigns (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name VARCHAR(200) NOT NULL,
    mechanic VARCHAR(32) NOT NULL,
    starts_on DATE NOT NULL,
    ends_on DATE NOT NULL,
    status VARCHAR(16) NOT NULL,
    owner_store_id BIGINT NULL,
    target_kind VARCHAR(16) NOT NULL,
    target_region VARCHAR(64) NOT NULL DEFAULT '',
    priority INT NOT NULL DEFAULT 0,
    note VARCHAR(1000) NOT NULL DEFAULT '',
    created_by BIGINT NULL,
    published_at DATETIME NULL,
    ended_at DATETIME NULL,
    version INT NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL
);
CREATE INDEX ix_campaigns_period ON campaigns (status, starts_on, ends_on);

CREATE TABLE campaign_items (
    campaign_id BIGINT NOT NULL,
    product_id BIGINT NOT NULL,
    sku VARCHAR(32) NOT NULL,
    name VARCHAR(200) NOT NULL,
    regular_price DECIMAL(12,2) NOT NULL,
    promo_price DECIMAL(12,2) NOT NULL,
    cost_price DECIMAL(12,2) NOT NULL,
    below_cost BOOLEAN NOT NULL DEFAULT 0,
    PRIMARY KEY (campaign_id, product_id)
);
CREATE INDEX ix_campaign_items_product ON campaign_items (product_id);

CREATE TABLE campaign_tasks (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    campaign_id BIGINT NOT NULL,
    position INT NOT NULL,
    kind VARCHAR(16) NOT NULL,
    title VARCHAR(200) NOT NULL,
    instructions VARCHAR(2000) NOT NULL DEFAULT '',
    due_hours INT NOT NULL,
    photo_required BOOLEAN NOT NULL
);
CREATE INDEX ix_campaign_tasks_campaign ON campaign_tasks (campaign_id, position);

CREATE TABLE campaign_target_stores (
    campaign_id BIGINT NOT NULL,
    store_id BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, store_id)
);

CREATE TABLE campaign_executions (
    campaign_id BIGINT NOT NULL,
    store_id BIGINT NOT NULL,
    published_at DATETIME NOT NULL,
    review VARCHAR(4000) NOT NULL DEFAULT '',
    reviewed_by BIGINT NULL,
    reviewed_at DATETIME NULL,
    PRIMARY KEY (campaign_id, store_id)
);
CREATE INDEX ix_campaign_executions_store ON campaign_executions (store_id, campaign_id);

CREATE TABLE campaign_task_runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    campaign_id BIGINT NOT NULL,
    store_id BIGINT NOT NULL,
    task_id BIGINT NOT NULL,
    due_at DATETIME NOT NULL,
    status VARCHAR(16) NOT NULL,
    note VARCHAR(1000) NOT NULL DEFAULT '',
    problem_kind VARCHAR(32) NOT NULL DEFAULT '',
    answer VARCHAR(1000) NOT NULL DEFAULT '',
    done_by BIGINT NULL,
    done_at DATETIME NULL,
    version INT NOT NULL DEFAULT 1,
    updated_at DATETIME NOT NULL
);
CREATE UNIQUE INDEX uq_campaign_task_runs ON campaign_task_runs (campaign_id, store_id, task_id);
CREATE INDEX ix_campaign_task_runs_store ON campaign_task_runs (store_id, status, due_at);

-- +goose Down
DROP TABLE campaign_task_runs;
DROP TABLE campaign_executions;
DROP TABLE campaign_target_stores;
DROP TABLE campaign_tasks;
DROP TABLE campaign_items;
DROP TABLE campaigns;
