package calendar

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/forecast"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/paging"
	"github.com/storeops/storeops/internal/platform/patch"
)

// Service holds the calendar's use cases.
type Service struct {
	db    *gorm.DB
	audit *audit.Log
	now   func() time.Time
}

// NewService returns the calendar service.
func NewService(db *gorm.DB, log *audit.Log, now func() time.Time) *Service {
	return &Service{db: db, audit: log, now: now}
}

// Patch is a change to an entry; nil fields stay. Version is the one the caller read.
type Patch struct {
	Name     *string
	Kind     *string
	StartsOn *civil.Date
	EndsOn   *civil.Date
	Note     *string
	Version  int
}

// mayEdit reports whether p edits the chain's calendar: admins and HQ.
func mayEdit(p *authz.Principal) error {
	if !p.HasRole(authz.RoleAdmin, authz.RoleHQPromotions) {
		return apperr.ErrForbidden
	}
	return nil
}

// List answers the entries every signed-in user may read.
func (s *Service) List(ctx context.Context, p *authz.Principal, f Filter, pg paging.Page) ([]Event, int64, error) {
	if p == nil {
		return nil, 0, apperr.ErrUnauthenticated
	}
	return list(ctx, s.db, f, pg)
}

// Get answers one entry.
func (s *Service) Get(ctx context.Context, p *authz.Principal, id int64) (Event, error) {
	if p == nil {
		return Event{}, apperr.ErrUnauthenticated
	}
	return load(ctx, s.db, id)
}

// Create adds an entry; audited.
func (s *Service) Create(ctx context.Context, p *authz.Principal, e Event) (Event, error) {
	if err := mayEdit(p); err != nil {
		return Event{}, err
	}
	now := s.now()
	if err := Validate(e, civil.Of(now.UTC())); err != nil {
		return Event{}, err
	}
	e.CreatedAt, e.UpdatedAt = now, now
	var out Event
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		var err error
		if out, err = insert(ctx, tx, e); err != nil {
			return err
		}
		return s.audit.Write(ctx, tx, p, audit.Entry{Action: "calendar_event.create", EntityType: "calendar_event",
			EntityID: audit.ID(out.ID), After: ToJSON(out)})
	})
	return out, err
}

// Update changes an entry read at patch.Version; a stale version is 409. Audited.
func (s *Service) Update(ctx context.Context, p *authz.Principal, id int64, change Patch) (Event, error) {
	if err := mayEdit(p); err != nil {
		return Event{}, err
	}
	now := s.now()
	var after Event
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		before, err := load(ctx, tx, id)
		if err != nil {
			return err
		}
		next := before
		patch.Apply(&next.Name, change.Name)
		patch.Apply(&next.Kind, change.Kind)
		patch.Apply(&next.StartsOn, change.StartsOn)
		patch.Apply(&next.EndsOn, change.EndsOn)
		patch.Apply(&next.Note, change.Note)
		next.Version = change.Version
		if err := Validate(next, civil.Of(now.UTC())); err != nil {
			return err
		}
		changes := map[string]any{"name": next.Name, "kind": next.Kind, "starts_on": next.StartsOn, "ends_on": next.EndsOn, "note": next.Note}
		if err := database.UpdateVersioned(ctx, tx, &eventRow{}, id, next.Version, changes, fmt.Sprintf("calendar event %d", id), now); err != nil {
			return err
		}
		if after, err = load(ctx, tx, id); err != nil {
			return err
		}
		return s.audit.Write(ctx, tx, p, audit.Entry{Action: "calendar_event.update", EntityType: "calendar_event",
			EntityID: audit.ID(id), Before: ToJSON(before), After: ToJSON(after)})
	})
	return after, err
}

// Delete removes an entry read at version; a stale version is 409. Audited with what it was.
func (s *Service) Delete(ctx context.Context, p *authz.Principal, id int64, version int) error {
	if err := mayEdit(p); err != nil {
		return err
	}
	return database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		before, err := load(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := remove(ctx, tx, id, version); err != nil {
			return err
		}
		return s.audit.Write(ctx, tx, p, audit.Entry{Action: "calendar_event.delete", EntityType: "calendar_event",
			EntityID: audit.ID(id), Before: ToJSON(before)})
	})
}

// Seed adds entries that are not there yet (same name and first day), for the demo; it
// writes nothing when all exist. Two statements whatever the count: one read, one insert.
func (s *Service) Seed(ctx context.Context, events []Event) (int, error) {
	now := s.now()
	var rows []eventRow
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		type key struct {
			name string
			day  civil.Date
		}
		var have []eventRow
		if err := tx.WithContext(ctx).Select("name", "starts_on").Find(&have).Error; err != nil {
			return err
		}
		seen := make(map[key]bool, len(have))
		for _, r := range have {
			seen[key{r.Name, r.StartsOn}] = true
		}
		rows = rows[:0]
		for _, e := range events {
			if seen[key{e.Name, e.StartsOn}] {
				continue
			}
			if err := Validate(e, civil.Of(now.UTC())); err != nil {
				return fmt.Errorf("seed %s %s: %w", e.Name, e.StartsOn, err)
			}
			seen[key{e.Name, e.StartsOn}] = true
			r := eventRow(e)
			r.Version, r.CreatedAt, r.UpdatedAt = 1, now, now
			rows = append(rows, r)
		}
		if len(rows) == 0 {
			return nil
		}
		return tx.WithContext(ctx).CreateInBatches(rows, 500).Error
	})
	return len(rows), err
}

// ForecastCalendar answers every entry of the chain's calendar as the forecast's calendar
// (the ordering module fits and forecasts with it). The calendar is small: a few entries a year.
func (s *Service) ForecastCalendar(ctx context.Context) (forecast.Calendar, error) {
	var rows []eventRow
	if err := s.db.WithContext(ctx).Order("starts_on").Order("name").Find(&rows).Error; err != nil {
		return forecast.Calendar{}, err
	}
	events := make([]Event, len(rows))
	for i, r := range rows {
		events[i] = Event(r)
	}
	return ForForecast(events), nil
}
