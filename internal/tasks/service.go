package tasks

import (
	"context"

	"fmt"
	"log/slog"
	"slices"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/outbox"
	"github.com/storeops/storeops/internal/platform/paging"
)

// KindTask is the attachment owner kind of a completed task's photos.
const KindTask = "task"

// Outbox topics the module writes.
const (
	TopicAssigned = "task.assigned"
	TopicOverdue  = "task.overdue"
)

// Org is what the module asks the organisation: stores, their departments and users.
type Org interface {
	ActiveStoresWithDepartments(ctx context.Context) ([]org.ActiveStoreDepartments, error)
	StoreLocation(ctx context.Context, storeID int64) (*time.Location, error)
	StoreDepartments(ctx context.Context, p *authz.Principal, storeID int64) ([]string, error)
	DepartmentCodes(ctx context.Context) ([]string, error)
	UsersByID(ctx context.Context, p *authz.Principal, ids []int64) (map[int64]org.User, error)
}

// Approvers answers whether a supervisor stands in for the store manager (a deputy).
type Approvers interface {
	MayApprove(ctx context.Context, p *authz.Principal, storeID int64, at time.Time) (bool, error)
}

// Deps are the modules tasks work with.
type Deps struct {
	Org         Org
	Approvers   Approvers
	Attachments *attachments.Service
	Audit       *audit.Log
	Outbox      *outbox.Service
	Logger      *slog.Logger
}

// Service is the tasks use cases; every change is one transaction.
type Service struct {
	db *gorm.DB
	Deps
	now func() time.Time
}

// NewService wires the tasks module.
func NewService(db *gorm.DB, d Deps, now func() time.Time) *Service {
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	return &Service{db: db, Deps: d, now: now}
}

func notFound(id int64) error {
	return apperr.New(apperr.ErrNotFound, "not_found", fmt.Sprintf("task %d not found", id))
}

// scopeOf is whose tasks p sees in a store in scope: a supervisor their departments' and
// their own, everyone else all.
func scopeOf(p *authz.Principal) *Scope {
	if p.Role != authz.RoleSupervisor {
		return nil
	}
	return &Scope{UserID: p.UserID, Departments: p.DepartmentCodes}
}

// sees reports whether p sees task r.
func sees(p *authz.Principal, r taskRow) bool {
	if !p.CanSeeStore(r.StoreID) {
		return false
	}
	if p.Role != authz.RoleSupervisor {
		return true
	}
	if r.AssigneeID != nil {
		return *r.AssigneeID == p.UserID
	}
	return slices.Contains(p.DepartmentCodes, r.DepartmentCode)
}

// works reports whether p may complete a task they see: the store's staff, not HQ.
func works(p *authz.Principal) bool {
	return p.HasRole(authz.RoleAdmin, authz.RoleStoreManager, authz.RoleSupervisor)
}

// load reads task id in p's scope: another store's (or department's) task is 404.
func (s *Service) load(ctx context.Context, db *gorm.DB, p *authz.Principal, id int64) (taskRow, error) {
	var rows []taskRow
	if err := db.WithContext(ctx).Where("id = ?", id).Limit(1).Find(&rows).Error; err != nil {
		return taskRow{}, err
	}
	if len(rows) == 0 || !sees(p, rows[0]) {
		return taskRow{}, notFound(id)
	}
	return rows[0], nil
}

// Actions answers allowed_actions of t for p.
func (s *Service) Actions(p *authz.Principal, t Task) []string { return Actions(t, works(p)) }

// Now is the service's clock, for handlers that compute a task's status.
func (s *Service) Now() time.Time { return s.now() }

// List answers a page of a store's tasks in p's scope; mine keeps the caller's own.
func (s *Service) List(ctx context.Context, p *authz.Principal, storeID int64, f Filter, pg paging.Page) ([]Task, int64, error) {
	if err := p.RequireStore(storeID); err != nil {
		return nil, 0, err
	}
	f.Scope = scopeOf(p)
	if f.Mine && f.Scope == nil {
		f.Scope = &Scope{UserID: p.UserID}
		if p.Role == authz.RoleSupervisor {
			f.Scope.Departments = p.DepartmentCodes
		}
	}
	rows, total, err := page(ctx, s.db, storeID, f, s.now(), pg)
	if err != nil {
		return nil, 0, err
	}
	return s.named(ctx, p, rows), total, nil
}

// named turns rows into tasks with their assignees' names.
func (s *Service) named(ctx context.Context, p *authz.Principal, rows []taskRow) []Task {
	var ids []int64
	for _, r := range rows {
		if r.AssigneeID != nil {
			ids = append(ids, *r.AssigneeID)
		}
	}
	users, err := s.Org.UsersByID(ctx, p, ids)
	if err != nil {
		s.Logger.Warn("task assignees", "error", err)
	}
	out := make([]Task, len(rows))
	for i, r := range rows {
		out[i] = toTask(r)
		if r.AssigneeID != nil {
			if u, ok := users[*r.AssigneeID]; ok {
				out[i].AssigneeName = u.DisplayName
			}
		}
	}
	return out
}

// Detail is a task with its completion photos.
type Detail struct {
	Task
	Photos []attachments.Attachment
}

// Get answers task id with its photos.
func (s *Service) Get(ctx context.Context, p *authz.Principal, id int64) (Detail, error) {
	r, err := s.load(ctx, s.db, p, id)
	if err != nil {
		return Detail{}, err
	}
	photos, err := s.Attachments.ForOwners(ctx, KindTask, []int64{id})
	return Detail{Task: s.named(ctx, p, []taskRow{r})[0], Photos: photos[id]}, err
}

// Visible is the attachments' rule for a task's photos: seen by whoever sees the task.
func (s *Service) Visible(ctx context.Context, p *authz.Principal, id int64) error {
	_, err := s.load(ctx, s.db, p, id)
	return err
}

// assigns reports whether p may assign tasks in storeID: its manager, an admin, or a
// supervisor standing in for the manager (a deputy).
func (s *Service) assigns(ctx context.Context, p *authz.Principal, storeID int64) (bool, error) {
	if p.HasRole(authz.RoleAdmin, authz.RoleStoreManager) {
		return true, nil
	}
	if p.Role != authz.RoleSupervisor || s.Approvers == nil {
		return false, nil
	}
	return s.Approvers.MayApprove(ctx, p, storeID, s.now())
}

// Warning is advice that came with an accepted change, such as a day over capacity.
type Warning struct {
	Code, Message   string
	DepartmentCode  string
	BusinessDate    civil.Date
	Minutes, Budget int
}

// Create assigns an ad-hoc task to a supervisor or a department of the store, announcing it
// (task.assigned) in the same transaction; a day over the department's capacity is a
// warning, not a refusal.
func (s *Service) Create(ctx context.Context, p *authz.Principal, storeID int64, n NewTask) (Task, []Warning, error) {
	if err := p.RequireStore(storeID); err != nil {
		return Task{}, nil, err
	}
	ok, err := s.assigns(ctx, p, storeID)
	if err != nil {
		return Task{}, nil, err
	}
	if !ok {
		return Task{}, nil, apperr.New(apperr.ErrForbidden, "forbidden", "only the store manager (or a deputy) assigns tasks")
	}
	b, err := s.Prepare(ctx, p, storeID, []NewTask{n}, s.now(), func(_ int, name string) string { return name })
	if err != nil {
		return Task{}, nil, err
	}
	var made []Task
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		made, err = b.Write(ctx, tx, Source{})
		return err
	})
	if err != nil {
		return Task{}, nil, err
	}
	t := made[0]
	warnings, err := s.capacityWarnings(ctx, storeID, t.DepartmentCode, t.BusinessDate)
	return t, warnings, err
}

// checkAssignee answers the display name of the assignee, who must be a supervisor or the
// manager of the store, and checks the department is one the store runs.
func (s *Service) checkAssignee(ctx context.Context, p *authz.Principal, storeID int64, n NewTask) (string, error) {
	fe := apperr.FieldErrors{}
	name := ""
	if n.DepartmentCode != "" {
		codes, err := s.Org.StoreDepartments(ctx, p, storeID)
		if err != nil {
			return "", err
		}
		if !slices.Contains(codes, n.DepartmentCode) {
			fe.Add("department_code", "is not a department of this store")
		}
	}
	if n.AssigneeID != nil {
		users, err := s.Org.UsersByID(ctx, p, []int64{*n.AssigneeID})
		if err != nil {
			return "", err
		}
		u, ok := users[*n.AssigneeID]
		switch {
		case !ok || u.StoreID == nil || *u.StoreID != storeID || u.Disabled:
			fe.Add("assignee_id", "is not a user of this store")
		case u.Role != authz.RoleSupervisor && u.Role != authz.RoleStoreManager:
			fe.Add("assignee_id", "must be a supervisor or the store manager")
		default:
			name = u.DisplayName
		}
	}
	return name, fe.Err()
}

func assignedPayload(r taskRow, assignee string) map[string]any {
	return map[string]any{"store_id": r.StoreID, "task_id": r.ID, "title": r.TitleZh, "note": r.Note,
		"department_code": r.DepartmentCode, "assignee_id": r.AssigneeID, "assignee_name": assignee,
		"business_date": r.BusinessDate.String(), "due_at": r.DueAt.Format(time.RFC3339)}
}

// Complete marks an open task done with a note and photos; a done task is 409.
func (s *Service) Complete(ctx context.Context, p *authz.Principal, id int64, note string, photos []int64) (Task, error) {
	return s.complete(ctx, p, id, note, photos, s.now())
}

// CompletePast records a task done at an earlier instant: the demo's history.
func (s *Service) CompletePast(ctx context.Context, p *authz.Principal, id int64, note string, at time.Time) (Task, error) {
	return s.complete(ctx, p, id, note, nil, at.UTC().Truncate(time.Microsecond))
}

func (s *Service) complete(ctx context.Context, p *authz.Principal, id int64, note string, photos []int64, now time.Time) (Task, error) {
	if _, err := s.load(ctx, s.db, p, id); err != nil {
		return Task{}, err
	}
	if !works(p) {
		return Task{}, apperr.New(apperr.ErrForbidden, "forbidden", "only the store's staff complete tasks")
	}
	if err := ValidateCompletion(note, len(photos)); err != nil {
		return Task{}, err
	}
	var out taskRow
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		before, err := s.load(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if before.Status != StatusOpen {
			return apperr.New(apperr.ErrConflict, "wrong_status", fmt.Sprintf("task %d is done already", id))
		}
		res := tx.Model(&taskRow{}).Where("id = ? AND status = ?", id, StatusOpen).Updates(map[string]any{
			"status": StatusDone, "done_at": now, "done_by": p.ActorID(), "done_by_name": p.Username, "done_note": note,
			"version": before.Version + 1, "updated_at": now})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return apperr.New(apperr.ErrConflict, "wrong_status", fmt.Sprintf("task %d is done already", id))
		}
		owner := attachments.Owner{Kind: KindTask, ID: id, StoreID: before.StoreID}
		if err := s.Attachments.LinkField(ctx, tx, p, "photos", photos, owner); err != nil {
			return err
		}
		if out, err = s.load(ctx, tx, p, id); err != nil {
			return err
		}
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "task.complete", EntityType: "task", EntityID: audit.ID(id),
			StoreID: &before.StoreID, Before: map[string]any{"status": before.Status},
			After: map[string]any{"status": StatusDone, "note": note, "photos": len(photos)}})
	})
	if err != nil {
		return Task{}, err
	}
	return s.named(ctx, p, []taskRow{out})[0], nil
}
