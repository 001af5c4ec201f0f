-- +goose Up
-- Safety and hygiene (安全卫生), first part: checklist templates, inspections, corrective
-- actions and schedules. checklist_templates holds a chain template (store_id NULL, edited by
-- admin and HQ quality) or a store's own (edited by its manager); every edit adds a row to
-- checklist_template_versions, whose items are the version's questions as a JSON array
-- (numbers as decimal strings, "-18.00") that never changes once written, and moves
-- current_version. An inspection keeps the template version it was filled with, its score
-- (0–100, two decimals) and one inspection_answers row per answered item; each failed item
-- opened one corrective_actions row (open → done → verified). inspection_schedules makes a
-- template due daily or weekly (weekday 1 Monday … 7 Sunday) for one department of a store;
-- due and overdue are computed when read, in the store's time zone. The six templates below
-- are the chain's standard checklists, preloaded on every install.
CREATE TABLE checklist_templates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    store_id BIGINT NULL,
    title VARCHAR(100) NOT NULL,
    area VARCHAR(32) NOT NULL,
    department_code VARCHAR(32) NOT NULL DEFAULT '',
    pass_score INT NOT NULL,
    current_version INT NOT NULL,
    active BOOLEAN NOT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    CONSTRAINT fk_checklist_templates_store FOREIGN KEY (store_id) REFERENCES stores (id)
);
CREATE INDEX ix_checklist_templates_store ON checklist_templates (store_id);

CREATE TABLE checklist_template_versions (
    template_id BIGINT NOT NULL,
    version INT NOT NULL,
    title VARCHAR(100) NOT NULL,
    area VARCHAR(32) NOT NULL,
    department_code VARCHAR(32) NOT NULL DEFAULT '',
    pass_score INT NOT NULL,
    items TEXT NOT NULL,
    created_by BIGINT NULL,
    created_by_name VARCHAR(100) NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL,
    PRIMARY KEY (template_id, version),
    CONSTRAINT fk_checklist_template_versions FOREIGN KEY (template_id) REFERENCES checklist_templates (id)
);

CREATE TABLE inspection_schedules (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    store_id BIGINT NOT NULL,
    template_id BIGINT NOT NULL,
    department_code VARCHAR(32) NOT NULL,
    frequency VARCHAR(16) NOT NULL,
    weekday INT NOT NULL DEFAULT 0,
    since_date DATE NOT NULL,
    version INT NOT NULL DEFAULT 1,
    updated_by BIGINT NULL,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    CONSTRAINT fk_inspection_schedules_store FOREIGN KEY (store_id) REFERENCES stores (id),
    CONSTRAINT fk_inspection_schedules_template FOREIGN KEY (template_id) REFERENCES checklist_templates (id)
);
CREATE UNIQUE INDEX ux_inspection_schedules ON inspection_schedules (store_id, template_id, department_code);

CREATE TABLE inspections (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    store_id BIGINT NOT NULL,
    department_code VARCHAR(32) NOT NULL,
    area VARCHAR(32) NOT NULL,
    template_id BIGINT NOT NULL,
    template_version INT NOT NULL,
    title VARCHAR(100) NOT NULL,
    business_date DATE NOT NULL,
    score DECIMAL(5,2) NOT NULL,
    pass_score INT NOT NULL,
    passed BOOLEAN NOT NULL,
    critical_failed BOOLEAN NOT NULL,
    failed_count INT NOT NULL,
    note VARCHAR(500) NOT NULL DEFAULT '',
    inspector_id BIGINT NULL,
    inspector_name VARCHAR(100) NOT NULL DEFAULT '',
    created_at DATETIME NOT NULL,
    CONSTRAINT fk_inspections_store FOREIGN KEY (store_id) REFERENCES stores (id),
    CONSTRAINT fk_inspections_version FOREIGN KEY (template_id, template_version) REFERENCES checklist_template_versions (template_id, version)
);
CREATE INDEX ix_inspections_store_date ON inspections (store_id, business_date);
CREATE INDEX ix_inspections_due ON inspections (store_id, template_id, department_code, business_date);

CREATE TABLE inspection_answers (
    inspection_id BIGINT NOT NULL,
    item_id INT NOT NULL,
    kind VARCHAR(16) NOT NULL,
    bool_value BOOLEAN NULL,
    number_value DECIMAL(8,2) NULL,
    text_value VARCHAR(1000) NOT NULL DEFAULT '',
    choice_value VARCHAR(50) NOT NULL DEFAULT '',
    photos VARCHAR(200) NOT NULL DEFAULT '',
    note VARCHAR(500) NOT NULL DEFAULT '',
    failed BOOLEAN NOT NULL,
    PRIMARY KEY (inspection_id, item_id),
    CONSTRAINT fk_inspection_answers FOREIGN KEY (inspection_id) REFERENCES inspections (id)
);

CREATE TABLE corrective_actions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    store_id BIGINT NOT NULL,
    department_code VARCHAR(32) NOT NULL,
    inspection_id BIGINT NOT NULL,
    item_id INT NOT NULL,
    title VARCHAR(200) NOT NULL,
    finding VARCHAR(200) NOT NULL DEFAULT '',
    critical BOOLEAN NOT NULL,
    owner_id BIGINT NULL,
    owner_name VARCHAR(100) NOT NULL DEFAULT '',
    due_date DATE NOT NULL,
    status VARCHAR(16) NOT NULL,
    note VARCHAR(1000) NOT NULL DEFAULT '',
    done_by BIGINT NULL,
    done_by_name VARCHAR(100) NOT NULL DEFAULT '',
    done_at DATETIME NULL,
    verified_by BIGINT NULL,
    verified_by_name VARCHAR(100) NOT NULL DEFAULT '',
    verified_at DATETIME NULL,
    reject_reason VARCHAR(500) NOT NULL DEFAULT '',
    version INT NOT NULL DEFAULT 1,
    created_at DATETIME NOT NULL,
    updated_at DATETIME NOT NULL,
    CONSTRAINT fk_corrective_actions_store FOREIGN KEY (store_id) REFERENCES stores (id),
    CONSTRAINT fk_corrective_actions_inspection FOREIGN KEY (inspection_id) REFERENCES inspections (id)
);
CREATE UNIQUE INDEX ux_corrective_actions_item ON corrective_actions (inspection_id, item_id);
CREATE INDEX ix_corrective_actions_store ON corrective_actions (store_id, status, due_date);
CREATE INDEX ix_corrective_actions_owner ON corrective_actions (owner_id, status);

INSERT INTO checklist_templates (id, store_id, title, area, department_code, pass_score, current_version, active, created_at, updated_at)
VALUES (1, NULL, '冷库卫生与温度检查', 'cold_room', '', 80, 1, TRUE, '2026-11-30 00:00:00+00:00', '2026-11-30 00:00:00+00:00');
INSERT INTO checklist_template_versions (template_id, version, title, area, department_code, pass_score, items, created_by, created_by_name, created_at)
VALUES (1, 1, '冷库卫生与温度检查', 'cold_room', '', 80, '[{"id":1,"title":"冷藏库温度","kind":"number","unit":"°C","min":"0.00","max":"4.00","weight":20,"critical":true,"required":true,"guidance":"读取库内温度计，冷藏库应在 0–4 °C","choices":[],"fail_choices":[]},{"id":2,"title":"冷冻库温度","kind":"number","unit":"°C","min":null,"max":"-18.00","weight":20,"critical":true,"required":true,"guidance":"冷冻库应在 −18 °C 及以下","choices":[],"fail_choices":[]},{"id":3,"title":"库内地面、货架清洁无积水、无异味","kind":"bool","unit":"","min":null,"max":null,"weight":10,"critical":false,"required":true,"guidance":"","choices":[],"fail_choices":[]},{"id":4,"title":"商品离地离墙存放（离地 10 cm、离墙 10 cm）","kind":"bool","unit":"","min":null,"max":null,"weight":10,"critical":false,"required":true,"guidance":"","choices":[],"fail_choices":[]},{"id":5,"title":"生熟分开存放，无交叉污染","kind":"bool","unit":"","min":null,"max":null,"weight":15,"critical":true,"required":true,"guidance":"","choices":[],"fail_choices":[]},{"id":6,"title":"库内商品均有标识和保质期，无过期商品","kind":"bool","unit":"","min":null,"max":null,"weight":15,"critical":true,"required":true,"guidance":"","choices":[],"fail_choices":[]},{"id":7,"title":"门封条完好，无结霜结冰","kind":"bool","unit":"","min":null,"max":null,"weight":10,"critical":false,"required":true,"guidance":"","choices":[],"fail_choices":[]},{"id":8,"title":"库内全景照片","kind":"photo","unit":"","min":null,"max":null,"weight":0,"critical":false,"required":false,"guidance":"","choices":[],"fail_choices":[]}]', NULL, 'system:migration', '2026-11-30 00:00:00+00:00');
INSERT INTO checklist_templates (id, store_id, title, area, department_code, pass_score, current_version, active, created_at, updated_at)
VALUES (2, NULL, '操作间卫生检查', 'prep_room', '', 80, 1, TRUE, '2026-11-30 00:00:00+00:00', '2026-11-30 00:00:00+00:00');
INSERT INTO checklist_template_versions (template_id, version, title, area, department_code, pass_score, items, created_by, created_by_name, created_at)
VALUES (2, 1, '操作间卫生检查', 'prep_room', '', 80, '[{"id":1,"title":"砧板、刀具按生熟、颜色分开使用","kind":"bool","unit":"","min":null,"max":null,"weight":15,"critical":true,"required":true,"guidance":"","choices":[],"fail_choices":[]},{"id":2,"title":"操作台面、水池清洁消毒并有记录","kind":"bool","unit":"","min":null,"max":null,"weight":10,"critical":false,"required":true,"guidance":"","choices":[],"fail_choices":[]},{"id":3,"title":"消毒液有效氯浓度","kind":"number","unit":"ppm","min":"100.00","max":"250.00","weight":10,"critical":false,"required":true,"guidance":"用试纸检测，应在 100–250 ppm","choices":[],"fail_choices":[]},{"id":4,"title":"垃圾桶加盖，及时清理","kind":"bool","unit":"","min":null,"max":null,"weight":5,"critical":false,"required":true,"guidance":"","choices":[],"fail_choices":[]},{"id":5,"title":"防蝇防鼠设施完好，无虫害痕迹","kind":"bool","unit":"","min":null,"max":null,"weight":15,"critical":true,"required":true,"guidance":"","choices":[],"fail_choices":[]},{"id":6,"title":"原料、半成品、成品分区存放并有标识","kind":"bool","unit":"","min":null,"max":null,"weight":10,"critical":false,"required":true,"guidance":"","choices":[],"fail_choices":[]},{"id":7,"title":"熟食出品中心温度","kind":"number","unit":"°C","min":"70.00","max":null,"weight":15,"critical":true,"required":true,"guidance":"熟食出锅中心温度应不低于 70 °C","choices":[],"fail_choices":[]},{"id":8,"title":"操作间照片","kind":"photo","unit":"","min":null,"max":null,"weight":0,"critical":false,"required":false,"guidance":"","choices":[],"fail_choices":[]}]', NULL, 'system:migration', '2026-11-30 00:00:00+00:00');
INSERT INTO checklist_templates (id, store_id, title, area, department_code, pass_score, current_version, active, created_at, updated_at)
VALUES (3, NULL, '销售区卫生检查', 'sales_floor', '', 80, 1, TRUE, '2026-11-30 00:00:00+00:00', '2026-11-30 00:00:00+00:00');
INSERT INTO checklist_template_versions (template_id, version, title, area, department_code, pass_score, items, created_by, created_by_name, created_at)
VALUES (3, 1, '销售区卫生检查', 'sales_floor', '', 80, '[{"id":1,"title":"地面干净无水渍，通道畅通","kind":"bool","unit":"","min":null,"max":null,"weight":10,"critical":false,"required":true,"guidance":"","choices":[],"fail_choices":[]},{"id":2,"title":"货架、堆头清洁，无灰尘蛛网","kind":"bool","unit":"","min":null,"max":null,"weight":10,"critical":false,"required":true,"guidance":"","choices":[],"fail_choices":[]},{"id":3,"title":"冷柜展示温度","kind":"number","unit":"°C","min":"0.00","max":"5.00","weight":20,"critical":true,"required":true,"guidance":"风幕柜温度应在 0–5 °C","choices":[],"fail_choices":[]},{"id":4,"title":"散装食品有防尘罩和公勺公夹","kind":"bool","unit":"","min":null,"max":null,"weight":15,"critical":false,"required":true,"guidance":"","choices":[],"fail_choices":[]},{"id":5,"title":"购物篮车清洁状况","kind":"choice","unit":"","min":null,"max":null,"weight":10,"critical":false,"required":true,"guidance":"","choices":["良好","一般","较差"],"fail_choices":["较差"]},{"id":6,"title":"无过期、变质商品在售","kind":"bool","unit":"","min":null,"max":null,"weight":20,"critical":true,"required":true,"guidance":"","choices":[],"fail_choices":[]},{"id":7,"title":"销售区照片","kind":"photo","unit":"","min":null,"max":null,"weight":0,"critical":false,"required":false,"guidance":"","choices":[],"fail_choices":[]}]', NULL, 'system:migration', '2026-11-30 00:00:00+00:00');
INSERT INTO checklist_templates (id, store_id, title, area, department_code, pass_score, current_version, active, created_at, updated_at)
VALUES (4, NULL, '员工仪容仪表与操作规范', 'staff', '', 80, 1, TRUE, '2026-11-30 00:00:00+00:00', '2026-11-30 00:00:00+00:00');
INSERT INTO checklist_template_versions (template_id, version, title, area, department_code, pass_score, items, created_by, created_by_name, created_at)
VALUES (4, 1, '员工仪容仪表与操作规范', 'staff', '', 80, '[{"id":1,"title":"工作服、帽、口罩穿戴整齐","kind":"bool","unit":"","min":null,"max":null,"weight":15,"critical":false,"required":true,"guidance":"","choices":[],"fail_choices":[]},{"id":2,"title":"不留长指甲、不涂指甲油、不佩戴饰物","kind":"bool","unit":"","min":null,"max":null,"weight":10,"critical":false,"required":true,"guidance":"","choices":[],"fail_choices":[]},{"id":3,"title":"健康证在有效期内并随身携带或公示","kind":"bool","unit":"","min":null,"max":null,"weight":20,"critical":true,"required":true,"guidance":"","choices":[],"fail_choices":[]},{"id":4,"title":"操作前按规范洗手消毒","kind":"bool","unit":"","min":null,"max":null,"weight":15,"critical":false,"required":true,"guidance":"","choices":[],"fail_choices":[]},{"id":5,"title":"生熟操作更换手套","kind":"bool","unit":"","min":null,"max":null,"weight":15,"critical":true,"required":true,"guidance":"","choices":[],"fail_choices":[]},{"id":6,"title":"员工精神面貌与服务用语","kind":"choice","unit":"","min":null,"max":null,"weight":10,"critical":false,"required":true,"guidance":"","choices":["良好","一般","较差"],"fail_choices":["较差"]},{"id":7,"title":"备注（未达标员工姓名等）","kind":"text","unit":"","min":null,"max":null,"weight":0,"critical":false,"required":false,"guidance":"","choices":[],"fail_choices":[]}]', NULL, 'system:migration', '2026-11-30 00:00:00+00:00');
INSERT INTO checklist_templates (id, store_id, title, area, department_code, pass_score, current_version, active, created_at, updated_at)
VALUES (5, NULL, '生鲜陈列与价签检查', 'display', '', 80, 1, TRUE, '2026-11-30 00:00:00+00:00', '2026-11-30 00:00:00+00:00');
INSERT INTO checklist_template_versions (template_id, version, title, area, department_code, pass_score, items, created_by, created_by_name, created_at)
VALUES (5, 1, '生鲜陈列与价签检查', 'display', '', 80, '[{"id":1,"title":"陈列丰满整齐，先进先出","kind":"bool","unit":"","min":null,"max":null,"weight":15,"critical":false,"required":true,"guidance":"","choices":[],"fail_choices":[]},{"id":2,"title":"价签与商品一一对应，价格与系统一致","kind":"bool","unit":"","min":null,"max":null,"weight":20,"critical":true,"required":true,"guidance":"","choices":[],"fail_choices":[]},{"id":3,"title":"促销价签注明原价、促销价和活动期限","kind":"bool","unit":"","min":null,"max":null,"weight":15,"critical":false,"required":true,"guidance":"","choices":[],"fail_choices":[]},{"id":4,"title":"商品标注产地、等级、规格","kind":"bool","unit":"","min":null,"max":null,"weight":10,"critical":false,"required":true,"guidance":"","choices":[],"fail_choices":[]},{"id":5,"title":"果蔬新鲜度","kind":"choice","unit":"","min":null,"max":null,"weight":15,"critical":false,"required":true,"guidance":"","choices":["新鲜","一般","有腐烂"],"fail_choices":["有腐烂"]},{"id":6,"title":"冰台水产冰量充足，无异味","kind":"bool","unit":"","min":null,"max":null,"weight":10,"critical":false,"required":true,"guidance":"","choices":[],"fail_choices":[]},{"id":7,"title":"陈列照片","kind":"photo","unit":"","min":null,"max":null,"weight":0,"critical":false,"required":false,"guidance":"","choices":[],"fail_choices":[]}]', NULL, 'system:migration', '2026-11-30 00:00:00+00:00');
INSERT INTO checklist_templates (id, store_id, title, area, department_code, pass_score, current_version, active, created_at, updated_at)
VALUES (6, NULL, '消防安全检查', 'fire_safety', '', 80, 1, TRUE, '2026-11-30 00:00:00+00:00', '2026-11-30 00:00:00+00:00');
INSERT INTO checklist_template_versions (template_id, version, title, area, department_code, pass_score, items, created_by, created_by_name, created_at)
VALUES (6, 1, '消防安全检查', 'fire_safety', '', 80, '[{"id":1,"title":"灭火器在有效期内，压力指针在绿区","kind":"bool","unit":"","min":null,"max":null,"weight":20,"critical":true,"required":true,"guidance":"","choices":[],"fail_choices":[]},{"id":2,"title":"安全出口、疏散通道畅通无堆放","kind":"bool","unit":"","min":null,"max":null,"weight":20,"critical":true,"required":true,"guidance":"","choices":[],"fail_choices":[]},{"id":3,"title":"应急照明和疏散指示标志完好","kind":"bool","unit":"","min":null,"max":null,"weight":15,"critical":false,"required":true,"guidance":"","choices":[],"fail_choices":[]},{"id":4,"title":"消防栓无遮挡，配件齐全","kind":"bool","unit":"","min":null,"max":null,"weight":15,"critical":false,"required":true,"guidance":"","choices":[],"fail_choices":[]},{"id":5,"title":"电气线路无私拉乱接，插座无过载","kind":"bool","unit":"","min":null,"max":null,"weight":15,"critical":false,"required":true,"guidance":"","choices":[],"fail_choices":[]},{"id":6,"title":"发现的隐患","kind":"text","unit":"","min":null,"max":null,"weight":0,"critical":false,"required":false,"guidance":"","choices":[],"fail_choices":[]}]', NULL, 'system:migration', '2026-11-30 00:00:00+00:00');

-- +goose Down
DROP TABLE corrective_actions;
DROP TABLE inspection_answers;
DROP TABLE inspections;
DROP TABLE inspection_schedules;
DROP TABLE checklist_template_versions;
DROP TABLE checklist_templates;
