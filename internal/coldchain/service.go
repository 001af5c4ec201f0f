package coldchain

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/feeds"
	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/idempotency"
	"github.com/storeops/storeops/internal/platform/outbox"
	"github.com/storeops/storeops/internal/platform/paging"
	"github.com/storeops/storeops/internal/safety"
)

// Stores tells a store's time zone and the departments it runs (the organisation module).
type Stores interface {
	StoreLocation(ctx context.Context, storeID int64) (*time.Location, error)
	StoreDepartments(ctx context.Context, p *authz.Principal, storeID int64) ([]string, error)
}

// Users finds the store's staff who own an alert's corrective action (the organisation module).
type Users interface {
	StoreStaff(ctx context.Context, storeID int64) ([]org.User, error)
}

// Actions opens corrective actions (the safety module).
type Actions interface {
	OpenAction(ctx context.Context, tx *gorm.DB, p *authz.Principal, n safety.NewAction) (int64, error)
}

// Expenses books a repair's cost into the expenses ledger (the feeds module).
type Expenses interface {
	PostExpense(ctx context.Context, tx *gorm.DB, e feeds.Expense) (bool, error)
}

// Notifier takes notifications inside the transaction of their event.
type Notifier interface {
	Add(ctx context.Context, tx *gorm.DB, m outbox.Message) (string, error)
}

// Deps are the modules the cold chain works with.
type Deps struct {
	Stores   Stores
	Users    Users
	Actions  Actions
	Expenses Expenses
	Notify   Notifier
	Audit    *audit.Log
	Keys     *idempotency.Store
}

// Service is the cold chain use cases.
type Service struct {
	db *gorm.DB
	Deps
	now func() time.Time
}

// NewService wires the cold chain module.
func NewService(db *gorm.DB, d Deps, now func() time.Time) *Service {
	return &Service{db: db, Deps: d, now: now}
}

func (s *Service) today(ctx context.Context, storeID int64) (civil.Date, error) {
	loc, err := s.Stores.StoreLocation(ctx, storeID)
	if err != nil {
		return 0, err
	}
	return civil.Today(s.now(), loc), nil
}

func notFound(what string, id int64) error {
	return apperr.New(apperr.ErrNotFound, "not_found", fmt.Sprintf("%s %d not found", what, id))
}

// staff refuses changes by roles that only read (HQ).
func staff(p *authz.Principal) error {
	return p.RequireRole(authz.RoleAdmin, authz.RoleStoreManager, authz.RoleSupervisor)
}

// scopeDepartments narrows a store list to p's departments: nil means every department.
func scopeDepartments(p *authz.Principal) []string {
	if p.Role != authz.RoleSupervisor {
		return nil
	}
	return append([]string{}, p.DepartmentCodes...)
}

// EquipmentFilter narrows a store's equipment list.
type EquipmentFilter struct {
	Kind, DepartmentCode string
	Active               *bool
	MaintenanceOverdue   bool
}

// ListEquipment answers a store's equipment (a supervisor: their departments), by name.
func (s *Service) ListEquipment(ctx context.Context, p *authz.Principal, storeID int64, f EquipmentFilter, pg paging.Page) ([]Equipment, int64, error) {
	if err := p.RequireStore(storeID); err != nil {
		return nil, 0, err
	}
	q := s.db.WithContext(ctx).Model(&equipmentRow{}).Where("store_id = ?", storeID)
	if depts := scopeDepartments(p); depts != nil {
		q = q.Where("department_code IN ?", depts)
	}
	if f.Kind != "" {
		q = q.Where("kind = ?", f.Kind)
	}
	if f.DepartmentCode != "" {
		q = q.Where("department_code = ?", f.DepartmentCode)
	}
	if f.Active != nil {
		q = q.Where("active = ?", *f.Active)
	}
	if f.MaintenanceOverdue {
		today, err := s.today(ctx, storeID)
		if err != nil {
			return nil, 0, err
		}
		q = q.Where("active = ? AND next_maintenance_due < ?", true, today)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []equipmentRow
	if err := q.Order("department_code, name, id").Offset(pg.Offset()).Limit(pg.PageSize).Find(&rows).Error; err != nil {
		return nil, 0, err
	}
	out := make([]Equipment, len(rows))
	ids := make([]int64, len(rows))
	for i, r := range rows {
		out[i], ids[i] = toEquipment(r), r.ID
	}
	open, err := s.openAlerts(ctx, ids)
	for i := range out {
		out[i].OpenAlerts = open[out[i].ID]
	}
	return out, total, err
}

// openAlerts counts the active alerts of the equipment ids.
func (s *Service) openAlerts(ctx context.Context, ids []int64) (map[int64]int, error) {
	out := map[int64]int{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []struct {
		EquipmentID int64
		N           int
	}
	err := s.db.WithContext(ctx).Model(&excursionRow{}).Select("equipment_id, COUNT(*) AS n").
		Where("equipment_id IN ? AND status IN ?", ids, []string{AlertOpen, AlertAcknowledged}).
		Group("equipment_id").Scan(&rows).Error
	for _, r := range rows {
		out[r.EquipmentID] = r.N
	}
	return out, err
}

func (s *Service) loadEquipment(ctx context.Context, db *gorm.DB, p *authz.Principal, id int64) (equipmentRow, error) {
	var r equipmentRow
	err := db.WithContext(ctx).Take(&r, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) || (err == nil && !p.CanSeeDepartment(r.StoreID, r.DepartmentCode)) {
		return r, notFound("equipment", id)
	}
	return r, err
}

// GetEquipment answers one piece of equipment in p's scope.
func (s *Service) GetEquipment(ctx context.Context, p *authz.Principal, id int64) (Equipment, error) {
	r, err := s.loadEquipment(ctx, s.db, p, id)
	if err != nil {
		return Equipment{}, err
	}
	e := toEquipment(r)
	open, err := s.openAlerts(ctx, []int64{id})
	e.OpenAlerts = open[id]
	return e, err
}

// requireDepartment answers 404 unless p sees dept of the store, and a 400 unless the store runs it.
func (s *Service) requireDepartment(ctx context.Context, p *authz.Principal, storeID int64, dept string) error {
	if err := p.RequireDepartment(storeID, dept); err != nil {
		return err
	}
	depts, err := s.Stores.StoreDepartments(ctx, p, storeID)
	if err != nil {
		return err
	}
	if !slices.Contains(depts, dept) {
		return apperr.FieldErrors{"department_code": fmt.Sprintf("the store does not run department %q", dept)}
	}
	return nil
}

// CreateEquipment registers a piece of equipment; a cold room, freezer or display chiller
// sent without a range gets its kind's default, and the first maintenance falls due one
// interval from today.
func (s *Service) CreateEquipment(ctx context.Context, p *authz.Principal, storeID int64, e Equipment) (Equipment, error) {
	if err := p.RequireStore(storeID); err != nil {
		return Equipment{}, err
	}
	if err := p.RequireRole(authz.RoleAdmin, authz.RoleStoreManager); err != nil {
		return Equipment{}, err
	}
	if e.MinCelsius == nil && e.MaxCelsius == nil {
		e.MinCelsius, e.MaxCelsius = DefaultRange(e.Kind)
	}
	if err := e.Validate(); err != nil {
		return Equipment{}, err
	}
	if err := s.requireDepartment(ctx, p, storeID, e.DepartmentCode); err != nil {
		return Equipment{}, err
	}
	today, err := s.today(ctx, storeID)
	if err != nil {
		return Equipment{}, err
	}
	if e.NextMaintenanceDue == nil {
		e.NextMaintenanceDue = NextDue(today, e.MaintenanceIntervalDays)
	}
	now := s.now()
	r := equipmentRow{StoreID: storeID, Kind: e.Kind, Name: e.Name, DepartmentCode: e.DepartmentCode, Location: e.Location,
		MinCelsius: e.MinCelsius, MaxCelsius: e.MaxCelsius, Active: true, MaintenanceIntervalDays: e.MaintenanceIntervalDays,
		NextMaintenanceDue: e.NextMaintenanceDue, Version: 1, CreatedAt: now, UpdatedAt: now}
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		if err := tx.WithContext(ctx).Create(&r).Error; err != nil {
			return err
		}
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "equipment.create", EntityType: "equipment",
			EntityID: audit.ID(r.ID), StoreID: &storeID, After: toEquipment(r)})
	})
	return toEquipment(r), err
}

// EquipmentPatch is an edit of a piece of equipment: nil fields stay; ClearMin/ClearMax
// remove a limit.
type EquipmentPatch struct {
	Name, Location, DepartmentCode, Kind *string
	MinCelsius, MaxCelsius               *Celsius
	ClearMin, ClearMax                   bool
	Active                               *bool
	MaintenanceIntervalDays              *int
	NextMaintenanceDue                   *civil.Date
}

// UpdateEquipment edits a piece of equipment at the version the caller read.
func (s *Service) UpdateEquipment(ctx context.Context, p *authz.Principal, id int64, version int, ch EquipmentPatch) (Equipment, error) {
	r, err := s.loadEquipment(ctx, s.db, p, id)
	if err != nil {
		return Equipment{}, err
	}
	if err := p.RequireRole(authz.RoleAdmin, authz.RoleStoreManager); err != nil {
		return Equipment{}, err
	}
	e := toEquipment(r)
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&e.Name, ch.Name)
	set(&e.Location, ch.Location)
	set(&e.DepartmentCode, ch.DepartmentCode)
	set(&e.Kind, ch.Kind)
	if ch.MinCelsius != nil || ch.ClearMin {
		e.MinCelsius = ch.MinCelsius
	}
	if ch.MaxCelsius != nil || ch.ClearMax {
		e.MaxCelsius = ch.MaxCelsius
	}
	if ch.Active != nil {
		e.Active = *ch.Active
	}
	if ch.MaintenanceIntervalDays != nil {
		e.MaintenanceIntervalDays = *ch.MaintenanceIntervalDays
	}
	if ch.NextMaintenanceDue != nil {
		e.NextMaintenanceDue = ch.NextMaintenanceDue
	}
	if err := e.Validate(); err != nil {
		return Equipment{}, err
	}
	if e.DepartmentCode != r.DepartmentCode {
		if err := s.requireDepartment(ctx, p, r.StoreID, e.DepartmentCode); err != nil {
			return Equipment{}, err
		}
	}
	changes := map[string]any{"name": e.Name, "location": e.Location, "department_code": e.DepartmentCode, "kind": e.Kind,
		"min_celsius": e.MinCelsius, "max_celsius": e.MaxCelsius, "active": e.Active,
		"maintenance_interval_days": e.MaintenanceIntervalDays, "next_maintenance_due": e.NextMaintenanceDue}
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		res := tx.WithContext(ctx).Model(&equipmentRow{}).Where("id = ? AND version = ?", id, version).
			Updates(mergeVersion(changes, version+1, s.now()))
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return apperr.New(apperr.ErrConflict, "stale_version", "the equipment was changed by someone else: reload it and try again")
		}
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "equipment.update", EntityType: "equipment",
			EntityID: audit.ID(id), StoreID: &r.StoreID, Before: toEquipment(r), After: changes})
	})
	if err != nil {
		return Equipment{}, err
	}
	return s.GetEquipment(ctx, p, id)
}

func mergeVersion(m map[string]any, version int, now time.Time) map[string]any {
	out := make(map[string]any, len(m)+2)
	for k, v := range m {
		out[k] = v
	}
	out["version"], out["updated_at"] = version, now
	return out
}
