package tasks

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/paging"
)

type templateRow struct {
	ID               int64 `gorm:"primaryKey"`
	StoreID          *int64
	DepartmentCode   string
	TitleZh          string
	TitleEn          string
	Recurrence       string
	Weekdays         int
	MonthDay         int
	DueMinute        int
	EstimatedMinutes int
	Active           bool
	Version          int
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

func (templateRow) TableName() string { return "task_templates" }

type taskRow struct {
	ID                int64 `gorm:"primaryKey"`
	StoreID           int64
	TemplateID        *int64
	BusinessDate      civil.Date
	DepartmentCode    string
	AssigneeID        *int64
	TitleZh           string
	TitleEn           string
	Note              string
	DueAt             time.Time
	EstimatedMinutes  int
	Status            string
	DoneAt            *time.Time
	DoneBy            *int64
	DoneByName        string
	DoneNote          string
	OverdueNotifiedAt *time.Time
	SourceKind        string
	SourceID          *int64
	CreatedBy         *int64
	CreatedByName     string
	Version           int
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

func (taskRow) TableName() string { return "tasks" }

type capacityRow struct {
	StoreID        int64  `gorm:"primaryKey;autoIncrement:false"`
	DepartmentCode string `gorm:"primaryKey"`
	MinutesPerDay  int
	Version        int
	UpdatedAt      time.Time
}

func (capacityRow) TableName() string { return "task_capacities" }

// Models lists the module's tables for the schema test.
func Models() []any { return []any{&templateRow{}, &taskRow{}, &capacityRow{}} }

func toTemplate(r templateRow) Template { return Template(r) }

func fromTemplate(t Template) templateRow { return templateRow(t) }

func toTask(r taskRow) Task {
	t := Task{ID: r.ID, StoreID: r.StoreID, TemplateID: r.TemplateID, BusinessDate: r.BusinessDate,
		DepartmentCode: r.DepartmentCode, AssigneeID: r.AssigneeID, TitleZh: r.TitleZh, TitleEn: r.TitleEn, Note: r.Note,
		DueAt: r.DueAt, EstimatedMinutes: r.EstimatedMinutes, Status: r.Status, DoneAt: r.DoneAt, DoneBy: r.DoneBy,
		DoneByName: r.DoneByName, DoneNote: r.DoneNote, CreatedBy: r.CreatedBy, CreatedByName: r.CreatedByName,
		Version: r.Version, CreatedAt: r.CreatedAt}
	if r.SourceKind != "" && r.SourceID != nil {
		t.Source = &Source{Kind: r.SourceKind, ID: *r.SourceID}
	}
	return t
}

func (s Scope) where(q *gorm.DB) *gorm.DB {
	if len(s.Departments) == 0 {
		return q.Where("assignee_id = ?", s.UserID)
	}
	return q.Where("(assignee_id = ? OR (assignee_id IS NULL AND department_code IN ?))", s.UserID, s.Departments)
}

func filtered(q *gorm.DB, f Filter, now time.Time) *gorm.DB {
	if f.BusinessDate != nil {
		q = q.Where("business_date = ?", *f.BusinessDate)
	}
	switch f.Status {
	case StatusDone:
		q = q.Where("status = ?", StatusDone)
	case StatusOpen:
		q = q.Where("status = ? AND due_at >= ?", StatusOpen, now)
	case StatusOverdue:
		q = q.Where("status = ? AND due_at < ?", StatusOpen, now)
	}
	if f.DepartmentCode != "" {
		q = q.Where("department_code = ?", f.DepartmentCode)
	}
	if f.Scope != nil {
		q = f.Scope.where(q)
	}
	return q
}

// page reads one page of a store's tasks, earliest due first.
func page(ctx context.Context, db *gorm.DB, storeID int64, f Filter, now time.Time, pg paging.Page) ([]taskRow, int64, error) {
	q := filtered(db.WithContext(ctx).Model(&taskRow{}).Where("store_id = ?", storeID), f, now)
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []taskRow
	err := q.Order("business_date DESC, due_at, id").Offset(pg.Offset()).Limit(pg.PageSize).Find(&rows).Error
	return rows, total, err
}

// taskColumns are the columns the generator writes.
var taskColumns = []string{"store_id", "template_id", "business_date", "department_code", "title_zh", "title_en",
	"note", "due_at", "estimated_minutes", "status", "created_by_name", "version", "created_at", "updated_at"}

// generateBatch is how many tasks one generator statement inserts (14 columns each).
const generateBatch = 500

// insertIgnoring inserts rows, skipping each one whose (template, store, business date) is
// there already: the generator may run twice, or on two replicas at the same moment.
func insertIgnoring(ctx context.Context, db *gorm.DB, rows []taskRow) (int64, error) {
	dialect := database.Dialect(db)
	tuple := "(" + strings.TrimSuffix(strings.Repeat("?,", len(taskColumns)), ",") + ")"
	var added int64
	for start := 0; start < len(rows); start += generateBatch {
		batch := rows[start:min(start+generateBatch, len(rows))]
		var sb strings.Builder
		sb.WriteString("INSERT INTO tasks (" + strings.Join(taskColumns, ", ") + ") VALUES ")
		args := make([]any, 0, len(batch)*len(taskColumns))
		for i, r := range batch {
			if i > 0 {
				sb.WriteByte(',')
			}
			sb.WriteString(tuple)
			args = append(args, r.StoreID, r.TemplateID, r.BusinessDate, r.DepartmentCode, r.TitleZh, r.TitleEn, r.Note,
				r.DueAt, r.EstimatedMinutes, r.Status, r.CreatedByName, r.Version, r.CreatedAt, r.UpdatedAt)
		}
		if dialect == database.MySQL {
			sb.WriteString(" ON DUPLICATE KEY UPDATE id = id")
		} else {
			sb.WriteString(" ON CONFLICT (template_id, store_id, business_date) DO NOTHING")
		}
		// Straight to the connection, as database.Bulk does: GORM's statement builder would
		// walk thousands of placeholders per statement for nothing.
		pool := db.Statement.ConnPool
		if ps, ok := pool.(*gorm.PreparedStmtTX); ok && dialect == database.SQLite {
			pool = ps.Tx
		}
		res, err := pool.ExecContext(ctx, sb.String(), args...)
		if err != nil {
			return added, err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return added, err
		}
		added += n
	}
	return added, nil
}

// loadRow is one department's tasks of one day.
type loadRow struct {
	BusinessDate   civil.Date
	DepartmentCode string
	Tasks          int
	Minutes        int
}

// loads sums a store's tasks per day and department over [from, to]; generated tasks only
// before since (later days are projected from the templates).
func loads(ctx context.Context, db *gorm.DB, storeID int64, from, to, since civil.Date) ([]loadRow, error) {
	var rows []loadRow
	err := db.WithContext(ctx).Model(&taskRow{}).
		Select("business_date, department_code, COUNT(*) AS tasks, COALESCE(SUM(estimated_minutes), 0) AS minutes").
		Where("store_id = ? AND business_date >= ? AND business_date <= ?", storeID, from, to).
		Where("department_code <> ''").
		Where("(template_id IS NULL OR business_date < ?)", since).
		Group("business_date, department_code").Order("business_date, department_code").Scan(&rows).Error
	return rows, err
}
