package risk

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/paging"
)

type riskRow struct {
	ID              int64 `gorm:"primaryKey"`
	Code            string
	Name            string
	NameEn          string
	Level           string
	Symptoms        string
	SymptomsEn      string
	OwnerDepartment string
	Measures        string
	Active          bool
	Version         int
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

func (riskRow) TableName() string { return "risks" }

type incidentRow struct {
	ID             int64 `gorm:"primaryKey"`
	StoreID        int64
	RiskID         int64
	Level          string
	Title          string
	Description    string
	OccurredAt     time.Time
	OwnerID        *int64
	OwnerName      string
	Status         string
	Resolution     string
	ResolvedAt     *time.Time
	ResolvedByName string
	ClosedAt       *time.Time
	CreatedBy      *int64
	CreatedByName  string
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

func (incidentRow) TableName() string { return "incidents" }

type actionRow struct {
	ID            int64 `gorm:"primaryKey"`
	IncidentID    int64
	Kind          string
	Note          string
	CreatedBy     *int64
	CreatedByName string
	CreatedAt     time.Time
}

func (actionRow) TableName() string { return "incident_actions" }

type eventRow struct {
	ID            int64 `gorm:"primaryKey"`
	Name          string
	EventDate     civil.Date
	RiskIDs       string `gorm:"column:risk_ids"`
	CreatedBy     *int64
	CreatedByName string
	CreatedAt     time.Time
}

func (eventRow) TableName() string { return "readiness_events" }

type eventItemRow struct {
	ID      int64 `gorm:"primaryKey"`
	EventID int64
	RiskID  int64
	Seq     int
	Title   string
	TitleEn string
}

func (eventItemRow) TableName() string { return "readiness_event_items" }

type itemRow struct {
	ID         int64 `gorm:"primaryKey"`
	EventID    int64
	StoreID    int64
	ItemID     int64
	DoneAt     *time.Time
	DoneBy     *int64
	DoneByName string
	Note       string
}

func (itemRow) TableName() string { return "readiness_items" }

// Models lists the module's tables for the schema test.
func Models() []any {
	return []any{&riskRow{}, &incidentRow{}, &actionRow{}, &eventRow{}, &eventItemRow{}, &itemRow{}}
}

func toRisk(r riskRow) Risk {
	var ms []Measure
	_ = json.Unmarshal([]byte(r.Measures), &ms) // written by fromRisk or the migration only
	if ms == nil {
		ms = []Measure{}
	}
	return Risk{ID: r.ID, Code: r.Code, Name: r.Name, NameEn: r.NameEn, Level: r.Level, Symptoms: r.Symptoms,
		SymptomsEn: r.SymptomsEn, OwnerDepartment: r.OwnerDepartment, Measures: ms, Active: r.Active,
		Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

func measuresJSON(ms []Measure) string {
	b, _ := json.Marshal(ms) // plain strings always marshal
	return string(b)
}

func toIncident(r incidentRow, k riskRow) Incident {
	return Incident{ID: r.ID, StoreID: r.StoreID, RiskID: r.RiskID, RiskCode: k.Code, RiskName: k.Name, RiskNameEn: k.NameEn,
		Level: r.Level, Title: r.Title, Description: r.Description, OccurredAt: r.OccurredAt, OwnerID: r.OwnerID,
		OwnerName: r.OwnerName, Status: r.Status, Resolution: r.Resolution, ResolvedAt: r.ResolvedAt,
		ResolvedBy: r.ResolvedByName, ClosedAt: r.ClosedAt, CreatedBy: r.CreatedBy, CreatedByName: r.CreatedByName,
		Version: r.Version, CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

func idsJSON(ids []int64) string {
	b, _ := json.Marshal(ids)
	return string(b)
}

func parseIDs(s string) []int64 {
	var ids []int64
	_ = json.Unmarshal([]byte(s), &ids)
	return ids
}

// risksByID reads the risks named by ids.
func risksByID(ctx context.Context, db *gorm.DB, ids []int64) (map[int64]riskRow, error) {
	out := map[int64]riskRow{}
	if len(ids) == 0 {
		return out, nil
	}
	var rows []riskRow
	if err := db.WithContext(ctx).Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[r.ID] = r
	}
	return out, nil
}

// incidentPage reads one page of the incident board, newest first. stores, when not nil,
// pins the stores the caller may see (a store-bound caller sees one).
func incidentPage(ctx context.Context, db *gorm.DB, f IncidentFilter, pg paging.Page) ([]incidentRow, int64, error) {
	q := db.WithContext(ctx).Model(&incidentRow{})
	if f.StoreID != nil {
		q = q.Where("store_id = ?", *f.StoreID)
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if f.Level != "" {
		q = q.Where("level = ?", f.Level)
	}
	if f.From != nil {
		q = q.Where("occurred_at >= ?", *f.From)
	}
	if f.To != nil {
		q = q.Where("occurred_at < ?", *f.To)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []incidentRow
	err := q.Order("occurred_at DESC, id DESC").Offset(pg.Offset()).Limit(pg.PageSize).Find(&rows).Error
	return rows, total, err
}

// storeBatch is how many stores one generating statement covers.
const storeBatch = 100

// generate gives each of stores one checklist line per item of event, in statements of
// storeBatch stores that select the event's items against a derived table of store ids; a
// line that exists is left alone (the unique key), so generating again adds only what is
// missing.
func generate(ctx context.Context, tx *gorm.DB, eventID int64, stores []int64) (int64, error) {
	verb, tail := "INSERT IGNORE INTO", ""
	if database.Dialect(tx) == database.SQLite {
		verb, tail = "INSERT INTO", " ON CONFLICT (event_id, store_id, item_id) DO NOTHING"
	}
	var added int64
	for start := 0; start < len(stores); start += storeBatch {
		batch := stores[start:min(start+storeBatch, len(stores))]
		sel := make([]string, len(batch))
		args := make([]any, 0, len(batch)+1)
		for i, id := range batch {
			sel[i] = "SELECT ? AS store_id"
			args = append(args, id)
		}
		args = append(args, eventID)
		q := fmt.Sprintf("%s readiness_items (event_id, store_id, item_id, done_by_name, note) "+
			"SELECT i.event_id, s.store_id, i.id, '', '' FROM readiness_event_items i CROSS JOIN (%s) s "+
			"WHERE i.event_id = ?%s", verb, strings.Join(sel, " UNION ALL "), tail)
		res := tx.WithContext(ctx).Exec(q, args...)
		if res.Error != nil {
			return added, res.Error
		}
		added += res.RowsAffected
	}
	return added, nil
}

// completion counts, per store, the done and total lines of event.
func completion(ctx context.Context, db *gorm.DB, eventID int64) ([]StoreCompletion, error) {
	var rows []struct {
		StoreID int64
		Done    int
		Total   int
	}
	err := db.WithContext(ctx).Model(&itemRow{}).
		Select("store_id, COUNT(done_at) AS done, COUNT(*) AS total").
		Where("event_id = ?", eventID).Group("store_id").Order("store_id").Scan(&rows).Error
	out := make([]StoreCompletion, len(rows))
	for i, r := range rows {
		out[i] = StoreCompletion{StoreID: r.StoreID, Done: r.Done, Total: r.Total}
	}
	return out, err
}
