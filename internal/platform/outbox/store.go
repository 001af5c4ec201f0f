package outbox

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/paging"
)

// messageRow is the outbox_messages table.
type messageRow struct {
	ID                int64 `gorm:"primaryKey"`
	MessageID         string
	Topic             string
	StoreID           *int64
	DedupKey          *string
	PayloadJSON       string `gorm:"column:payload_json"`
	Status            string
	Attempts          int
	NextAttemptAt     time.Time
	ClaimedBy         *string
	ClaimedUntil      *time.Time
	DeliveredChannels string
	LastError         *string
	CreatedAt         time.Time
	DeliveredAt       *time.Time
}

func (messageRow) TableName() string { return "outbox_messages" }

// Models lists the rows of this package for the schema test.
func Models() []any { return []any{&messageRow{}} }

// insert adds r inside tx and answers its message id, or the id of the message that already
// has r's topic and key.
func insert(ctx context.Context, tx *gorm.DB, r *messageRow) (string, error) {
	if r.DedupKey == nil {
		return r.MessageID, tx.WithContext(ctx).Create(r).Error
	}
	// Rows affected cannot tell an insert from a no-op here (GORM's Create with ON DUPLICATE
	// KEY UPDATE id = id reports 1 for both on MariaDB), so read back who holds the key.
	if err := tx.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(r).Error; err != nil {
		return "", err
	}
	var existing messageRow
	err := tx.WithContext(ctx).Select("message_id").Where("topic = ? AND dedup_key = ?", r.Topic, *r.DedupKey).
		Take(&existing).Error
	return existing.MessageID, err
}

// due answers the ids of up to limit messages whose attempt is due and that nobody holds.
func (s *Service) due(ctx context.Context, now time.Time, limit int) ([]int64, error) {
	var ids []int64
	err := s.db.WithContext(ctx).Model(&messageRow{}).
		Where("status = ? AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)", StatusPending, now, now).
		Order("next_attempt_at, id").Limit(limit).Pluck("id", &ids).Error
	return ids, err
}

// claim makes the message this worker's until `until` with one conditional UPDATE, committed
// before delivery: of several workers (or Galera nodes) only one changes the row and commits.
func (s *Service) claim(ctx context.Context, id int64, token string, now, until time.Time) (messageRow, bool, error) {
	var row messageRow
	won := false
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		won = false
		res := tx.Exec(`UPDATE outbox_messages SET claimed_by = ?, claimed_until = ?
			WHERE id = ? AND status = ? AND next_attempt_at <= ? AND (claimed_until IS NULL OR claimed_until < ?)`,
			token, until, id, StatusPending, now, now)
		if res.Error != nil || res.RowsAffected != 1 {
			return res.Error
		}
		won = true
		return tx.Where("id = ?", id).Take(&row).Error
	})
	if err != nil {
		return messageRow{}, false, err
	}
	return row, won, nil
}

// record writes the outcome of an attempt and releases the claim, if this worker still holds
// it: a claim that expired and was taken by another worker belongs to that worker.
func (s *Service) record(ctx context.Context, id int64, token string, set map[string]any) (bool, error) {
	set["claimed_by"], set["claimed_until"] = nil, nil
	held := false
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		res := tx.Model(&messageRow{}).Where("id = ? AND claimed_by = ?", id, token).Updates(set)
		held = res.RowsAffected == 1
		return res.Error
	})
	return held, err
}

// find lists messages, newest first, optionally of one status.
func (s *Service) find(ctx context.Context, status string, pg paging.Page) ([]messageRow, int64, error) {
	q := s.db.WithContext(ctx).Model(&messageRow{})
	if status != "" {
		q = q.Where("status = ?", status)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []messageRow
	err := q.Order("id DESC").Offset(pg.Offset()).Limit(pg.PageSize).Find(&rows).Error
	return rows, total, err
}
