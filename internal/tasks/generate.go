package tasks

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/outbox"
)

// generatorName is the creator name of generated tasks.
const generatorName = "system:tasks.generate"

// Plan lists the tasks the templates make for each store on that store's business day at
// now: a pure function of the stores, their departments and the active templates. A store's
// own templates apply to it alone; a template of a department the store does not run makes
// nothing.
func Plan(stores []org.ActiveStoreDepartments, templates []Template, now time.Time) ([]taskRow, error) {
	var out []taskRow
	locs := map[string]*time.Location{}
	for _, st := range stores {
		loc, ok := locs[st.Timezone]
		if !ok {
			var err error
			if loc, err = time.LoadLocation(st.Timezone); err != nil {
				return nil, fmt.Errorf("store %d: %w", st.StoreID, err)
			}
			locs[st.Timezone] = loc
		}
		day := civil.Today(now, loc)
		for _, t := range templates {
			if (t.StoreID != nil && *t.StoreID != st.StoreID) || !slices.Contains(st.Departments, t.DepartmentCode) ||
				!t.Falls(day) {
				continue
			}
			id := t.ID
			out = append(out, taskRow{StoreID: st.StoreID, TemplateID: &id, BusinessDate: day,
				DepartmentCode: t.DepartmentCode, TitleZh: t.TitleZh, TitleEn: t.TitleEn,
				DueAt: DueAt(day, t.DueMinute, loc), EstimatedMinutes: t.EstimatedMinutes, Status: StatusOpen,
				CreatedByName: generatorName, Version: 1, CreatedAt: now, UpdatedAt: now})
		}
	}
	return out, nil
}

// activeTemplates reads every active template (chain and store ones: a chain has dozens).
func (s *Service) activeTemplates(ctx context.Context) ([]Template, error) {
	var rows []templateRow
	if err := s.db.WithContext(ctx).Where("active = ?", true).Order("id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Template, len(rows))
	for i, r := range rows {
		out[i] = toTemplate(r)
	}
	return out, nil
}

// Generate creates the tasks of every active store's business day (in the store's time
// zone) at now, in multi-row statements that skip tasks generated already: running it twice,
// or on two replicas at once, adds nothing. It answers how many tasks it added.
func (s *Service) Generate(ctx context.Context, now time.Time) (int64, error) {
	return s.GenerateStores(ctx, now, nil)
}

// GenerateStores is Generate for the stores among ids only (nil: every active store), for the
// demo's history and tests.
func (s *Service) GenerateStores(ctx context.Context, now time.Time, ids []int64) (int64, error) {
	stores, err := s.Org.ActiveStoresWithDepartments(ctx)
	if err != nil {
		return 0, err
	}
	if ids != nil {
		stores = slices.DeleteFunc(stores, func(st org.ActiveStoreDepartments) bool { return !slices.Contains(ids, st.StoreID) })
	}
	templates, err := s.activeTemplates(ctx)
	if err != nil {
		return 0, err
	}
	rows, err := Plan(stores, templates, now.UTC().Truncate(time.Microsecond))
	if err != nil || len(rows) == 0 {
		return 0, err
	}
	var added int64
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		added, err = insertIgnoring(ctx, tx, rows)
		return err
	})
	return added, err
}

// overdueBatch bounds the overdue tasks one run announces; the next run takes the rest.
const overdueBatch = 500

// overdueLookback is how far back the job looks for tasks that went overdue: older ones
// were announced by earlier runs or are no news any more.
const overdueLookback = 48 * time.Hour

// NotifyOverdue writes one task.overdue message per open task past its due time (keyed by
// the task id, so a task is announced once) and marks them announced; it answers how many.
func (s *Service) NotifyOverdue(ctx context.Context, now time.Time) (int, error) {
	var rows []taskRow
	err := s.db.WithContext(ctx).
		Select("id, store_id, department_code, assignee_id, title_zh, business_date, due_at").
		Where("status = ? AND overdue_notified_at IS NULL AND due_at < ? AND due_at >= ?", StatusOpen, now,
			now.Add(-overdueLookback)).
		Order("due_at, id").Limit(overdueBatch).Find(&rows).Error
	if err != nil || len(rows) == 0 {
		return 0, err
	}
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		ids := make([]int64, len(rows))
		for i, r := range rows {
			ids[i] = r.ID
			storeID := r.StoreID
			if _, err := s.Outbox.Add(ctx, tx, outbox.Message{Topic: TopicOverdue, StoreID: &storeID,
				Key: strconv.FormatInt(r.ID, 10), Payload: map[string]any{"store_id": r.StoreID, "task_id": r.ID,
					"title": r.TitleZh, "department_code": r.DepartmentCode, "assignee_id": r.AssigneeID,
					"business_date": r.BusinessDate.String(), "due_at": r.DueAt.Format(time.RFC3339)}}); err != nil {
				return err
			}
		}
		return tx.Model(&taskRow{}).Where("id IN ? AND overdue_notified_at IS NULL", ids).
			Update("overdue_notified_at", now).Error
	})
	if err != nil {
		return 0, err
	}
	return len(rows), nil
}
