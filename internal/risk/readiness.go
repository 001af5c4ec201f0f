package risk

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
)

// chainToday is today's date in the chain's zone (China Standard Time).
func (s *Service) chainToday() civil.Date {
	return civil.Today(s.now(), chainZone)
}

// CreateEvent creates a readiness event (admins and HQ quality): it snapshots the chosen
// risks' measures as the event's items and gives every active store its checklist.
func (s *Service) CreateEvent(ctx context.Context, p *authz.Principal, n NewEvent) (Event, error) {
	if !editsRegister(p) {
		return Event{}, forbidden("only admins and HQ quality create readiness events")
	}
	if err := n.Validate(s.chainToday()); err != nil {
		return Event{}, err
	}
	risks, err := risksByID(ctx, s.db, n.RiskIDs)
	if err != nil {
		return Event{}, err
	}
	for i, id := range n.RiskIDs {
		if r, ok := risks[id]; !ok || !r.Active {
			return Event{}, apperr.Field(fmt.Sprintf("risk_ids[%d]", i), "is not an active risk of the register")
		}
	}
	stores, err := s.Org.ActiveStoreIDs(ctx)
	if err != nil {
		return Event{}, err
	}
	ev := eventRow{Name: n.Name, EventDate: n.Date, RiskIDs: idsJSON(n.RiskIDs), CreatedBy: p.ActorID(),
		CreatedByName: p.Username, CreatedAt: s.now()}
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		if err := tx.Create(&ev).Error; err != nil {
			return err
		}
		var items []eventItemRow
		seen := map[int64]bool{}
		for _, id := range n.RiskIDs {
			if seen[id] {
				continue
			}
			seen[id] = true
			for _, m := range toRisk(risks[id]).Measures {
				items = append(items, eventItemRow{EventID: ev.ID, RiskID: id, Seq: len(items) + 1, Title: m.Zh, TitleEn: m.En})
			}
		}
		if err := tx.Create(&items).Error; err != nil {
			return err
		}
		if _, err := generate(ctx, tx, ev.ID, stores); err != nil {
			return err
		}
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "readiness.create", EntityType: "readiness_event",
			EntityID: audit.ID(ev.ID), After: map[string]any{"name": ev.Name, "event_date": ev.EventDate,
				"risk_ids": n.RiskIDs, "items": len(items), "stores": len(stores)}})
	})
	if err != nil {
		return Event{}, err
	}
	return s.GetEvent(ctx, p, ev.ID)
}

// Generate gives every active store that lacks them the checklist lines of event id (a
// store opened after the event was created); it answers how many lines it added.
func (s *Service) Generate(ctx context.Context, p *authz.Principal, id int64) (int64, error) {
	if !editsRegister(p) {
		return 0, forbidden("only admins and HQ quality generate readiness checklists")
	}
	if _, err := s.loadEvent(ctx, id); err != nil {
		return 0, err
	}
	stores, err := s.Org.ActiveStoreIDs(ctx)
	if err != nil {
		return 0, err
	}
	var added int64
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		added, err = generate(ctx, tx, id, stores)
		return err
	})
	return added, err
}

func (s *Service) loadEvent(ctx context.Context, id int64) (eventRow, error) {
	var ev eventRow
	err := s.db.WithContext(ctx).Where("id = ?", id).Take(&ev).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return ev, apperr.New(apperr.ErrNotFound, "not_found", fmt.Sprintf("readiness event %d not found", id))
	}
	return ev, err
}

// maxEvents bounds the readiness events one list answers.
const maxEvents = 200

// ListEvents answers the readiness events, latest event date first, with their chain-wide
// completion (HQ and admins).
func (s *Service) ListEvents(ctx context.Context, p *authz.Principal) ([]Event, error) {
	if !p.SeesAllStores() {
		return nil, forbidden("the readiness overview is head office's")
	}
	var rows []eventRow
	if err := s.db.WithContext(ctx).Order("event_date DESC, id DESC").Limit(maxEvents).Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Event, len(rows))
	for i, r := range rows {
		out[i] = toEvent(r)
	}
	if len(rows) == 0 {
		return out, nil
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ID
	}
	var sums []struct {
		EventID     int64
		Done, Total int
	}
	err := s.db.WithContext(ctx).Model(&itemRow{}).Select("event_id, COUNT(done_at) AS done, COUNT(*) AS total").
		Where("event_id IN ?", ids).Group("event_id").Scan(&sums).Error
	by := map[int64]StoreCompletion{}
	for _, x := range sums {
		by[x.EventID] = StoreCompletion{Done: x.Done, Total: x.Total}
	}
	for i := range out {
		out[i].Stores = []StoreCompletion{by[out[i].ID]}
	}
	return out, err
}

func toEvent(r eventRow) Event {
	return Event{ID: r.ID, Name: r.Name, Date: r.EventDate, RiskIDs: parseIDs(r.RiskIDs), CreatedByName: r.CreatedByName,
		CreatedAt: r.CreatedAt}
}

// GetEvent answers an event with its completion per store (HQ and admins).
func (s *Service) GetEvent(ctx context.Context, p *authz.Principal, id int64) (Event, error) {
	if !p.SeesAllStores() {
		return Event{}, forbidden("the readiness overview is head office's")
	}
	r, err := s.loadEvent(ctx, id)
	if err != nil {
		return Event{}, err
	}
	ev := toEvent(r)
	var items int64
	if err := s.db.WithContext(ctx).Model(&eventItemRow{}).Where("event_id = ?", id).Count(&items).Error; err != nil {
		return Event{}, err
	}
	ev.Items = int(items)
	if ev.Stores, err = completion(ctx, s.db, id); err != nil {
		return Event{}, err
	}
	ids := make([]int64, len(ev.Stores))
	for i, c := range ev.Stores {
		ids[i] = c.StoreID
	}
	stores, err := s.Org.StoresByID(ctx, ids)
	for i, c := range ev.Stores {
		ev.Stores[i].StoreName = stores[c.StoreID].Name
	}
	return ev, err
}

// StoreChecklist is one event's checklist of one store.
type StoreChecklist struct {
	Event Event
	Items []ReadinessItem
}

// upcomingDays: a store's checklist lists events from this many days ago on.
const upcomingDays = 14

// StoreReadiness answers the store's checklists of events from two weeks ago on, soonest
// first.
func (s *Service) StoreReadiness(ctx context.Context, p *authz.Principal, storeID int64) ([]StoreChecklist, error) {
	if err := p.RequireStore(storeID); err != nil {
		return nil, err
	}
	var evs []eventRow
	err := s.db.WithContext(ctx).Where("event_date >= ?", s.chainToday().AddDays(-upcomingDays)).
		Order("event_date, id").Limit(20).Find(&evs).Error
	if err != nil || len(evs) == 0 {
		return []StoreChecklist{}, err
	}
	ids := make([]int64, len(evs))
	for i, e := range evs {
		ids[i] = e.ID
	}
	var rows []struct {
		ID, EventID, StoreID, RiskID int64
		DoneAt                       *time.Time
		DoneByName, Note             string
		Seq                          int
		Title, TitleEn               string
	}
	err = s.db.WithContext(ctx).Table("readiness_items").
		Select("readiness_items.id, readiness_items.event_id, readiness_items.store_id, readiness_items.done_at, "+
			"readiness_items.done_by_name, readiness_items.note, e.risk_id, e.seq, e.title, e.title_en").
		Joins("JOIN readiness_event_items e ON e.id = readiness_items.item_id").
		Where("readiness_items.store_id = ? AND readiness_items.event_id IN ?", storeID, ids).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	by := map[int64][]ReadinessItem{}
	for _, r := range rows {
		by[r.EventID] = append(by[r.EventID], ReadinessItem{ID: r.ID, EventID: r.EventID, StoreID: r.StoreID, RiskID: r.RiskID,
			Seq: r.Seq, Title: r.Title, TitleEn: r.TitleEn, DoneAt: r.DoneAt, DoneByName: r.DoneByName, Note: r.Note})
	}
	out := []StoreChecklist{}
	for _, e := range evs {
		items := by[e.ID]
		if len(items) == 0 {
			continue
		}
		sort.Slice(items, func(i, j int) bool { return items[i].Seq < items[j].Seq })
		ev := toEvent(e)
		done := 0
		for _, it := range items {
			if it.DoneAt != nil {
				done++
			}
		}
		ev.Items = len(items)
		ev.Stores = []StoreCompletion{{StoreID: storeID, Done: done, Total: len(items)}}
		out = append(out, StoreChecklist{Event: ev, Items: items})
	}
	return out, nil
}

// CompleteItem ticks one line of a store's checklist; ticking it twice is a conflict.
func (s *Service) CompleteItem(ctx context.Context, p *authz.Principal, id int64, note string) (ReadinessItem, error) {
	var r itemRow
	err := s.db.WithContext(ctx).Where("id = ?", id).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) || (err == nil && !p.CanSeeStore(r.StoreID)) {
		return ReadinessItem{}, apperr.New(apperr.ErrNotFound, "not_found", fmt.Sprintf("readiness item %d not found", id))
	} else if err != nil {
		return ReadinessItem{}, err
	}
	if !handles(p) {
		return ReadinessItem{}, forbidden("only the store's staff tick readiness items")
	}
	note = strings.TrimSpace(note)
	if utf8.RuneCountInString(note) > 500 {
		return ReadinessItem{}, apperr.Field("note", "at most 500 characters")
	}
	now := s.now()
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		res := tx.Model(&itemRow{}).Where("id = ? AND done_at IS NULL", id).
			Updates(map[string]any{"done_at": now, "done_by": p.ActorID(), "done_by_name": p.Username, "note": note})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return apperr.New(apperr.ErrConflict, "already_done", "the item is already ticked")
		}
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "readiness.complete", EntityType: "readiness_item",
			EntityID: audit.ID(id), StoreID: &r.StoreID, After: map[string]any{"note": note}})
	})
	r.DoneAt, r.DoneBy, r.DoneByName, r.Note = &now, p.ActorID(), p.Username, note
	return ReadinessItem{ID: r.ID, EventID: r.EventID, StoreID: r.StoreID, DoneAt: r.DoneAt, DoneByName: r.DoneByName, Note: r.Note}, err
}

// chainZone is the zone of chain-wide dates: China Standard Time, where the chain is.
var chainZone = time.FixedZone("UTC+8", 8*3600)
