package promo

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/paging"
)

// StoreTask is a task run as the store sees it: with its task and campaign.
type StoreTask struct {
	Run
	Task         Task
	CampaignName string
	StartsOn     civil.Date
	EndsOn       civil.Date
}

type storeTaskRow struct {
	ID            int64
	CampaignID    int64
	StoreID       int64
	TaskID        int64
	DueAt         time.Time
	Status        string
	Note          string
	ProblemKind   string
	Answer        string
	DoneBy        *int64
	DoneAt        *time.Time
	Version       int
	Kind          string
	Title         string
	Instructions  string
	DueHours      int
	PhotoRequired bool
	CampaignName  string
	StartsOn      civil.Date
	EndsOn        civil.Date
}

func (r storeTaskRow) run() Run {
	return toRun(runRow{ID: r.ID, CampaignID: r.CampaignID, StoreID: r.StoreID, TaskID: r.TaskID, DueAt: r.DueAt,
		Status: r.Status, Note: r.Note, ProblemKind: r.ProblemKind, Answer: r.Answer, DoneBy: r.DoneBy, DoneAt: r.DoneAt,
		Version: r.Version})
}

func toStoreTask(r storeTaskRow) StoreTask {
	return StoreTask{Run: r.run(), Task: Task{ID: r.TaskID, Kind: r.Kind, Title: r.Title, Instructions: r.Instructions,
		DueHours: r.DueHours, PhotoRequired: r.PhotoRequired}, CampaignName: r.CampaignName, StartsOn: r.StartsOn, EndsOn: r.EndsOn}
}

func runQuery(db *gorm.DB) *gorm.DB {
	return db.Table("campaign_task_runs r").
		Select("r.id, r.campaign_id, r.store_id, r.task_id, r.due_at, r.status, r.note, r.problem_kind, r.answer, r.done_by, r.done_at, r.version, t.kind, t.title, t.instructions, t.due_hours, t.photo_required, c.name AS campaign_name, c.starts_on, c.ends_on").
		Joins("JOIN campaign_tasks t ON t.id = r.task_id").Joins("JOIN campaigns c ON c.id = r.campaign_id")
}

// TaskFilter narrows a store's tasks: Open keeps those not done; CampaignID one campaign.
type TaskFilter struct {
	Open       bool
	CampaignID int64
}

// StoreTasks answers a store's campaign tasks by due time (published campaigns; ended ones
// only with a campaign named).
func (s *Service) StoreTasks(ctx context.Context, p *authz.Principal, storeID int64, f TaskFilter, pg paging.Page) ([]StoreTask, int64, error) {
	if err := p.RequireStore(storeID); err != nil {
		return nil, 0, err
	}
	q := runQuery(s.db.WithContext(ctx)).Where("r.store_id = ?", storeID)
	if f.CampaignID != 0 {
		q = q.Where("r.campaign_id = ?", f.CampaignID)
	} else {
		q = q.Where("c.status = ?", StatusPublished)
	}
	if f.Open {
		q = q.Where("r.status <> ?", RunDone)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []storeTaskRow
	err := q.Order("r.due_at").Order("r.id").Offset(pg.Offset()).Limit(pg.PageSize).Scan(&rows).Error
	out := make([]StoreTask, len(rows))
	for i, r := range rows {
		out[i] = toStoreTask(r)
	}
	return out, total, err
}

// StoreCampaign is a campaign a store executes, as its task list heads it.
type StoreCampaign struct {
	CampaignID   int64
	CampaignName string
	StartsOn     civil.Date
	EndsOn       civil.Date
}

// StoreCampaigns answers the campaigns the store executes, tasks or not, by start: the
// published ones, or campaignID's whatever its status.
func (s *Service) StoreCampaigns(ctx context.Context, p *authz.Principal, storeID, campaignID int64) ([]StoreCampaign, error) {
	if err := p.RequireStore(storeID); err != nil {
		return nil, err
	}
	q := s.db.WithContext(ctx).Table("campaign_executions e").Joins("JOIN campaigns c ON c.id = e.campaign_id").
		Select("e.campaign_id, c.name AS campaign_name, c.starts_on, c.ends_on").Where("e.store_id = ?", storeID)
	if campaignID != 0 {
		q = q.Where("e.campaign_id = ?", campaignID)
	} else {
		q = q.Where("c.status = ?", StatusPublished)
	}
	var out []StoreCampaign
	err := q.Order("c.starts_on").Order("e.campaign_id").Scan(&out).Error
	return out, err
}

func runNotFound(id int64) error {
	return apperr.New(apperr.ErrNotFound, "not_found", fmt.Sprintf("campaign task %d not found", id))
}

func (s *Service) loadRun(ctx context.Context, db *gorm.DB, p *authz.Principal, id int64) (storeTaskRow, error) {
	var rows []storeTaskRow
	if err := runQuery(db.WithContext(ctx)).Where("r.id = ?", id).Limit(1).Scan(&rows).Error; err != nil {
		return storeTaskRow{}, err
	}
	if len(rows) == 0 || !p.CanSeeStore(rows[0].StoreID) {
		return storeTaskRow{}, runNotFound(id)
	}
	return rows[0], nil
}

// VisibleRun answers 404 unless task run id is in p's scope (its photos' visibility too).
func (s *Service) VisibleRun(ctx context.Context, p *authz.Principal, id int64) error {
	_, err := s.loadRun(ctx, s.db, p, id)
	return err
}

// GetRun answers one store task with its photos.
func (s *Service) GetRun(ctx context.Context, p *authz.Principal, id int64) (StoreTask, []attachments.Attachment, error) {
	r, err := s.loadRun(ctx, s.db, p, id)
	if err != nil {
		return StoreTask{}, nil, err
	}
	photos, err := s.Attachments.ForOwner(ctx, KindTaskRun, id)
	return toStoreTask(r), photos, err
}

// Completion is a store's report on a task: done with a note and photos, or a problem.
type Completion struct {
	Version *int
	Note    string
	Photos  []int64
	Problem string // set: a problem of this kind instead of done
	// At is when it was done, for a system import of past work (the demo's history); a
	// person's completion happens now and At is ignored.
	At *time.Time
}

// Complete marks a task done (or reports a problem) for the store; a task whose photo is
// required needs one. The store's staff only; another store's task is 404.
func (s *Service) Complete(ctx context.Context, p *authz.Principal, id int64, c Completion) error {
	fe := apperr.FieldErrors{}
	if utf8.RuneCountInString(c.Note) > 1000 {
		fe.Add("note", "must be at most 1000 characters")
	}
	if len(c.Photos) > 5 {
		fe.Add("photos", "at most 5 photos")
	}
	if c.Problem != "" && !slices.Contains(ProblemKinds, c.Problem) {
		fe.Add("kind", "must be one of: "+strings.Join(ProblemKinds, ", "))
	}
	if c.Problem != "" && strings.TrimSpace(c.Note) == "" {
		fe.Add("note", "say what the problem is")
	}
	if err := fe.Err(); err != nil {
		return err
	}
	return database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		r, err := s.loadRun(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if p.StoreFilter() == nil && p.Role != authz.RoleAdmin {
			return apperr.New(apperr.ErrForbidden, "forbidden", "the store's staff do the store's tasks")
		}
		if c.Version != nil && *c.Version != r.Version {
			return apperr.New(apperr.ErrConflict, "stale_version", "the task was changed by someone else: reload it")
		}
		if r.Status == RunDone {
			return apperr.New(apperr.ErrConflict, "wrong_status", "the task is done already")
		}
		to, action := RunDone, "campaign_task.complete"
		if c.Problem != "" {
			to, action = RunProblem, "campaign_task.problem"
		} else if r.PhotoRequired && len(c.Photos) == 0 {
			have, err := s.Attachments.ForOwner(ctx, KindTaskRun, id)
			if err != nil {
				return err
			}
			if len(have) == 0 {
				return apperr.New(apperr.ErrRule, "photo_required", "this task needs a photo of the result")
			}
		}
		now := s.now()
		if c.At != nil && p.IsSystem() {
			now = *c.At
		}
		changes := map[string]any{"status": to, "note": c.Note, "problem_kind": c.Problem, "done_by": p.ActorID(),
			"version": gorm.Expr("version + 1"), "updated_at": now}
		if to == RunDone {
			changes["done_at"] = now
		}
		res := tx.Model(&runRow{}).Where("id = ? AND version = ?", id, r.Version).Updates(changes)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return apperr.New(apperr.ErrConflict, "stale_version", "the task was changed by someone else: reload it")
		}
		owner := attachments.Owner{Kind: KindTaskRun, ID: id, StoreID: r.StoreID}
		if err := s.Attachments.LinkField(ctx, tx, p, "photos", c.Photos, owner); err != nil {
			return err
		}
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: action, EntityType: KindTaskRun, EntityID: audit.ID(id),
			StoreID: &r.StoreID, Before: map[string]any{"status": r.Status}, After: map[string]any{"status": to,
				"note": c.Note, "problem": c.Problem, "photos": len(c.Photos)}})
	})
}

// Answer is HQ's reply to a store's problem; the task stays a problem until the store does it.
func (s *Service) Answer(ctx context.Context, p *authz.Principal, id int64, answer string) error {
	if err := mayPlan(p); err != nil {
		return err
	}
	if strings.TrimSpace(answer) == "" || utf8.RuneCountInString(answer) > 1000 {
		return apperr.Field("answer", "is required, at most 1000 characters")
	}
	return database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		r, err := s.loadRun(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if r.Status != RunProblem {
			return apperr.New(apperr.ErrConflict, "wrong_status", "only a reported problem is answered")
		}
		if err := tx.Model(&runRow{}).Where("id = ?", id).Updates(map[string]any{"answer": answer,
			"version": gorm.Expr("version + 1"), "updated_at": s.now()}).Error; err != nil {
			return err
		}
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "campaign_task.answer", EntityType: KindTaskRun,
			EntityID: audit.ID(id), StoreID: &r.StoreID, After: map[string]any{"answer": answer}})
	})
}

// StoreCompliance is one store's standing in a campaign.
type StoreCompliance struct {
	StoreID   int64
	StoreCode string
	StoreName string
	Compliance
	// States is the state of each task, in the campaign's task order, with the run's id.
	States []RunState
}

// RunState is one cell of the store × task matrix.
type RunState struct {
	RunID int64
	State string
}

// CampaignCompliance is HQ's view of a campaign's execution at now.
type CampaignCompliance struct {
	AsOf   time.Time
	Tasks  []Task
	Total  Compliance
	Stores []StoreCompliance
}

// Compliance answers the campaign's store × task matrix and counts at now; a store's staff
// see their own store's row.
func (s *Service) Compliance(ctx context.Context, p *authz.Principal, id int64) (CampaignCompliance, error) {
	r, err := s.load(ctx, s.db, p, id)
	if err != nil {
		return CampaignCompliance{}, err
	}
	c, err := s.assemble(ctx, s.db, r)
	if err != nil {
		return CampaignCompliance{}, err
	}
	q := s.db.WithContext(ctx).Where("campaign_id = ?", id)
	if only := p.StoreFilter(); only != nil {
		q = q.Where("store_id = ?", *only)
	}
	var runs []runRow
	if err := q.Order("store_id").Find(&runs).Error; err != nil {
		return CampaignCompliance{}, err
	}
	now := s.now()
	out := CampaignCompliance{AsOf: now, Tasks: c.Tasks, Stores: []StoreCompliance{}}
	position := make(map[int64]int, len(c.Tasks))
	for i, t := range c.Tasks {
		position[t.ID] = i
	}
	for _, rr := range runs {
		n := len(out.Stores)
		if n == 0 || out.Stores[n-1].StoreID != rr.StoreID {
			out.Stores = append(out.Stores, StoreCompliance{StoreID: rr.StoreID, States: make([]RunState, len(c.Tasks))})
			n++
		}
		st := &out.Stores[n-1]
		state := toRun(rr).State(now)
		st.Add(state)
		out.Total.Add(state)
		if i, ok := position[rr.TaskID]; ok {
			st.States[i] = RunState{RunID: rr.ID, State: state}
		}
	}
	ids := make([]int64, len(out.Stores))
	for i, st := range out.Stores {
		ids[i] = st.StoreID
	}
	named, err := s.Stores.StoresByID(ctx, ids)
	if err != nil {
		return CampaignCompliance{}, err
	}
	for i := range out.Stores {
		st := named[out.Stores[i].StoreID]
		out.Stores[i].StoreCode, out.Stores[i].StoreName = st.Code, st.Name
	}
	return out, nil
}
