package meetings

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/paging"
	"github.com/storeops/storeops/internal/tasks"
)

// Org is what the module asks the organisation: a store's time zone, departments and people.
type Org interface {
	StoreLocation(ctx context.Context, storeID int64) (*time.Location, error)
	StoreDepartments(ctx context.Context, p *authz.Principal, storeID int64) ([]string, error)
	UsersByID(ctx context.Context, p *authz.Principal, ids []int64) (map[int64]org.User, error)
	StoreStaff(ctx context.Context, storeID int64) ([]org.User, error)
}

// Tasks is what the module asks the tasks module: to check the action items' tasks before the
// meeting's transaction (their Batch is written inside it) and how those tasks stand.
type Tasks interface {
	Prepare(ctx context.Context, p *authz.Principal, storeID int64, list []tasks.NewTask, at time.Time,
		field func(i int, name string) string) (*tasks.Batch, error)
	ProgressOf(ctx context.Context, ids []int64) (map[int64]tasks.Progress, error)
}

// Deps are the modules meetings work with.
type Deps struct {
	Org   Org
	Tasks Tasks
	Audit *audit.Log
}

// Service is the meetings use cases; recording a meeting is one transaction with its tasks.
type Service struct {
	db *gorm.DB
	Deps
	now func() time.Time
}

// NewService wires the meetings module.
func NewService(db *gorm.DB, d Deps, now func() time.Time) *Service {
	return &Service{db: db, Deps: d, now: now}
}

// records: the store's manager and supervisors (and admins) record meetings; HQ reads.
func records(p *authz.Principal) bool {
	return p.HasRole(authz.RoleAdmin, authz.RoleStoreManager, authz.RoleSupervisor)
}

func notFound(id int64) error {
	return apperr.New(apperr.ErrNotFound, "not_found", fmt.Sprintf("meeting %d not found", id))
}

// List answers a page of a store's meetings, latest held first, with their attendee and
// action-item counts (open: the items whose task is not done).
func (s *Service) List(ctx context.Context, p *authz.Principal, storeID int64, f Filter, pg paging.Page) ([]Meeting, int64, error) {
	if err := p.RequireStore(storeID); err != nil {
		return nil, 0, err
	}
	rows, total, err := page(ctx, s.db, storeID, f, pg)
	if err != nil || len(rows) == 0 {
		return []Meeting{}, total, err
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	counts, err := attendeeCounts(ctx, s.db, ids)
	if err != nil {
		return nil, 0, err
	}
	items, err := s.items(ctx, ids)
	if err != nil {
		return nil, 0, err
	}
	out := make([]Meeting, len(rows))
	for i, r := range rows {
		out[i] = toMeeting(r)
		out[i].Attendees, out[i].Items, out[i].OpenItems = counts[r.ID], len(items[r.ID]), OpenItems(items[r.ID])
	}
	return out, total, nil
}

// items reads the action items of the meetings among ids with their tasks' progress.
func (s *Service) items(ctx context.Context, ids []int64) (map[int64][]Item, error) {
	rows, err := itemsOf(ctx, s.db, ids)
	if err != nil {
		return nil, err
	}
	taskIDs := make([]int64, len(rows))
	for i, r := range rows {
		taskIDs[i] = r.TaskID
	}
	progress, err := s.Tasks.ProgressOf(ctx, taskIDs)
	if err != nil {
		return nil, err
	}
	out := map[int64][]Item{}
	for _, r := range rows {
		it := toItem(r)
		if pr, ok := progress[r.TaskID]; ok {
			it.TaskStatus, it.DoneAt = pr.Status, pr.DoneAt
		}
		out[r.MeetingID] = append(out[r.MeetingID], it)
	}
	return out, nil
}

// Detail is a meeting with its attendees and action items.
type Detail struct {
	Meeting
	AttendeeList []Attendee
	ItemList     []Item
}

// Get answers meeting id in p's scope (another store's is 404) with its attendees and its
// action items, each with its task's status now.
func (s *Service) Get(ctx context.Context, p *authz.Principal, id int64) (Detail, error) {
	var rows []meetingRow
	if err := s.db.WithContext(ctx).Where("id = ?", id).Limit(1).Find(&rows).Error; err != nil {
		return Detail{}, err
	}
	if len(rows) == 0 || !p.CanSeeStore(rows[0].StoreID) {
		return Detail{}, notFound(id)
	}
	var people []attendeeRow
	if err := s.db.WithContext(ctx).Where("meeting_id = ?", id).Order("name, user_id").Find(&people).Error; err != nil {
		return Detail{}, err
	}
	items, err := s.items(ctx, []int64{id})
	if err != nil {
		return Detail{}, err
	}
	d := Detail{Meeting: toMeeting(rows[0]), AttendeeList: make([]Attendee, len(people)), ItemList: items[id]}
	for i, a := range people {
		d.AttendeeList[i] = Attendee{UserID: a.UserID, Name: a.Name}
	}
	d.Attendees, d.Items, d.OpenItems = len(people), len(d.ItemList), OpenItems(d.ItemList)
	if d.ItemList == nil {
		d.ItemList = []Item{}
	}
	return d, nil
}

// People answers who may attend a store's meetings or own an action item: its manager and
// supervisors.
func (s *Service) People(ctx context.Context, p *authz.Principal, storeID int64) ([]org.User, error) {
	if err := p.RequireStore(storeID); err != nil {
		return nil, err
	}
	return s.Org.StoreStaff(ctx, storeID)
}

// Create records a meeting held on one of the store's business days, and makes each action
// item a task of the store in the same transaction: a bad item records neither the meeting
// nor any task.
func (s *Service) Create(ctx context.Context, p *authz.Principal, storeID int64, n NewMeeting) (Detail, error) {
	return s.Record(ctx, p, storeID, n, s.now())
}

// Record is Create as of the instant at (no later than now): a meeting entered after the
// fact, such as the demo's history, whose action items were due from that instant on.
func (s *Service) Record(ctx context.Context, p *authz.Principal, storeID int64, n NewMeeting, at time.Time) (Detail, error) {
	if err := p.RequireStore(storeID); err != nil {
		return Detail{}, err
	}
	if !records(p) {
		return Detail{}, apperr.New(apperr.ErrForbidden, "forbidden", "only the store's staff record meetings")
	}
	if at.After(s.now()) {
		at = s.now()
	}
	at = at.UTC().Truncate(time.Microsecond)
	loc, err := s.Org.StoreLocation(ctx, storeID)
	if err != nil {
		return Detail{}, err
	}
	fe := apperr.FieldErrors{}
	if err := merge(fe, n.Validate(civil.Today(at, loc))); err != nil {
		return Detail{}, err
	}
	people, err := s.checkPeople(ctx, p, storeID, n, fe)
	if err != nil {
		return Detail{}, err
	}
	list := make([]tasks.NewTask, len(n.Items))
	for i, it := range n.Items {
		list[i] = tasks.NewTask{Title: it.Title, DepartmentCode: it.DepartmentCode, AssigneeID: it.OwnerID,
			DueAt: tasks.DueAt(it.DueOn, DueMinute, loc)}
	}
	batch, err := s.Tasks.Prepare(ctx, p, storeID, list, at, ItemField)
	if err := merge(fe, err); err != nil {
		return Detail{}, err
	}
	if err := fe.Err(); err != nil {
		return Detail{}, err
	}
	m := meetingRow{StoreID: storeID, DepartmentCode: n.DepartmentCode, HeldOn: n.HeldOn, Kind: n.Kind, Title: n.Title,
		ChairID: n.ChairID, ChairName: people[n.ChairID].DisplayName, Notes: n.Notes, CreatedBy: p.ActorID(),
		CreatedByName: p.Username, Version: 1, CreatedAt: at, UpdatedAt: at}
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		if err := tx.Create(&m).Error; err != nil {
			return err
		}
		for _, id := range n.Attendees {
			if err := tx.Create(&attendeeRow{MeetingID: m.ID, UserID: id, Name: people[id].DisplayName}).Error; err != nil {
				return err
			}
		}
		made, err := batch.Write(ctx, tx, tasks.Source{Kind: SourceKind, ID: m.ID})
		if err != nil {
			return err
		}
		taskIDs := make([]int64, len(made))
		for i, it := range n.Items {
			r := itemRow{MeetingID: m.ID, LineNo: i + 1, Title: it.Title, DepartmentCode: it.DepartmentCode,
				OwnerID: it.OwnerID, OwnerName: made[i].AssigneeName, DueOn: it.DueOn, TaskID: made[i].ID}
			if err := tx.Create(&r).Error; err != nil {
				return err
			}
			taskIDs[i] = r.TaskID
		}
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "meeting.create", EntityType: "meeting",
			EntityID: audit.ID(m.ID), StoreID: &storeID, After: map[string]any{"held_on": m.HeldOn.String(),
				"kind": m.Kind, "title": m.Title, "department_code": m.DepartmentCode, "chair_id": m.ChairID,
				"attendees": n.Attendees, "tasks": taskIDs}})
	})
	if err != nil {
		return Detail{}, err
	}
	return s.Get(ctx, p, m.ID)
}

// merge adds err's field problems to fe; any other error is answered.
func merge(fe apperr.FieldErrors, err error) error {
	var fields apperr.FieldErrors
	switch {
	case err == nil:
		return nil
	case errors.As(err, &fields):
		for k, v := range fields {
			fe.Add(k, v)
		}
		return nil
	}
	return err
}

// checkPeople checks the chair and attendees are users of the store and the department one it
// runs, adding problems to fe, and answers the users by id.
func (s *Service) checkPeople(ctx context.Context, p *authz.Principal, storeID int64, n NewMeeting, fe apperr.FieldErrors) (map[int64]org.User, error) {
	if n.DepartmentCode != "" {
		codes, err := s.Org.StoreDepartments(ctx, p, storeID)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(codes, n.DepartmentCode) {
			fe.Add("department_code", "is not a department of this store")
		}
	}
	ids := append([]int64{n.ChairID}, n.Attendees...)
	users, err := s.Org.UsersByID(ctx, p, ids)
	if err != nil {
		return nil, err
	}
	member := func(id int64) bool {
		u, ok := users[id]
		return ok && u.StoreID != nil && *u.StoreID == storeID && !u.Disabled
	}
	if n.ChairID > 0 && !member(n.ChairID) {
		fe.Add("chair_id", "is not a user of this store")
	}
	for i, id := range n.Attendees {
		if id > 0 && !member(id) {
			fe.Add(fmt.Sprintf("attendees[%d]", i), "is not a user of this store")
		}
	}
	return users, nil
}
