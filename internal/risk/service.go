package risk

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/outbox"
)

// KindAction is the attachment owner kind of an incident action's photos.
const KindAction = "incident_action"

// Org answers the stores and users incidents and readiness refer to.
type Org interface {
	ActiveStoreIDs(ctx context.Context) ([]int64, error)
	StoresByID(ctx context.Context, ids []int64) (map[int64]org.Store, error)
	UsersByID(ctx context.Context, p *authz.Principal, ids []int64) (map[int64]org.User, error)
	StoreLocation(ctx context.Context, storeID int64) (*time.Location, error)
}

// Notifier takes an alert inside the transaction of the event it announces.
type Notifier interface {
	Add(ctx context.Context, tx *gorm.DB, m outbox.Message) (string, error)
}

// Deps are the modules the risk module works with.
type Deps struct {
	Org         Org
	Attachments *attachments.Service
	Audit       *audit.Log
	Notify      Notifier
}

// Service is the risk register, incident and readiness use cases; every change is one
// transaction with its audit entry.
type Service struct {
	db *gorm.DB
	Deps
	now func() time.Time
}

// NewService wires the risk module.
func NewService(db *gorm.DB, d Deps, now func() time.Time) *Service {
	return &Service{db: db, Deps: d, now: now}
}

// editsRegister: admins and HQ quality (品控部) keep the register and readiness events.
func editsRegister(p *authz.Principal) bool { return p.HasRole(authz.RoleAdmin, authz.RoleHQQuality) }

// handles: the store's staff (and admins) log incidents, add actions and resolve them.
func handles(p *authz.Principal) bool {
	return p.HasRole(authz.RoleAdmin, authz.RoleStoreManager, authz.RoleSupervisor)
}

// closes: the store manager, HQ quality and admins close a resolved incident.
func closes(p *authz.Principal) bool {
	return p.HasRole(authz.RoleAdmin, authz.RoleStoreManager, authz.RoleHQQuality)
}

func forbidden(msg string) error { return apperr.New(apperr.ErrForbidden, "forbidden", msg) }

func stale(what string) error {
	return apperr.New(apperr.ErrConflict, "stale_version", "the "+what+" was changed by someone else: reload it and try again")
}

// ListRisks answers the register, active risks first unless all asks for archived ones too.
func (s *Service) ListRisks(ctx context.Context, p *authz.Principal, all bool) ([]Risk, error) {
	if err := authz.Require(p); err != nil {
		return nil, err
	}
	q := s.db.WithContext(ctx).Order("active DESC, id")
	if !all {
		q = q.Where("active = ?", true)
	}
	var rows []riskRow
	if err := q.Limit(500).Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Risk, len(rows))
	for i, r := range rows {
		out[i] = toRisk(r)
	}
	return out, nil
}

func (s *Service) loadRisk(ctx context.Context, db *gorm.DB, id int64) (riskRow, error) {
	var r riskRow
	err := db.WithContext(ctx).Where("id = ?", id).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return r, apperr.New(apperr.ErrNotFound, "not_found", fmt.Sprintf("risk %d not found", id))
	}
	return r, err
}

// GetRisk answers one risk of the register.
func (s *Service) GetRisk(ctx context.Context, p *authz.Principal, id int64) (Risk, error) {
	if err := authz.Require(p); err != nil {
		return Risk{}, err
	}
	r, err := s.loadRisk(ctx, s.db, id)
	return toRisk(r), err
}

// CreateRisk adds a risk to the register (admins and HQ quality).
func (s *Service) CreateRisk(ctx context.Context, p *authz.Principal, r Risk) (Risk, error) {
	if !editsRegister(p) {
		return Risk{}, forbidden("only admins and HQ quality edit the risk register")
	}
	if err := r.Validate(); err != nil {
		return Risk{}, err
	}
	now := s.now()
	row := riskRow{Code: r.Code, Name: r.Name, NameEn: r.NameEn, Level: r.Level, Symptoms: r.Symptoms,
		SymptomsEn: r.SymptomsEn, OwnerDepartment: r.OwnerDepartment, Measures: measuresJSON(r.Measures),
		Active: true, Version: 1, CreatedAt: now, UpdatedAt: now}
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		if err := tx.Create(&row).Error; err != nil {
			return database.Translate(err, "risk code "+r.Code)
		}
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "risk.create", EntityType: "risk",
			EntityID: audit.ID(row.ID), After: toRisk(row)})
	})
	return toRisk(row), err
}

// RiskPatch changes a risk; nil fields stay.
type RiskPatch struct {
	Name, NameEn, Level, Symptoms, SymptomsEn, OwnerDepartment *string
	Measures                                                   []Measure
	Active                                                     *bool
	Version                                                    int
}

// UpdateRisk changes a risk guarded by its version; active false archives it.
func (s *Service) UpdateRisk(ctx context.Context, p *authz.Principal, id int64, ch RiskPatch) (Risk, error) {
	if !editsRegister(p) {
		return Risk{}, forbidden("only admins and HQ quality edit the risk register")
	}
	var out riskRow
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		before, err := s.loadRisk(ctx, tx, id)
		if err != nil {
			return err
		}
		if ch.Version != before.Version {
			return stale("risk")
		}
		r := toRisk(before)
		apply(&r, ch)
		if err := r.Validate(); err != nil {
			return err
		}
		out = before
		out.Name, out.NameEn, out.Level, out.Symptoms, out.SymptomsEn = r.Name, r.NameEn, r.Level, r.Symptoms, r.SymptomsEn
		out.OwnerDepartment, out.Measures, out.Active = r.OwnerDepartment, measuresJSON(r.Measures), r.Active
		out.Version, out.UpdatedAt = before.Version+1, s.now()
		res := tx.Model(&riskRow{}).Where("id = ? AND version = ?", id, before.Version).Select("*").Omit("id", "code", "created_at").Updates(&out)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return stale("risk")
		}
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "risk.update", EntityType: "risk", EntityID: audit.ID(id),
			Before: toRisk(before), After: toRisk(out)})
	})
	return toRisk(out), err
}

func apply(r *Risk, ch RiskPatch) {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&r.Name, ch.Name)
	set(&r.NameEn, ch.NameEn)
	set(&r.Level, ch.Level)
	set(&r.Symptoms, ch.Symptoms)
	set(&r.SymptomsEn, ch.SymptomsEn)
	set(&r.OwnerDepartment, ch.OwnerDepartment)
	if ch.Measures != nil {
		r.Measures = ch.Measures
	}
	if ch.Active != nil {
		r.Active = *ch.Active
	}
}
