package calendar

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/paging"
)

// eventRow is a row of calendar_events. Only this file touches the table.
type eventRow struct {
	ID        int64 `gorm:"primaryKey"`
	Name      string
	Kind      string
	StartsOn  civil.Date
	EndsOn    civil.Date
	Note      string
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

func (eventRow) TableName() string { return "calendar_events" }

// Models lists the rows of this module for the schema test.
func Models() []any { return []any{&eventRow{}} }

// Filter narrows a list: entries that share a day with [From, To] (either end may be open),
// and a name that contains Q.
type Filter struct {
	From, To *civil.Date
	Q        string
	Kind     string
}

var eventSort = map[string]string{"starts_on": "starts_on", "name": "name", "": "starts_on"}

func list(ctx context.Context, db *gorm.DB, f Filter, pg paging.Page) ([]Event, int64, error) {
	q := db.WithContext(ctx).Model(&eventRow{})
	if f.From != nil {
		q = q.Where("ends_on >= ?", *f.From)
	}
	if f.To != nil {
		q = q.Where("starts_on <= ?", *f.To)
	}
	if f.Q != "" {
		q = q.Where("name LIKE ? ESCAPE '!'", "%"+database.EscapeLike(f.Q)+"%")
	}
	if f.Kind != "" {
		q = q.Where("kind = ?", f.Kind)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []eventRow
	// Entries are ordered by their days and name, never by id (ids need not be in order).
	err := q.Order(pg.OrderBy(eventSort)).Order("name").Order("starts_on").Offset(pg.Offset()).Limit(pg.PageSize).Find(&rows).Error
	out := make([]Event, len(rows))
	for i, r := range rows {
		out[i] = Event(r)
	}
	return out, total, err
}

func load(ctx context.Context, db *gorm.DB, id int64) (Event, error) {
	var r eventRow
	if err := db.WithContext(ctx).First(&r, id).Error; err != nil {
		return Event{}, database.Translate(err, fmt.Sprintf("calendar event %d", id))
	}
	return Event(r), nil
}

func insert(ctx context.Context, tx *gorm.DB, e Event) (Event, error) {
	r := eventRow(e)
	r.ID, r.Version = 0, 1
	if err := tx.WithContext(ctx).Create(&r).Error; err != nil {
		return Event{}, duplicate(err, e)
	}
	return Event(r), nil
}

func remove(ctx context.Context, tx *gorm.DB, id int64, version int) error {
	res := tx.WithContext(ctx).Where("id = ? AND version = ?", id, version).Delete(&eventRow{})
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return staleVersion(id)
	}
	return nil
}

func staleVersion(id int64) error {
	return apperr.New(apperr.ErrConflict, "stale_version",
		fmt.Sprintf("calendar event %d was changed by someone else: reload it and try again", id))
}

// duplicate names the clash of an entry with one of the same name starting on the same day
// (409 duplicate).
func duplicate(err error, e Event) error {
	return database.Translate(err, fmt.Sprintf("calendar event %s starting %s", e.Name, e.StartsOn))
}
