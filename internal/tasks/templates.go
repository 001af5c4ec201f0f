package tasks

import (
	"context"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
)

// maxTemplates bounds a template list: a chain has dozens, not thousands.
const maxTemplates = 1000

// ListTemplates answers the chain's templates and, for a store in p's scope (storeID), that
// store's own; with storeID nil an admin or HQ sees every store's too, a store-bound caller
// their own store's.
func (s *Service) ListTemplates(ctx context.Context, p *authz.Principal, storeID *int64) ([]Template, error) {
	if err := authz.Require(p); err != nil {
		return nil, err
	}
	q := s.db.WithContext(ctx).Model(&templateRow{})
	switch {
	case storeID != nil:
		if err := p.RequireStore(*storeID); err != nil {
			return nil, err
		}
		q = q.Where("store_id IS NULL OR store_id = ?", *storeID)
	case p.StoreFilter() != nil:
		q = q.Where("store_id IS NULL OR store_id = ?", *p.StoreFilter())
	}
	var rows []templateRow
	if err := q.Order("department_code, due_minute, id").Limit(maxTemplates).Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Template, len(rows))
	for i, r := range rows {
		out[i] = toTemplate(r)
	}
	return out, nil
}

// editsTemplate reports whether p may create or change a template of storeID (nil: the
// chain's): admins any, a store manager their own store's.
func editsTemplate(p *authz.Principal, storeID *int64) error {
	if p.Role == authz.RoleAdmin {
		return nil
	}
	if p.Role == authz.RoleStoreManager && storeID != nil && p.StoreID != nil && *storeID == *p.StoreID {
		return nil
	}
	return apperr.New(apperr.ErrForbidden, "forbidden", "chain templates are the admin's; a store manager edits their store's own")
}

// CreateTemplate adds a template: the chain's (admin) or a store's (its manager).
func (s *Service) CreateTemplate(ctx context.Context, p *authz.Principal, t Template) (Template, error) {
	if err := authz.Require(p); err != nil {
		return Template{}, err
	}
	if t.StoreID == nil && p.Role == authz.RoleStoreManager {
		t.StoreID = p.StoreID
	}
	if t.StoreID != nil {
		if err := p.RequireStore(*t.StoreID); err != nil {
			return Template{}, err
		}
	}
	if err := editsTemplate(p, t.StoreID); err != nil {
		return Template{}, err
	}
	if err := t.Validate(); err != nil {
		return Template{}, err
	}
	if err := s.checkDepartment(ctx, t.DepartmentCode); err != nil {
		return Template{}, err
	}
	now := s.now()
	t.ID, t.Version, t.CreatedAt, t.UpdatedAt = 0, 1, now, now
	r := fromTemplate(t)
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		r.ID = 0
		if err := tx.Create(&r).Error; err != nil {
			return err
		}
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "task_template.create", EntityType: "task_template",
			EntityID: audit.ID(r.ID), StoreID: r.StoreID, After: toTemplate(r)})
	})
	return toTemplate(r), err
}

func (s *Service) checkDepartment(ctx context.Context, code string) error {
	codes, err := s.Org.DepartmentCodes(ctx)
	if err != nil {
		return err
	}
	if !slices.Contains(codes, code) {
		return apperr.Field("department_code", "is not a department of the chain")
	}
	return nil
}

// TemplatePatch edits a copy of the stored template, answering problems with the fields sent.
type TemplatePatch func(t *Template) error

// UpdateTemplate changes template id if version is still current; an edit applies to the
// tasks generated from now on, never to those generated already.
func (s *Service) UpdateTemplate(ctx context.Context, p *authz.Principal, id int64, version int, patch TemplatePatch) (Template, error) {
	if err := authz.Require(p); err != nil {
		return Template{}, err
	}
	var out templateRow
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		var rows []templateRow
		if err := tx.WithContext(ctx).Where("id = ?", id).Limit(1).Find(&rows).Error; err != nil {
			return err
		}
		if len(rows) == 0 || (rows[0].StoreID != nil && !p.CanSeeStore(*rows[0].StoreID)) {
			return apperr.New(apperr.ErrNotFound, "not_found", fmt.Sprintf("task template %d not found", id))
		}
		before := rows[0]
		if err := editsTemplate(p, before.StoreID); err != nil {
			return err
		}
		t := toTemplate(before)
		if err := patch(&t); err != nil {
			return err
		}
		t.StoreID = before.StoreID
		if err := t.Validate(); err != nil {
			return err
		}
		if t.DepartmentCode != before.DepartmentCode {
			if err := s.checkDepartment(ctx, t.DepartmentCode); err != nil {
				return err
			}
		}
		err := database.UpdateVersioned(ctx, tx, &templateRow{}, id, version, map[string]any{
			"department_code": t.DepartmentCode, "title_zh": t.TitleZh, "title_en": t.TitleEn, "recurrence": t.Recurrence,
			"weekdays": t.Weekdays, "month_day": t.MonthDay, "due_minute": t.DueMinute,
			"estimated_minutes": t.EstimatedMinutes, "active": t.Active}, "the task template", s.now())
		if err != nil {
			return err
		}
		if err := tx.WithContext(ctx).Where("id = ?", id).Take(&out).Error; err != nil {
			return err
		}
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "task_template.update", EntityType: "task_template",
			EntityID: audit.ID(id), StoreID: before.StoreID, Before: toTemplate(before), After: toTemplate(out)})
	})
	return toTemplate(out), err
}

// TemplateVisible answers 404 unless template id is the chain's or of a store in p's scope.
func (s *Service) TemplateVisible(ctx context.Context, p *authz.Principal, id int64) error {
	var rows []templateRow
	if err := s.db.WithContext(ctx).Select("id, store_id").Where("id = ?", id).Limit(1).Find(&rows).Error; err != nil {
		return err
	}
	if len(rows) == 0 || (rows[0].StoreID != nil && !p.CanSeeStore(*rows[0].StoreID)) {
		return apperr.New(apperr.ErrNotFound, "not_found", fmt.Sprintf("task template %d not found", id))
	}
	return nil
}

// DefaultTemplates are the chain's templates every fresh department starts with: opening
// checks, fresh display and facings, the price-label check (Monday, Wednesday, Friday),
// closing and cleaning, and the month's deep clean of the cold room.
func DefaultTemplates(department string) []Template {
	mwf, _ := WeekdayBits([]int{1, 3, 5})
	return []Template{
		{DepartmentCode: department, TitleZh: "开店检查（冷柜温度、设备、卫生）", TitleEn: "Opening checks (chiller temperatures, equipment, hygiene)",
			Recurrence: Daily, DueMinute: 8 * 60, EstimatedMinutes: 20, Active: true},
		{DepartmentCode: department, TitleZh: "生鲜陈列与排面整理", TitleEn: "Fresh display and facings",
			Recurrence: Daily, DueMinute: 10 * 60, EstimatedMinutes: 45, Active: true},
		{DepartmentCode: department, TitleZh: "价签核对", TitleEn: "Price-label check",
			Recurrence: Weekly, Weekdays: mwf, DueMinute: 11 * 60, EstimatedMinutes: 30, Active: true},
		{DepartmentCode: department, TitleZh: "闭店清洁与收尾", TitleEn: "Closing and cleaning",
			Recurrence: Daily, DueMinute: 21*60 + 30, EstimatedMinutes: 40, Active: true},
		{DepartmentCode: department, TitleZh: "冷库深度清洁", TitleEn: "Cold room deep clean",
			Recurrence: Monthly, MonthDay: 1, DueMinute: 15 * 60, EstimatedMinutes: 90, Active: true},
	}
}

// EnsureDefaultTemplates gives each of departments the chain's default templates unless it
// has chain templates already; it answers how many it created.
func (s *Service) EnsureDefaultTemplates(ctx context.Context, p *authz.Principal, departments []string) (int, error) {
	n := 0
	for _, d := range departments {
		var have int64
		if err := s.db.WithContext(ctx).Model(&templateRow{}).Where("store_id IS NULL AND department_code = ?", d).
			Count(&have).Error; err != nil {
			return n, err
		}
		if have > 0 {
			continue
		}
		for _, t := range DefaultTemplates(d) {
			if _, err := s.CreateTemplate(ctx, p, t); err != nil {
				return n, fmt.Errorf("template %s of %s: %w", t.TitleEn, d, err)
			}
			n++
		}
	}
	return n, nil
}
