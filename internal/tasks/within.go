package tasks

import (
	"context"
	"errors"
	"strconv"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/outbox"
)

// Batch is ad-hoc tasks checked by Prepare and written by Write: Create's one task, or the
// tasks another module assigns for one of its records (a meeting's action items), written
// inside that module's transaction so the record and its tasks are saved together or not at
// all.
type Batch struct {
	svc     *Service
	p       *authz.Principal
	storeID int64
	rows    []taskRow
	names   []string
}

// Prepare checks ad-hoc tasks of storeID under Create's rules (title, note, due time, an
// assignee who is a supervisor or the manager of the store, a department the store runs) at
// the instant at: now, or the earlier instant a record of the past was taken. A problem of
// task i with Create's field name is named field(i, name), so the caller answers in its own
// fields. Who may assign is the calling module's rule, which it has applied: Prepare checks
// only that storeID is in p's scope.
func (s *Service) Prepare(ctx context.Context, p *authz.Principal, storeID int64, list []NewTask, at time.Time,
	field func(i int, name string) string) (*Batch, error) {
	if err := p.RequireStore(storeID); err != nil {
		return nil, err
	}
	loc, err := s.Org.StoreLocation(ctx, storeID)
	if err != nil {
		return nil, err
	}
	at = at.UTC().Truncate(time.Microsecond)
	b := &Batch{svc: s, p: p, storeID: storeID, rows: make([]taskRow, len(list)), names: make([]string, len(list))}
	fe := apperr.FieldErrors{}
	for i := range list {
		n := list[i]
		err := n.Validate(at)
		if err == nil {
			b.names[i], err = s.checkAssignee(ctx, p, storeID, n)
		}
		if err != nil {
			if !renamed(fe, err, func(name string) string { return field(i, name) }) {
				return nil, err
			}
			continue
		}
		b.rows[i] = taskRow{StoreID: storeID, BusinessDate: civil.Of(n.DueAt.In(loc)), DepartmentCode: n.DepartmentCode,
			AssigneeID: n.AssigneeID, TitleZh: n.Title, TitleEn: n.Title, Note: n.Note,
			DueAt: n.DueAt.UTC().Truncate(time.Microsecond), EstimatedMinutes: n.EstimatedMinutes, Status: StatusOpen,
			CreatedBy: p.ActorID(), CreatedByName: p.Username, Version: 1, CreatedAt: at, UpdatedAt: at}
	}
	if err := fe.Err(); err != nil {
		return nil, err
	}
	return b, nil
}

// renamed adds err's field problems to fe under rename's names; false when err is not one.
func renamed(fe apperr.FieldErrors, err error, rename func(string) string) bool {
	var fields apperr.FieldErrors
	if !errors.As(err, &fields) {
		return false
	}
	for k, v := range fields {
		fe.Add(rename(k), v)
	}
	return true
}

// Write inserts the batch's tasks in tx for the record src (none when its Kind is empty),
// announcing each (task.assigned) and auditing it (task.assign) in the same transaction. It
// answers the tasks, in the order they were prepared, with their ids.
func (b *Batch) Write(ctx context.Context, tx *gorm.DB, src Source) ([]Task, error) {
	out := make([]Task, len(b.rows))
	for i := range b.rows {
		r := b.rows[i]
		after := map[string]any{"title": r.TitleZh, "department_code": r.DepartmentCode, "assignee_id": r.AssigneeID,
			"due_at": r.DueAt}
		if src.Kind != "" {
			r.SourceKind, r.SourceID = src.Kind, &src.ID
			after["source"], after["source_id"] = src.Kind, src.ID
		}
		if err := tx.Create(&r).Error; err != nil {
			return nil, err
		}
		if _, err := b.svc.Outbox.Add(ctx, tx, outbox.Message{Topic: TopicAssigned, StoreID: &b.storeID,
			Key: strconv.FormatInt(r.ID, 10), Payload: assignedPayload(r, b.names[i])}); err != nil {
			return nil, err
		}
		if err := b.svc.Audit.Write(ctx, tx, b.p, audit.Entry{Action: "task.assign", EntityType: "task",
			EntityID: audit.ID(r.ID), StoreID: &b.storeID, After: after}); err != nil {
			return nil, err
		}
		out[i] = toTask(r)
		out[i].AssigneeName = b.names[i]
	}
	return out, nil
}

// Progress is where a task stands now, for the module that created it (a meeting shows its
// action items' progress).
type Progress struct {
	Status     string
	DoneAt     *time.Time
	DoneByName string
}

// ProgressOf answers the progress of the tasks among ids, by id (unknown ids are absent). It
// applies no scope: the calling module shows it only to those who see its record.
func (s *Service) ProgressOf(ctx context.Context, ids []int64) (map[int64]Progress, error) {
	out := make(map[int64]Progress, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	var rows []taskRow
	if err := s.db.WithContext(ctx).Select("id, status, due_at, done_at, done_by_name").
		Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, err
	}
	now := s.now()
	for _, r := range rows {
		t := toTask(r)
		out[r.ID] = Progress{Status: t.StatusAt(now), DoneAt: r.DoneAt, DoneByName: r.DoneByName}
	}
	return out, nil
}
