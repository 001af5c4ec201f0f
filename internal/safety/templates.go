package safety

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/paging"
)

// Checklist is a template at one of its versions.
type Checklist struct {
	ID             int64
	StoreID        *int64 // nil: a chain template
	CurrentVersion int
	Active         bool
	Version        int // the version this content is
	Template
	CreatedByName string
}

// ChecklistFilter narrows the template list.
type ChecklistFilter struct {
	StoreID *int64 // chain templates and this store's; nil: chain templates only (HQ: all)
	Area    string
	Retired bool // the retired templates instead of the active ones
}

func toChecklist(t templateRow, v versionRow) (Checklist, error) {
	c := Checklist{ID: t.ID, StoreID: t.StoreID, CurrentVersion: t.CurrentVersion, Active: t.Active, Version: v.Version,
		Template:      Template{Title: v.Title, Area: v.Area, DepartmentCode: v.DepartmentCode, PassScore: v.PassScore},
		CreatedByName: v.CreatedByName}
	if err := json.Unmarshal([]byte(v.Items), &c.Items); err != nil {
		return c, fmt.Errorf("checklist %d version %d: items: %w", t.ID, v.Version, err)
	}
	return c, nil
}

// mayEdit refuses p editing a template of storeID (nil: the chain's): chain templates are
// admin's and HQ quality's, a store's are its manager's (and admin's).
func mayEdit(p *authz.Principal, storeID *int64) error {
	if storeID == nil {
		return p.RequireRole(authz.RoleAdmin, authz.RoleHQQuality)
	}
	if err := p.RequireStore(*storeID); err != nil {
		return err
	}
	return p.RequireRole(authz.RoleAdmin, authz.RoleStoreManager)
}

// ChecklistEdit is the one step on a template: saving its next version (and retiring or
// restoring it through that).
const ChecklistEdit = "edit"

// ChecklistActions answers what p may do to checklist c: edit it when c is its current
// version and p edits templates of its owner (the chain's or the store's).
func ChecklistActions(p *authz.Principal, c Checklist) []string {
	if c.Version == c.CurrentVersion && mayEdit(p, c.StoreID) == nil {
		return []string{ChecklistEdit}
	}
	return []string{}
}

// visible reports whether p sees a template of storeID.
func visible(p *authz.Principal, storeID *int64) bool {
	return storeID == nil || p.CanSeeStore(*storeID)
}

// ListChecklists answers the active (or retired) templates p sees at their current versions: the chain's
// and, for store staff, their store's (HQ and admin name a store_id to add that store's).
func (s *Service) ListChecklists(ctx context.Context, p *authz.Principal, f ChecklistFilter, pg paging.Page) ([]Checklist, int64, error) {
	if err := authz.Require(p); err != nil {
		return nil, 0, err
	}
	store := f.StoreID
	if p.Role.StoreBound() {
		store = p.StoreID
	}
	if store != nil && !p.CanSeeStore(*store) {
		return nil, 0, notFound("store", *store)
	}
	q := s.db.WithContext(ctx).Model(&templateRow{}).Where("active = ?", !f.Retired)
	if store != nil {
		q = q.Where("store_id IS NULL OR store_id = ?", *store)
	} else {
		q = q.Where("store_id IS NULL")
	}
	if f.Area != "" {
		q = q.Where("area = ?", f.Area)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []templateRow
	if err := q.Order("id").Offset(pg.Offset()).Limit(pg.PageSize).Find(&rows).Error; err != nil {
		return nil, 0, err
	}
	out := make([]Checklist, 0, len(rows))
	for _, t := range rows {
		var v versionRow
		if err := s.db.WithContext(ctx).Where("template_id = ? AND version = ?", t.ID, t.CurrentVersion).Take(&v).Error; err != nil {
			return nil, 0, err
		}
		c, err := toChecklist(t, v)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, c)
	}
	return out, total, nil
}

// GetChecklist answers template id at version (0: the current one) if p sees it.
func (s *Service) GetChecklist(ctx context.Context, p *authz.Principal, id int64, version int) (Checklist, error) {
	return s.checklist(ctx, s.db, p, id, version)
}

func (s *Service) checklist(ctx context.Context, db *gorm.DB, p *authz.Principal, id int64, version int) (Checklist, error) {
	var t templateRow
	if err := db.WithContext(ctx).Take(&t, id).Error; err != nil || !visible(p, t.StoreID) {
		if err == nil || errors.Is(err, gorm.ErrRecordNotFound) {
			err = notFound("checklist", id)
		}
		return Checklist{}, err
	}
	if version == 0 {
		version = t.CurrentVersion
	}
	var v versionRow
	if err := db.WithContext(ctx).Where("template_id = ? AND version = ?", id, version).Take(&v).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			err = apperr.New(apperr.ErrNotFound, "not_found", fmt.Sprintf("checklist %d has no version %d", id, version))
		}
		return Checklist{}, err
	}
	return toChecklist(t, v)
}

// CreateChecklist adds a template at version 1: the chain's (storeID nil) or a store's.
func (s *Service) CreateChecklist(ctx context.Context, p *authz.Principal, storeID *int64, t Template) (Checklist, error) {
	if err := mayEdit(p, storeID); err != nil {
		return Checklist{}, err
	}
	if err := t.Validate(); err != nil {
		return Checklist{}, err
	}
	if err := s.requireChainDepartment(ctx, t.DepartmentCode); err != nil {
		return Checklist{}, err
	}
	var id int64
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		now := s.now()
		row := templateRow{StoreID: storeID, Title: t.Title, Area: t.Area, DepartmentCode: t.DepartmentCode,
			PassScore: t.PassScore, CurrentVersion: 1, Active: true, CreatedAt: now, UpdatedAt: now}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		id = row.ID
		return s.addVersion(ctx, tx, p, row, t, nil)
	})
	if err != nil {
		return Checklist{}, err
	}
	return s.checklist(ctx, s.db, p, id, 0)
}

// ReviseChecklist saves t as the template's next version; inspections already made keep the
// version they were filled with. version is the current version the editor read (stale: 409).
// active, when set, retires the template (false: no longer listed, filled or due) or brings
// it back.
func (s *Service) ReviseChecklist(ctx context.Context, p *authz.Principal, id int64, version int, t Template, active *bool) (Checklist, error) {
	if err := authz.Require(p); err != nil {
		return Checklist{}, err
	}
	if err := s.requireChainDepartment(ctx, t.DepartmentCode); err != nil {
		return Checklist{}, err
	}
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		before, err := s.checklist(ctx, tx, p, id, 0)
		if err != nil {
			return err
		}
		if err := mayEdit(p, before.StoreID); err != nil {
			return err
		}
		if err := t.Validate(); err != nil {
			return err
		}
		if version != before.CurrentVersion {
			return stale("the checklist")
		}
		now := s.now()
		set := map[string]any{"title": t.Title, "area": t.Area, "department_code": t.DepartmentCode,
			"pass_score": t.PassScore, "current_version": version + 1, "updated_at": now}
		if active != nil {
			set["active"] = *active
		}
		res := tx.Model(&templateRow{}).Where("id = ? AND current_version = ?", id, version).Updates(set)
		if res.Error != nil || res.RowsAffected == 0 {
			if res.Error == nil {
				return stale("the checklist")
			}
			return res.Error
		}
		row := templateRow{ID: id, StoreID: before.StoreID, CurrentVersion: version + 1}
		return s.addVersion(ctx, tx, p, row, t, &before.Template)
	})
	if err != nil {
		return Checklist{}, err
	}
	return s.checklist(ctx, s.db, p, id, 0)
}

func (s *Service) addVersion(ctx context.Context, tx *gorm.DB, p *authz.Principal, row templateRow, t Template, before *Template) error {
	items, err := json.Marshal(t.Items)
	if err != nil {
		return err
	}
	v := versionRow{TemplateID: row.ID, Version: row.CurrentVersion, Title: t.Title, Area: t.Area,
		DepartmentCode: t.DepartmentCode, PassScore: t.PassScore, Items: string(items), CreatedBy: p.ActorID(),
		CreatedByName: p.Username, CreatedAt: s.now()}
	if err := tx.Create(&v).Error; err != nil {
		return err
	}
	action, entry := "checklist.create", audit.Entry{EntityType: "checklist", EntityID: audit.ID(row.ID), StoreID: row.StoreID,
		After: auditJSON(map[string]any{"version": v.Version, "title": t.Title, "area": t.Area, "items": len(t.Items)})}
	if before != nil {
		action = "checklist.revise"
		entry.Before = auditJSON(map[string]any{"version": v.Version - 1, "title": before.Title, "items": len(before.Items)})
	}
	entry.Action = action
	return s.Audit.Write(ctx, tx, p, entry)
}
