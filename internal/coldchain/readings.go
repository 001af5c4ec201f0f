package coldchain

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/idempotency"
)

// LogResult is what a batch of readings did.
type LogResult struct {
	Received     int     `json:"received"`
	Saved        int     `json:"saved"`
	Duplicates   int     `json:"duplicates"`
	OutOfRange   int     `json:"out_of_range"`
	AlertsOpened []int64 `json:"alerts_opened"`
	AlertsClosed []int64 `json:"alerts_closed"`
	Replayed     bool    `json:"replayed"`
}

// reading is a checked reading ready to store.
type reading struct {
	eq                     *equipmentRow
	at                     time.Time
	celsius                Celsius
	out                    bool
	note                   string
	inspectionID, actionID *int64
}

// LogReadings stores readings of a store's equipment by hand (source manual) or from sensors
// (source sensor), all or nothing: one bad reading refuses the batch naming it. A reading
// already stored (same equipment, time and source) is counted as a duplicate and not stored
// again; an Idempotency-Key replays the first answer.
func (s *Service) LogReadings(ctx context.Context, p *authz.Principal, storeID int64, source string, rs []NewReading, key idempotency.Key) (LogResult, error) {
	if err := p.RequireStore(storeID); err != nil {
		return LogResult{}, err
	}
	if err := staff(p); err != nil {
		return LogResult{}, err
	}
	if source != SourceManual && source != SourceSensor {
		return LogResult{}, apperr.FieldErrors{"source": "must be manual or sensor"}
	}
	if err := CheckReadings(rs, s.now()); err != nil {
		return LogResult{}, err
	}
	eqs, err := s.batchEquipment(ctx, p, storeID, rs)
	if err != nil {
		return LogResult{}, err
	}
	prepared := make([]reading, len(rs))
	for i, r := range rs {
		eq := eqs[r.EquipmentID]
		prepared[i] = reading{eq: eq, at: r.RecordedAt.UTC().Truncate(time.Microsecond), celsius: r.Celsius,
			out: !InRange(r.Celsius, eq.MinCelsius, eq.MaxCelsius), note: r.Note}
	}
	var res LogResult
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		res = LogResult{}
		replayed, err := s.Keys.Claim(ctx, tx, key, &res)
		if err != nil || replayed {
			res.Replayed = replayed
			return err
		}
		if res, err = s.store(ctx, tx, p, storeID, source, prepared); err != nil {
			return err
		}
		return s.Keys.Save(ctx, tx, key, res)
	})
	return res, err
}

// batchEquipment reads the batch's equipment in one query: an id that is not active
// equipment of the store in p's scope is refused at the first reading naming it.
func (s *Service) batchEquipment(ctx context.Context, p *authz.Principal, storeID int64, rs []NewReading) (map[int64]*equipmentRow, error) {
	ids := map[int64]bool{}
	var list []int64
	for _, r := range rs {
		if !ids[r.EquipmentID] {
			ids[r.EquipmentID] = true
			list = append(list, r.EquipmentID)
		}
	}
	var rows []equipmentRow
	if err := s.db.WithContext(ctx).Where("store_id = ? AND id IN ?", storeID, list).Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make(map[int64]*equipmentRow, len(rows))
	for i := range rows {
		if rows[i].Active && p.CanSeeDepartment(storeID, rows[i].DepartmentCode) {
			out[rows[i].ID] = &rows[i]
		}
	}
	for i, r := range rs {
		if out[r.EquipmentID] == nil {
			return nil, apperr.FieldErrors{fmt.Sprintf("readings[%d].equipment_id", i): "is not active equipment of this store"}
		}
	}
	return out, nil
}

type logKey struct {
	equipmentID int64
	micros      int64
}

// store writes the new readings of a batch with one bulk insert and runs them over their
// equipment's alerts.
func (s *Service) store(ctx context.Context, tx *gorm.DB, p *authz.Principal, storeID int64, source string, rs []reading) (LogResult, error) {
	res := LogResult{Received: len(rs), AlertsOpened: []int64{}, AlertsClosed: []int64{}}
	seen, err := s.stored(ctx, tx, source, rs)
	if err != nil {
		return res, err
	}
	fresh := rs[:0:0]
	for _, r := range rs {
		k := logKey{r.eq.ID, r.at.UnixMicro()}
		if seen[k] {
			res.Duplicates++
			continue
		}
		seen[k] = true
		if r.out {
			res.OutOfRange++
		}
		fresh = append(fresh, r)
	}
	now := s.now()
	by := p.ActorID()
	err = logBulk.Insert(ctx, tx, len(fresh), func(i int, a []any) []any {
		r := fresh[i]
		return append(a, r.eq.ID, storeID, r.at, source, r.celsius, r.out, r.note, by, now)
	})
	if err != nil {
		return res, database.Translate(err, "temperature reading")
	}
	res.Saved = len(fresh)
	return res, s.runAlerts(ctx, tx, p, fresh, &res)
}

// stored answers the natural keys of the batch already stored, read over the batch's time
// span only.
func (s *Service) stored(ctx context.Context, tx *gorm.DB, source string, rs []reading) (map[logKey]bool, error) {
	var ids []int64
	has := map[int64]bool{}
	from, to := rs[0].at, rs[0].at
	for _, r := range rs {
		if !has[r.eq.ID] {
			has[r.eq.ID] = true
			ids = append(ids, r.eq.ID)
		}
		from, to = minTime(from, r.at), maxTime(to, r.at)
	}
	var rows []struct {
		EquipmentID int64
		RecordedAt  time.Time
	}
	err := tx.WithContext(ctx).Model(&logRow{}).Select("equipment_id, recorded_at").
		Where("equipment_id IN ? AND recorded_at BETWEEN ? AND ? AND source = ?", ids, from, to, source).Scan(&rows).Error
	out := make(map[logKey]bool, len(rows)+len(rs))
	for _, r := range rows {
		out[logKey{r.EquipmentID, r.RecordedAt.UnixMicro()}] = true
	}
	return out, err
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
