-- +goose Up
-- Risk register (风险登记), incidents (突发事件) and pre-event readiness (活动前准备).
-- A risk carries its measures as a JSON list of {"zh","en"} steps; risks are archived
-- (active = FALSE), never deleted. An incident belongs to one store and one risk; its level
-- starts at the risk's and may only be raised; its actions are the response timeline (photos
-- are attachments of kind incident_action). A readiness event snapshots the chosen risks'
-- measures as its items (readiness_event_items) and gives every active store one checklist
-- line per item (readiness_items, unique per event, store and item, so generating twice adds
-- nothing).
CREATE TABLE risks (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    code VARCHAR(40) NOT NULL,
    name VARCHAR(100) NOT NULL,
    name_en VARCHAR(100) NOT NULL DEFAULT '',
    level VARCHAR(10) NOT NULL,
    symptoms VARCHAR(1000) NOT NULL DEFAULT '',
    symptoms_en VARCHAR(1000) NOT NULL DEFAULT '',
    owner_department VARCHAR(40) NOT NULL,
    measures TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    version INT NOT NULL DEFAULT 1,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    CONSTRAINT uq_risks_code UNIQUE (code)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE incidents (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    store_id BIGINT NOT NULL,
    risk_id BIGINT NOT NULL,
    level VARCHAR(10) NOT NULL,
    title VARCHAR(200) NOT NULL,
    description VARCHAR(2000) NOT NULL DEFAULT '',
    occurred_at DATETIME(6) NOT NULL,
    owner_id BIGINT NULL,
    owner_name VARCHAR(100) NOT NULL DEFAULT '',
    status VARCHAR(20) NOT NULL,
    resolution VARCHAR(2000) NOT NULL DEFAULT '',
    resolved_at DATETIME(6) NULL,
    resolved_by_name VARCHAR(100) NOT NULL DEFAULT '',
    closed_at DATETIME(6) NULL,
    created_by BIGINT NULL,
    created_by_name VARCHAR(100) NOT NULL DEFAULT '',
    version INT NOT NULL DEFAULT 1,
    created_at DATETIME(6) NOT NULL,
    updated_at DATETIME(6) NOT NULL,
    CONSTRAINT fk_incidents_store FOREIGN KEY (store_id) REFERENCES stores (id),
    CONSTRAINT fk_incidents_risk FOREIGN KEY (risk_id) REFERENCES risks (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_incidents_store ON incidents (store_id, occurred_at);
CREATE INDEX ix_incidents_store_status ON incidents (store_id, status, occurred_at);
CREATE INDEX ix_incidents_status ON incidents (status, level, occurred_at);
CREATE INDEX ix_incidents_level ON incidents (level, occurred_at);
CREATE INDEX ix_incidents_occurred ON incidents (occurred_at);

CREATE TABLE incident_actions (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    incident_id BIGINT NOT NULL,
    kind VARCHAR(20) NOT NULL,
    note VARCHAR(1000) NOT NULL,
    created_by BIGINT NULL,
    created_by_name VARCHAR(100) NOT NULL DEFAULT '',
    created_at DATETIME(6) NOT NULL,
    CONSTRAINT fk_incident_actions_incident FOREIGN KEY (incident_id) REFERENCES incidents (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_incident_actions ON incident_actions (incident_id, id);

CREATE TABLE readiness_events (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    event_date DATE NOT NULL,
    risk_ids VARCHAR(400) NOT NULL,
    created_by BIGINT NULL,
    created_by_name VARCHAR(100) NOT NULL DEFAULT '',
    created_at DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_readiness_events_date ON readiness_events (event_date);

CREATE TABLE readiness_event_items (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    event_id BIGINT NOT NULL,
    risk_id BIGINT NOT NULL,
    seq INT NOT NULL,
    title VARCHAR(500) NOT NULL,
    title_en VARCHAR(500) NOT NULL DEFAULT '',
    CONSTRAINT fk_readiness_event_items_event FOREIGN KEY (event_id) REFERENCES readiness_events (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_readiness_event_items ON readiness_event_items (event_id, seq);

CREATE TABLE readiness_items (
    id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
    event_id BIGINT NOT NULL,
    store_id BIGINT NOT NULL,
    item_id BIGINT NOT NULL,
    done_at DATETIME(6) NULL,
    done_by BIGINT NULL,
    done_by_name VARCHAR(100) NOT NULL DEFAULT '',
    note VARCHAR(500) NOT NULL DEFAULT '',
    CONSTRAINT fk_readiness_items_event FOREIGN KEY (event_id) REFERENCES readiness_events (id),
    CONSTRAINT fk_readiness_items_item FOREIGN KEY (item_id) REFERENCES readiness_event_items (id),
    CONSTRAINT fk_readiness_items_store FOREIGN KEY (store_id) REFERENCES stores (id),
    CONSTRAINT uq_readiness_items UNIQUE (event_id, store_id, item_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE INDEX ix_readiness_items_store ON readiness_items (store_id, event_id);

INSERT INTO risks (id, code, name, name_en, level, symptoms, symptoms_en, owner_department, measures, active, version, created_at, updated_at)
VALUES (1, 'network_attack', '网络攻击', 'Network attack', 'high', '收银系统或会员系统无法登录、响应异常缓慢；出现勒索弹窗或陌生账号登录；门店网络流量异常、POS 大面积离线', 'Checkout or membership systems cannot log in or respond very slowly; ransom pop-ups or unknown accounts signing in; abnormal store network traffic, many POS terminals offline', 'it', '[{"zh": "立即断开受影响终端的网络，保留现场，不要关机", "en": "Disconnect the affected terminals from the network at once and keep the evidence; do not power them off"}, {"zh": "启用离线收银模式，必要时开放现金与手工小票", "en": "Switch checkouts to offline mode; accept cash and hand-written receipts if needed"}, {"zh": "15 分钟内上报总部信息部并拨打安全值班电话", "en": "Report to HQ IT within 15 minutes and call the security duty line"}, {"zh": "核对当日交易数据，系统恢复后补录并对账", "en": "Check the day''s transactions; re-enter and reconcile once systems are back"}, {"zh": "修改门店所有系统账号密码，配合信息部排查", "en": "Change every store system password and help IT investigate"}]', TRUE, 1, '2026-12-01 00:00:00', '2026-12-01 00:00:00');
INSERT INTO risks (id, code, name, name_en, level, symptoms, symptoms_en, owner_department, measures, active, version, created_at, updated_at)
VALUES (2, 'storm_logistics_delay', '暴雨导致物流延误', 'Logistics delay from storms', 'medium', '气象台发布暴雨黄色及以上预警；配送车辆无法按时到店、道路积水；生鲜到货延迟超过 2 小时', 'Rainstorm warning of yellow or above; delivery trucks cannot reach the store on time, flooded roads; fresh deliveries late by more than 2 hours', 'logistics', '[{"zh": "关注气象预警，提前 1 天增加生鲜与民生商品订货量", "en": "Watch weather warnings and raise orders of fresh and staple goods one day ahead"}, {"zh": "与配送中心确认车辆路线和预计到店时间", "en": "Confirm truck routes and expected arrival times with the distribution centre"}, {"zh": "调整排班，安排人员应急收货和补货", "en": "Adjust rosters so staff can receive and restock at short notice"}, {"zh": "门口铺设防滑垫，设置积水警示标识", "en": "Lay anti-slip mats at the entrance and put up wet-floor signs"}, {"zh": "缺货商品及时更换价签或张贴缺货告示", "en": "Replace price labels or post out-of-stock notices for missing goods"}]', TRUE, 1, '2026-12-01 00:00:00', '2026-12-01 00:00:00');
INSERT INTO risks (id, code, name, name_en, level, symptoms, symptoms_en, owner_department, measures, active, version, created_at, updated_at)
VALUES (3, 'promotion_crowd_crush', '促销活动人群踩踏', 'Crowd crush at in-store promotions', 'high', '促销开门前门口聚集人数超过 200 人；抢购区域拥挤推搡；通道堵塞、出入口人流对冲', 'More than 200 people gathered at the door before a promotion opens; pushing and shoving at the deal area; blocked aisles, crowds meeting head-on at the doors', 'security', '[{"zh": "活动前评估客流，限量商品设置排队围栏和分批入场", "en": "Estimate the crowd before the event; queue barriers and entry in batches for limited offers"}, {"zh": "安排安保人员和员工在入口、抢购区疏导", "en": "Post security and staff at the entrance and the deal area to guide the crowd"}, {"zh": "检查消防通道和安全出口畅通，广播系统可用", "en": "Check that fire lanes and emergency exits are clear and the PA system works"}, {"zh": "人群过密时立即暂停促销并广播疏散", "en": "Stop the promotion and announce an orderly exit as soon as the crowd gets too dense"}, {"zh": "准备急救箱，发生伤情立即拨打 120 并上报总部", "en": "Keep a first-aid kit ready; call 120 and report to HQ at once if anyone is hurt"}]', TRUE, 1, '2026-12-01 00:00:00', '2026-12-01 00:00:00');
INSERT INTO risks (id, code, name, name_en, level, symptoms, symptoms_en, owner_department, measures, active, version, created_at, updated_at)
VALUES (4, 'product_quality_dispute', '产品质量纠纷', 'Product quality dispute', 'medium', '顾客投诉商品变质、异物或食用后不适；社交媒体出现质量负面帖子；同一批次多起投诉', 'Customers complain of spoiled goods, foreign objects or feeling unwell after eating; negative quality posts on social media; several complaints about one batch', 'quality', '[{"zh": "立即下架同批次商品并封存留样", "en": "Take the same batch off the shelves at once and seal samples"}, {"zh": "安抚顾客，记录购买凭证、联系方式和诉求", "en": "Calm the customer and record the receipt, contact details and request"}, {"zh": "2 小时内上报总部品控部，联系供应商核查", "en": "Report to HQ quality within 2 hours and contact the supplier to investigate"}, {"zh": "按规定退换或赔偿，必要时送检", "en": "Refund, exchange or compensate as the rules say; send samples for testing if needed"}, {"zh": "统一对外口径，由总部发布回应", "en": "Speak with one voice: HQ issues any public statement"}]', TRUE, 1, '2026-12-01 00:00:00', '2026-12-01 00:00:00');

-- +goose Down
DROP TABLE readiness_items;
DROP TABLE readiness_event_items;
DROP TABLE readiness_events;
DROP TABLE incident_actions;
DROP TABLE incidents;
DROP TABLE risks;
