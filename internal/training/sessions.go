package training

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/paging"
)

// NewSession is a training session to hold.
type NewSession struct {
	Topic        string
	Title        string
	ScheduledOn  civil.Date
	Departments  []string
	FoodHandlers bool
	Trainer      string
	Notes        string
}

// SessionFilter narrows a store's sessions.
type SessionFilter struct {
	Topic    string
	From, To *civil.Date
}

// AttendanceInput is one employee's attendance at a session.
type AttendanceInput struct {
	EmployeeID int64
	Status     string
	Score      *int
}

// ListSessions answers a page of a store's sessions, latest date first, with their counts.
func (s *Service) ListSessions(ctx context.Context, p *authz.Principal, storeID int64, f SessionFilter, pg paging.Page) ([]Session, int64, error) {
	if err := p.RequireStore(storeID); err != nil {
		return nil, 0, err
	}
	q := s.db.WithContext(ctx).Model(&sessionRow{}).Where("store_id = ?", storeID)
	if f.Topic != "" {
		q = q.Where("topic = ?", f.Topic)
	}
	if f.From != nil {
		q = q.Where("scheduled_on >= ?", *f.From)
	}
	if f.To != nil {
		q = q.Where("scheduled_on <= ?", *f.To)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []sessionRow
	if err := q.Order("scheduled_on DESC, id DESC").Offset(pg.Offset()).Limit(pg.PageSize).Find(&rows).Error; err != nil {
		return nil, 0, err
	}
	out := make([]Session, len(rows))
	ids := make([]int64, len(rows))
	for i, r := range rows {
		out[i], ids[i] = toSession(r), r.ID
	}
	var counts []struct {
		SessionID int64
		Status    string
		N         int
	}
	if len(ids) > 0 {
		if err := s.db.WithContext(ctx).Model(&attendanceRow{}).Select("session_id, status, COUNT(*) AS n").
			Where("session_id IN ?", ids).Group("session_id, status").Scan(&counts).Error; err != nil {
			return nil, 0, err
		}
	}
	for _, c := range counts {
		i := slices.Index(ids, c.SessionID)
		if c.Status == Attended {
			out[i].Attended = c.N
		} else {
			out[i].Absent = c.N
		}
	}
	return out, total, nil
}

// CreateSession plans a training session for a store.
func (s *Service) CreateSession(ctx context.Context, p *authz.Principal, storeID int64, in NewSession) (Session, error) {
	if err := p.RequireStore(storeID); err != nil {
		return Session{}, err
	}
	if !manages(p) {
		return Session{}, apperr.New(apperr.ErrForbidden, "forbidden", "only the store manager plans training sessions")
	}
	if err := s.checkDepartments(ctx, "departments", in.Departments...); err != nil {
		return Session{}, err
	}
	now := s.now()
	r := sessionRow{StoreID: storeID, Topic: in.Topic, Title: strings.TrimSpace(in.Title), ScheduledOn: in.ScheduledOn,
		Departments: strings.Join(in.Departments, ","), FoodHandlers: in.FoodHandlers, Trainer: in.Trainer, Notes: in.Notes,
		CreatedBy: p.ActorID(), CreatedAt: now, UpdatedAt: now}
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error { return tx.Create(&r).Error })
	return toSession(r), err
}

// session reads session id in p's scope.
func (s *Service) session(ctx context.Context, db *gorm.DB, p *authz.Principal, id int64) (sessionRow, error) {
	var rows []sessionRow
	if err := db.WithContext(ctx).Where("id = ?", id).Limit(1).Find(&rows).Error; err != nil {
		return sessionRow{}, err
	}
	if len(rows) == 0 || !p.CanSeeStore(rows[0].StoreID) {
		return sessionRow{}, notFound("training session", id)
	}
	return rows[0], nil
}

// GetSession answers a session with the attendance of every active employee it is for (the
// departments it names or its food handlers; everyone when it names neither) and anyone
// recorded, unrecorded ones with an empty status.
func (s *Service) GetSession(ctx context.Context, p *authz.Principal, id int64) (Session, error) {
	r, err := s.session(ctx, s.db, p, id)
	if err != nil {
		return Session{}, err
	}
	out := toSession(r)
	var recorded []attendanceRow
	if err := s.db.WithContext(ctx).Where("session_id = ?", id).Find(&recorded).Error; err != nil {
		return Session{}, err
	}
	byEmp := map[int64]attendanceRow{}
	ids := []int64{}
	for _, a := range recorded {
		byEmp[a.EmployeeID] = a
		ids = append(ids, a.EmployeeID)
	}
	q := s.db.WithContext(ctx).Where("store_id = ?", r.StoreID)
	who := s.db.Where("active = ?", true)
	switch {
	case len(out.Departments) > 0 && r.FoodHandlers:
		who = who.Where(s.db.Where("department_code IN ?", out.Departments).Or("food_handler = ?", true))
	case len(out.Departments) > 0:
		who = who.Where("department_code IN ?", out.Departments)
	case r.FoodHandlers:
		who = who.Where("food_handler = ?", true)
	}
	if len(ids) > 0 {
		q = q.Where(s.db.Where(who).Or("id IN ?", ids))
	} else {
		q = q.Where(who)
	}
	var emps []employeeRow
	if err := q.Order("department_code, name, id").Limit(maxAttendees).Find(&emps).Error; err != nil {
		return Session{}, err
	}
	for _, e := range emps {
		a := byEmp[e.ID]
		out.Attendance = append(out.Attendance, Attendance{EmployeeID: e.ID, EmployeeName: e.Name, Status: a.Status, Score: a.Score})
		switch a.Status {
		case Attended:
			out.Attended++
		case Absent:
			out.Absent++
		}
	}
	return out, nil
}

// maxAttendees bounds the employees one session lists and one request records.
const maxAttendees = 1000

// RecordAttendance sets the attendance of the listed employees (others keep theirs) and
// answers the session. Each employee must be of the session's store: another's is 404.
func (s *Service) RecordAttendance(ctx context.Context, p *authz.Principal, id int64, in []AttendanceInput) (Session, error) {
	if len(in) > maxAttendees {
		return Session{}, apperr.FieldErrors{"attendance": fmt.Sprintf("at most %d employees at once", maxAttendees)}
	}
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		r, err := s.session(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if !records(p) {
			return apperr.New(apperr.ErrForbidden, "forbidden", "only the store's staff record attendance")
		}
		ids := make([]int64, len(in))
		for i, a := range in {
			ids[i] = a.EmployeeID
		}
		var found []int64
		if err := tx.Model(&employeeRow{}).Where("store_id = ? AND id IN ?", r.StoreID, ids).Pluck("id", &found).Error; err != nil {
			return err
		}
		rows := make([]attendanceRow, 0, len(in))
		seen := map[int64]bool{}
		for _, a := range in {
			if !slices.Contains(found, a.EmployeeID) {
				return notFound("employee", a.EmployeeID)
			}
			if seen[a.EmployeeID] {
				return apperr.FieldErrors{"attendance": fmt.Sprintf("employee %d is listed more than once", a.EmployeeID)}
			}
			seen[a.EmployeeID] = true
			score := a.Score
			if a.Status == Absent {
				score = nil
			}
			rows = append(rows, attendanceRow{SessionID: id, EmployeeID: a.EmployeeID, Status: a.Status, Score: score,
				RecordedBy: p.ActorID(), RecordedAt: s.now()})
		}
		if len(rows) == 0 {
			return nil
		}
		return tx.Clauses(clause.OnConflict{Columns: []clause.Column{{Name: "session_id"}, {Name: "employee_id"}},
			DoUpdates: clause.AssignmentColumns([]string{"status", "score", "recorded_by", "recorded_at"})}).
			CreateInBatches(rows, 100).Error
	})
	if err != nil {
		return Session{}, err
	}
	return s.GetSession(ctx, p, id)
}

// Overdue lists a store's active employees whose required training has lapsed or never
// happened, as of the store's today.
func (s *Service) Overdue(ctx context.Context, p *authz.Principal, storeID int64) ([]Overdue, error) {
	if err := p.RequireStore(storeID); err != nil {
		return nil, err
	}
	return s.overdue(ctx, storeID)
}

func (s *Service) overdue(ctx context.Context, storeID int64) ([]Overdue, error) {
	today, err := s.today(ctx, storeID)
	if err != nil {
		return nil, err
	}
	rules, err := s.rules(ctx)
	if err != nil {
		return nil, err
	}
	var emps []employeeRow
	if err := s.db.WithContext(ctx).Where("store_id = ? AND active = ?", storeID, true).Order("name, id").Find(&emps).Error; err != nil {
		return nil, err
	}
	var lastRows []struct {
		EmployeeID int64
		Topic      string
		LastOn     civil.Date
	}
	if err := s.db.WithContext(ctx).Table("training_attendance AS a").
		Select("a.employee_id, s.topic, MAX(s.scheduled_on) AS last_on").
		Joins("JOIN training_sessions s ON s.id = a.session_id").
		Where("s.store_id = ? AND a.status = ? AND s.scheduled_on <= ?", storeID, Attended, today).
		Group("a.employee_id, s.topic").Scan(&lastRows).Error; err != nil {
		return nil, err
	}
	last := map[int64]map[string]civil.Date{}
	for _, l := range lastRows {
		if last[l.EmployeeID] == nil {
			last[l.EmployeeID] = map[string]civil.Date{}
		}
		last[l.EmployeeID][l.Topic] = l.LastOn
	}
	list := make([]Employee, len(emps))
	for i, e := range emps {
		list[i] = toEmployee(e)
	}
	return Lapsed(list, rules, last, today), nil
}
