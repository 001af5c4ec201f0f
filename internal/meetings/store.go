package meetings

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/paging"
)

type meetingRow struct {
	ID             int64 `gorm:"primaryKey"`
	StoreID        int64
	DepartmentCode string
	HeldOn         civil.Date
	Kind           string
	Title          string
	ChairID        int64
	ChairName      string
	Notes          string
	CreatedBy      *int64
	CreatedByName  string
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (meetingRow) TableName() string { return "meetings" }

type attendeeRow struct {
	MeetingID int64 `gorm:"primaryKey;autoIncrement:false"`
	UserID    int64 `gorm:"primaryKey;autoIncrement:false"`
	Name      string
}

func (attendeeRow) TableName() string { return "meeting_attendees" }

type itemRow struct {
	ID             int64 `gorm:"primaryKey"`
	MeetingID      int64
	LineNo         int
	Title          string
	DepartmentCode string
	OwnerID        *int64
	OwnerName      string
	DueOn          civil.Date
	TaskID         int64
}

func (itemRow) TableName() string { return "meeting_items" }

// Models lists the module's tables for the schema test.
func Models() []any { return []any{&meetingRow{}, &attendeeRow{}, &itemRow{}} }

func toMeeting(r meetingRow) Meeting {
	return Meeting{ID: r.ID, StoreID: r.StoreID, DepartmentCode: r.DepartmentCode, HeldOn: r.HeldOn, Kind: r.Kind,
		Title: r.Title, ChairID: r.ChairID, ChairName: r.ChairName, Notes: r.Notes, CreatedBy: r.CreatedBy,
		CreatedByName: r.CreatedByName, Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

func toItem(r itemRow) Item {
	return Item{ID: r.ID, LineNo: r.LineNo, Title: r.Title, DepartmentCode: r.DepartmentCode, OwnerID: r.OwnerID,
		OwnerName: r.OwnerName, DueOn: r.DueOn, TaskID: r.TaskID}
}

// page reads one page of a store's meetings, latest held first.
func page(ctx context.Context, db *gorm.DB, storeID int64, f Filter, pg paging.Page) ([]meetingRow, int64, error) {
	q := db.WithContext(ctx).Model(&meetingRow{}).Where("store_id = ?", storeID)
	if f.DepartmentCode != "" {
		q = q.Where("department_code = ?", f.DepartmentCode)
	}
	if f.From != nil {
		q = q.Where("held_on >= ?", *f.From)
	}
	if f.To != nil {
		q = q.Where("held_on <= ?", *f.To)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []meetingRow
	err := q.Order("held_on DESC, id DESC").Offset(pg.Offset()).Limit(pg.PageSize).Find(&rows).Error
	return rows, total, err
}

// attendeeCounts counts the attendees of each meeting among ids.
func attendeeCounts(ctx context.Context, db *gorm.DB, ids []int64) (map[int64]int, error) {
	var rows []struct {
		MeetingID int64
		N         int
	}
	err := db.WithContext(ctx).Model(&attendeeRow{}).Select("meeting_id, COUNT(*) AS n").
		Where("meeting_id IN ?", ids).Group("meeting_id").Scan(&rows).Error
	out := make(map[int64]int, len(rows))
	for _, r := range rows {
		out[r.MeetingID] = r.N
	}
	return out, err
}

// itemsOf reads the action items of the meetings among ids, in line order.
func itemsOf(ctx context.Context, db *gorm.DB, ids []int64) ([]itemRow, error) {
	var rows []itemRow
	err := db.WithContext(ctx).Where("meeting_id IN ?", ids).Order("meeting_id, line_no").Find(&rows).Error
	return rows, err
}
