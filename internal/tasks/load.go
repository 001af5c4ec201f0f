package tasks

import (
	"context"
	"fmt"
	"slices"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
)

// MaxLoadDays is the longest range the load gatekeeper answers.
const MaxLoadDays = 62

// Capacity is a store department's daily task capacity in minutes.
type Capacity struct {
	DepartmentCode string
	MinutesPerDay  int
	// Set is false for the default, which the manager has not changed.
	Set     bool
	Version int
}

// Capacities answers the capacity of every department the store runs.
func (s *Service) Capacities(ctx context.Context, p *authz.Principal, storeID int64) ([]Capacity, error) {
	depts, err := s.Org.StoreDepartments(ctx, p, storeID)
	if err != nil {
		return nil, err
	}
	var rows []capacityRow
	if err := s.db.WithContext(ctx).Where("store_id = ?", storeID).Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Capacity, len(depts))
	for i, d := range depts {
		out[i] = Capacity{DepartmentCode: d, MinutesPerDay: DefaultCapacityMinutes}
		for _, r := range rows {
			if r.DepartmentCode == d {
				out[i] = Capacity{DepartmentCode: d, MinutesPerDay: r.MinutesPerDay, Set: true, Version: r.Version}
			}
		}
	}
	return out, nil
}

// SetCapacity sets a department's daily capacity (the store manager's); a stale version of a
// capacity set before is 409.
func (s *Service) SetCapacity(ctx context.Context, p *authz.Principal, storeID int64, department string, minutes int, version *int) (Capacity, error) {
	depts, err := s.Org.StoreDepartments(ctx, p, storeID)
	if err != nil {
		return Capacity{}, err
	}
	if !slices.Contains(depts, department) {
		return Capacity{}, apperr.New(apperr.ErrNotFound, "not_found", "department "+department+" is not run by this store")
	}
	if !p.HasRole(authz.RoleAdmin, authz.RoleStoreManager) {
		return Capacity{}, apperr.New(apperr.ErrForbidden, "forbidden", "only the store manager sets capacities")
	}
	if minutes < 0 || minutes > 10000 {
		return Capacity{}, apperr.Field("minutes_per_day", "must be from 0 to 10000")
	}
	var out capacityRow
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		var rows []capacityRow
		if err := tx.WithContext(ctx).Clauses(clause.Locking{Strength: "UPDATE"}).
			Where("store_id = ? AND department_code = ?", storeID, department).Find(&rows).Error; err != nil {
			return err
		}
		now := s.now()
		if len(rows) == 0 {
			out = capacityRow{StoreID: storeID, DepartmentCode: department, MinutesPerDay: minutes, Version: 1, UpdatedAt: now}
			if err := tx.Create(&out).Error; err != nil {
				return database.Translate(err, "the capacity")
			}
		} else {
			if version != nil && *version != rows[0].Version {
				return apperr.New(apperr.ErrConflict, "stale_version", "the capacity was changed by someone else: reload it and try again")
			}
			out = rows[0]
			out.MinutesPerDay, out.Version, out.UpdatedAt = minutes, rows[0].Version+1, now
			if err := tx.Model(&capacityRow{}).Where("store_id = ? AND department_code = ?", storeID, department).
				Updates(map[string]any{"minutes_per_day": minutes, "version": out.Version, "updated_at": now}).Error; err != nil {
				return err
			}
		}
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "task_capacity.set", EntityType: "task_capacity",
			EntityID: fmt.Sprintf("%d/%s", storeID, department), StoreID: &storeID,
			After: map[string]any{"minutes_per_day": minutes}})
	})
	return Capacity{DepartmentCode: department, MinutesPerDay: out.MinutesPerDay, Set: true, Version: out.Version}, err
}

// LoadReport is the gatekeeper's answer: per department per day, tasks and minutes against
// the department's capacity.
type LoadReport struct {
	From, To   civil.Date
	Capacities []Capacity
	Days       []Load
}

// Load sums a store's tasks per department per day over [from, to]: the tasks there are up
// to the store's today, and for later days the ad-hoc tasks there are plus what the active
// templates will generate.
func (s *Service) Load(ctx context.Context, p *authz.Principal, storeID int64, from, to civil.Date) (LoadReport, error) {
	caps, err := s.Capacities(ctx, p, storeID)
	if err != nil {
		return LoadReport{}, err
	}
	if to < from || int(to-from) >= MaxLoadDays {
		return LoadReport{}, apperr.Field("to", fmt.Sprintf("must be from from to %d days after it", MaxLoadDays-1))
	}
	loc, err := s.Org.StoreLocation(ctx, storeID)
	if err != nil {
		return LoadReport{}, err
	}
	since := civil.Today(s.now(), loc).AddDays(1)
	rows, err := loads(ctx, s.db, storeID, from, to, since)
	if err != nil {
		return LoadReport{}, err
	}
	templates, err := s.activeTemplates(ctx)
	if err != nil {
		return LoadReport{}, err
	}
	return LoadReport{From: from, To: to, Capacities: caps, Days: sumLoad(caps, rows, templates, storeID, from, to, since)}, nil
}

// sumLoad merges the stored sums with the templates' projection from since on, one Load per
// day and department the store runs.
func sumLoad(caps []Capacity, rows []loadRow, templates []Template, storeID int64, from, to, since civil.Date) []Load {
	type key struct {
		day  civil.Date
		dept string
	}
	sums := map[key]*Load{}
	var out []Load
	for d := from; d <= to; d++ {
		for _, c := range caps {
			out = append(out, Load{BusinessDate: d, DepartmentCode: c.DepartmentCode, CapacityMinutes: c.MinutesPerDay})
		}
	}
	for i := range out {
		sums[key{out[i].BusinessDate, out[i].DepartmentCode}] = &out[i]
	}
	for _, r := range rows {
		if l, ok := sums[key{r.BusinessDate, r.DepartmentCode}]; ok {
			l.Tasks += r.Tasks
			l.EstimatedMinutes += r.Minutes
		}
	}
	for d := max(from, since); d <= to; d++ {
		for _, t := range templates {
			if t.StoreID != nil && *t.StoreID != storeID || !t.Falls(d) {
				continue
			}
			if l, ok := sums[key{d, t.DepartmentCode}]; ok {
				l.Tasks++
				l.EstimatedMinutes += t.EstimatedMinutes
			}
		}
	}
	return out
}

// capacityWarnings answers a warning when department's day is over its capacity.
func (s *Service) capacityWarnings(ctx context.Context, storeID int64, department string, day civil.Date) ([]Warning, error) {
	if department == "" {
		return nil, nil
	}
	// The caller passed its own checks; the system principal reads the sums behind the warning.
	rep, err := s.Load(ctx, authz.System("tasks.capacity"), storeID, day, day)
	if err != nil {
		return nil, err
	}
	for _, l := range rep.Days {
		if l.DepartmentCode == department && l.Over() {
			return []Warning{{Code: "over_capacity", DepartmentCode: department, BusinessDate: day,
				Minutes: l.EstimatedMinutes, Budget: l.CapacityMinutes,
				Message: fmt.Sprintf("%s has %d minutes of tasks on %s, over its capacity of %d", department,
					l.EstimatedMinutes, day, l.CapacityMinutes)}}, nil
		}
	}
	return nil, nil
}
