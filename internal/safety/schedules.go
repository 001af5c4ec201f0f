package safety

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
)

// Schedule makes a template due daily or weekly for a department of a store; State and
// DueDate are computed for today in the store's time zone.
type Schedule struct {
	ID             int64
	StoreID        int64
	TemplateID     int64
	TemplateTitle  string
	Area           string
	DepartmentCode string
	Frequency      string
	Weekday        int
	Since          civil.Date
	Version        int
	State          string
	DueDate        civil.Date // 0 when off
	LastDone       civil.Date // 0: never filled
	UpdatedAt      time.Time
}

// NewSchedule is a schedule as set by the store manager.
type NewSchedule struct {
	TemplateID     int64
	DepartmentCode string
	Frequency      string
	Weekday        int
	Version        *int
}

// Validate checks a schedule's shape, naming the fields.
func (n NewSchedule) Validate() error {
	fe := apperr.FieldErrors{}
	if !slices.Contains(Frequencies, n.Frequency) {
		fe.Add("frequency", "must be one of: "+strings.Join(Frequencies, ", "))
	}
	if n.Frequency == FrequencyWeekly && (n.Weekday < 1 || n.Weekday > 7) {
		fe.Add("weekday", "must be from 1 (Monday) to 7 (Sunday) for a weekly schedule")
	}
	if n.Frequency != FrequencyWeekly && n.Weekday != 0 {
		fe.Add("weekday", "only weekly schedules have a weekday")
	}
	return fe.Err()
}

// ListSchedules answers a store's schedules in p's scope with their state today; state
// narrows them (e.g. "overdue").
func (s *Service) ListSchedules(ctx context.Context, p *authz.Principal, storeID int64, state string) ([]Schedule, error) {
	if err := p.RequireStore(storeID); err != nil {
		return nil, err
	}
	today, err := s.today(ctx, storeID)
	if err != nil {
		return nil, err
	}
	return s.schedules(ctx, storeID, scopeDepartments(p), state, today)
}

func (s *Service) schedules(ctx context.Context, storeID int64, depts []string, state string, today civil.Date) ([]Schedule, error) {
	var rows []scheduleRow
	q := s.db.WithContext(ctx).Where("store_id = ?", storeID)
	if depts != nil {
		q = q.Where("department_code IN ?", append(depts, ""))
	}
	if err := q.Order("department_code, template_id").Find(&rows).Error; err != nil {
		return nil, err
	}
	templateIDs := make([]int64, len(rows))
	for i, r := range rows {
		templateIDs[i] = r.TemplateID
	}
	var templates []templateRow
	if len(rows) > 0 {
		if err := s.db.WithContext(ctx).Where("id IN ?", templateIDs).Find(&templates).Error; err != nil {
			return nil, err
		}
	}
	byID := map[int64]templateRow{}
	for _, t := range templates {
		byID[t.ID] = t
	}
	var last []struct {
		TemplateID     int64
		DepartmentCode string
		Last           civil.Date
	}
	err := s.db.WithContext(ctx).Model(&inspectionRow{}).Select("template_id, department_code, MAX(business_date) AS last").
		Where("store_id = ? AND business_date >= ?", storeID, today.AddDays(-8)).
		Group("template_id, department_code").Scan(&last).Error
	if err != nil {
		return nil, err
	}
	type key struct {
		id   int64
		dept string
	}
	lastBy := map[key]civil.Date{}
	for _, l := range last {
		lastBy[key{l.TemplateID, l.DepartmentCode}] = l.Last
	}
	out := []Schedule{}
	for _, r := range rows {
		t := byID[r.TemplateID]
		sc := Schedule{ID: r.ID, StoreID: r.StoreID, TemplateID: r.TemplateID, TemplateTitle: t.Title, Area: t.Area,
			DepartmentCode: r.DepartmentCode, Frequency: r.Frequency, Weekday: r.Weekday, Since: r.SinceDate,
			Version: r.Version, LastDone: lastBy[key{r.TemplateID, r.DepartmentCode}], UpdatedAt: r.UpdatedAt}
		frequency := r.Frequency
		if !t.Active { // a retired checklist is due no more
			frequency = FrequencyOff
		}
		sc.State, sc.DueDate = DueState(frequency, r.Weekday, r.SinceDate, sc.LastDone, today)
		if state == "" || state == sc.State {
			out = append(out, sc)
		}
	}
	return out, nil
}

// SetSchedule sets how often a template is due for a department of the store (the store
// manager; "off" switches it off). The schedule counts from today.
func (s *Service) SetSchedule(ctx context.Context, p *authz.Principal, storeID int64, n NewSchedule) (Schedule, error) {
	if err := p.RequireStore(storeID); err != nil {
		return Schedule{}, err
	}
	if !manages(p, storeID) {
		return Schedule{}, apperr.New(apperr.ErrForbidden, "forbidden", "only the store manager sets inspection schedules")
	}
	if err := n.Validate(); err != nil {
		return Schedule{}, err
	}
	if err := s.requireDepartment(ctx, p, storeID, "department_code", n.DepartmentCode); err != nil {
		return Schedule{}, err
	}
	c, err := s.checklist(ctx, s.db, p, n.TemplateID, 0)
	if err != nil || (c.StoreID != nil && *c.StoreID != storeID) {
		if err == nil || errors.Is(err, apperr.ErrNotFound) {
			err = apperr.FieldErrors{"template_id": "is not a checklist of this store"}
		}
		return Schedule{}, err
	}
	today, err := s.today(ctx, storeID)
	if err != nil {
		return Schedule{}, err
	}
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		var r scheduleRow
		err := tx.Where("store_id = ? AND template_id = ? AND department_code = ?", storeID, n.TemplateID, n.DepartmentCode).Take(&r).Error
		now := s.now()
		after := scheduleRow{StoreID: storeID, TemplateID: n.TemplateID, DepartmentCode: n.DepartmentCode,
			Frequency: n.Frequency, Weekday: n.Weekday, SinceDate: today, Version: 1, UpdatedBy: p.ActorID(),
			CreatedAt: now, UpdatedAt: now}
		entry := audit.Entry{Action: "inspection_schedule.set", EntityType: "inspection_schedule", StoreID: &storeID}
		switch {
		case errors.Is(err, gorm.ErrRecordNotFound):
			if n.Version != nil && *n.Version != 0 {
				return stale("the schedule")
			}
			if err := tx.Create(&after).Error; err != nil {
				return err
			}
		case err != nil:
			return err
		default:
			if n.Version != nil && *n.Version != r.Version {
				return stale("the schedule")
			}
			after.ID, after.Version, after.CreatedAt = r.ID, r.Version+1, r.CreatedAt
			if r.Frequency == n.Frequency && r.Weekday == n.Weekday {
				after.SinceDate = r.SinceDate
			}
			res := tx.Model(&scheduleRow{}).Where("id = ? AND version = ?", r.ID, r.Version).Updates(map[string]any{
				"frequency": after.Frequency, "weekday": after.Weekday, "since_date": after.SinceDate,
				"version": after.Version, "updated_by": after.UpdatedBy, "updated_at": now})
			if res.Error != nil || res.RowsAffected != 1 {
				if res.Error == nil {
					return stale("the schedule")
				}
				return res.Error
			}
			entry.Before = map[string]any{"frequency": r.Frequency, "weekday": r.Weekday}
		}
		entry.EntityID = audit.ID(after.ID)
		entry.After = map[string]any{"template_id": n.TemplateID, "department_code": n.DepartmentCode,
			"frequency": n.Frequency, "weekday": n.Weekday}
		return s.Audit.Write(ctx, tx, p, entry)
	})
	if err != nil {
		return Schedule{}, err
	}
	list, err := s.schedules(ctx, storeID, nil, "", today)
	if err != nil {
		return Schedule{}, err
	}
	for _, sc := range list {
		if sc.TemplateID == n.TemplateID && sc.DepartmentCode == n.DepartmentCode {
			return sc, nil
		}
	}
	return Schedule{}, errors.New("safety: the schedule just set is not found")
}
