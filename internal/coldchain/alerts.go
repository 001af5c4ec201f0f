package coldchain

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/paging"
)

// Alert is one temperature excursion of a piece of equipment.
type Alert struct {
	ID                 int64
	StoreID            int64
	EquipmentID        int64
	EquipmentName      string
	EquipmentKind      string
	DepartmentCode     string
	Status             string
	StartedAt          time.Time
	LastSeenAt         time.Time
	EndedAt            *time.Time
	MinCelsius         Celsius
	MaxCelsius         Celsius
	ReadingCount       int
	LimitMin, LimitMax *Celsius
	ActionID           *int64
	InspectionID       *int64
	AcknowledgedByName string
	AcknowledgedAt     *time.Time
	ClosedByName       string
	CloseNote          string
	Version            int
}

func toAlert(r excursionRow, eq equipmentRow) Alert {
	return Alert{ID: r.ID, StoreID: r.StoreID, EquipmentID: r.EquipmentID, EquipmentName: eq.Name, EquipmentKind: eq.Kind,
		DepartmentCode: r.DepartmentCode, Status: r.Status, StartedAt: r.StartedAt, LastSeenAt: r.LastSeenAt,
		EndedAt: r.EndedAt, MinCelsius: r.MinCelsius, MaxCelsius: r.MaxCelsius, ReadingCount: r.ReadingCount,
		LimitMin: r.LimitMin, LimitMax: r.LimitMax, ActionID: r.ActionID, InspectionID: r.InspectionID,
		AcknowledgedByName: r.AcknowledgedByName, AcknowledgedAt: r.AcknowledgedAt, ClosedByName: r.ClosedByName,
		CloseNote: r.CloseNote, Version: r.Version}
}

// AlertFilter narrows a store's alerts: Active lists open and acknowledged ones.
type AlertFilter struct {
	Status      string
	Active      bool
	EquipmentID *int64
}

// ListAlerts answers a store's temperature alerts in p's scope, newest first.
func (s *Service) ListAlerts(ctx context.Context, p *authz.Principal, storeID int64, f AlertFilter, pg paging.Page) ([]Alert, int64, error) {
	if err := p.RequireStore(storeID); err != nil {
		return nil, 0, err
	}
	q := s.db.WithContext(ctx).Model(&excursionRow{}).Where("store_id = ?", storeID)
	if depts := scopeDepartments(p); depts != nil {
		q = q.Where("department_code IN ?", depts)
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if f.Active {
		q = q.Where("status IN ?", []string{AlertOpen, AlertAcknowledged})
	}
	if f.EquipmentID != nil {
		q = q.Where("equipment_id = ?", *f.EquipmentID)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []excursionRow
	if err := q.Order("started_at DESC, id DESC").Offset(pg.Offset()).Limit(pg.PageSize).Find(&rows).Error; err != nil {
		return nil, 0, err
	}
	return s.withEquipment(ctx, rows, total)
}

func (s *Service) withEquipment(ctx context.Context, rows []excursionRow, total int64) ([]Alert, int64, error) {
	var ids []int64
	for _, r := range rows {
		ids = append(ids, r.EquipmentID)
	}
	eqs := map[int64]equipmentRow{}
	if len(ids) > 0 {
		var list []equipmentRow
		if err := s.db.WithContext(ctx).Where("id IN ?", ids).Find(&list).Error; err != nil {
			return nil, 0, err
		}
		for _, e := range list {
			eqs[e.ID] = e
		}
	}
	out := make([]Alert, len(rows))
	for i, r := range rows {
		out[i] = toAlert(r, eqs[r.EquipmentID])
	}
	return out, total, nil
}

func (s *Service) loadAlert(ctx context.Context, db *gorm.DB, p *authz.Principal, id int64) (excursionRow, error) {
	var r excursionRow
	err := db.WithContext(ctx).Take(&r, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) || (err == nil && !p.CanSeeDepartment(r.StoreID, r.DepartmentCode)) {
		return r, notFound("temperature alert", id)
	}
	return r, err
}

// GetAlert answers one alert and what p may do with it.
func (s *Service) GetAlert(ctx context.Context, p *authz.Principal, id int64) (Alert, error) {
	r, err := s.loadAlert(ctx, s.db, p, id)
	if err != nil {
		return Alert{}, err
	}
	out, _, err := s.withEquipment(ctx, []excursionRow{r}, 1)
	if err != nil {
		return Alert{}, err
	}
	return out[0], nil
}

// AllowedAlertSteps answers allowed_actions of an alert for p: the store's staff who see it
// acknowledge and close it; HQ reads.
func AllowedAlertSteps(p *authz.Principal, a Alert) []string {
	out := []string{}
	if staff(p) != nil || !p.CanSeeDepartment(a.StoreID, a.DepartmentCode) {
		return out
	}
	for _, step := range []string{StepAcknowledge, StepClose} {
		if _, ok := NextAlert(a.Status, step); ok {
			out = append(out, step)
		}
	}
	return out
}

// StepAlert acknowledges or closes an alert at the version the caller read; closing by hand
// needs a note (what was done).
func (s *Service) StepAlert(ctx context.Context, p *authz.Principal, id int64, step string, version *int, note string) (Alert, error) {
	note = strings.TrimSpace(note)
	if utf8.RuneCountInString(note) > 500 {
		return Alert{}, apperr.FieldErrors{"note": "must be at most 500 characters"}
	}
	if step == StepClose && note == "" {
		return Alert{}, apperr.FieldErrors{"note": "is required: say what was done"}
	}
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		r, err := s.loadAlert(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if err := staff(p); err != nil {
			return err
		}
		if version != nil && *version != r.Version {
			return apperr.New(apperr.ErrConflict, "stale_version", "the alert was changed by someone else: reload it and try again")
		}
		next, ok := NextAlert(r.Status, step)
		if !ok {
			return apperr.New(apperr.ErrConflict, "wrong_status", fmt.Sprintf("the alert is %s: it cannot %s now", r.Status, step))
		}
		now := s.now()
		name := p.Username
		changes := map[string]any{"status": next, "version": r.Version + 1, "updated_at": now}
		if step == StepAcknowledge {
			changes["acknowledged_by"], changes["acknowledged_by_name"], changes["acknowledged_at"] = p.ActorID(), name, now
		} else {
			changes["closed_by"], changes["closed_by_name"], changes["close_note"], changes["ended_at"] = p.ActorID(), name, note, now
		}
		res := tx.WithContext(ctx).Model(&excursionRow{}).Where("id = ? AND version = ?", id, r.Version).Updates(changes)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return database.ErrRetry
		}
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "temperature_alert." + step, EntityType: "temperature_alert",
			EntityID: audit.ID(id), StoreID: &r.StoreID, Before: map[string]any{"status": r.Status},
			After: map[string]any{"status": next, "note": note}})
	})
	if err != nil {
		return Alert{}, err
	}
	return s.GetAlert(ctx, p, id)
}
