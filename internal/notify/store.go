package notify

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/storeops/storeops/internal/platform/paging"
)

type channelRow struct {
	ID         int64 `gorm:"primaryKey"`
	Name       string
	Kind       string
	StoreID    *int64
	Topics     string
	URL        string `gorm:"column:url"`
	Secret     string
	Recipients string
	Enabled    bool
	Version    int
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

func (channelRow) TableName() string { return "notify_channels" }

type deliveryRow struct {
	ID             int64 `gorm:"primaryKey"`
	MessageID      string
	ChannelID      int64
	ChannelName    string
	ChannelKind    string
	ChannelStoreID *int64
	Topic          string
	StoreID        *int64
	Status         string
	Attempts       int
	LastError      *string
	CreatedAt      time.Time
	UpdatedAt      time.Time
	DeliveredAt    *time.Time
}

func (deliveryRow) TableName() string { return "notify_deliveries" }

// Models lists the module's tables for the schema test.
func Models() []any { return []any{&channelRow{}, &deliveryRow{}} }

func split(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}

func toChannel(r channelRow) Channel {
	return Channel{ID: r.ID, Name: r.Name, Kind: r.Kind, StoreID: r.StoreID, Topics: split(r.Topics), URL: r.URL,
		Secret: r.Secret, Recipients: split(r.Recipients), Enabled: r.Enabled, Version: r.Version,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
}

func toChannelRow(c Channel) channelRow {
	return channelRow{ID: c.ID, Name: strings.TrimSpace(c.Name), Kind: c.Kind, StoreID: c.StoreID,
		Topics: strings.Join(c.Topics, ","), URL: c.URL, Secret: c.Secret, Recipients: strings.Join(c.Recipients, ","),
		Enabled: c.Enabled, Version: c.Version, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt}
}

// ChannelFilter narrows the channel list.
type ChannelFilter struct {
	StoreID   *int64 // with ChainWide false: that store's channels only
	ChainWide bool   // only chain-wide channels
	Kind      string
}

func findChannels(ctx context.Context, db *gorm.DB, f ChannelFilter, pg paging.Page) ([]channelRow, int64, error) {
	q := db.WithContext(ctx).Model(&channelRow{})
	switch {
	case f.ChainWide:
		q = q.Where("store_id IS NULL")
	case f.StoreID != nil:
		q = q.Where("store_id = ?", *f.StoreID)
	}
	if f.Kind != "" {
		q = q.Where("kind = ?", f.Kind)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []channelRow
	err := q.Order("id").Offset(pg.Offset()).Limit(pg.PageSize).Find(&rows).Error
	return rows, total, err
}

// candidates reads the enabled channels that may take a message about storeID: that store's
// and the chain-wide ones (the index on store_id serves both).
func candidates(ctx context.Context, db *gorm.DB, storeID *int64) ([]channelRow, error) {
	q := db.WithContext(ctx).Where("enabled = ?", true)
	if storeID != nil {
		q = q.Where("store_id IS NULL OR store_id = ?", *storeID)
	} else {
		q = q.Where("store_id IS NULL")
	}
	var rows []channelRow
	err := q.Order("id").Find(&rows).Error
	return rows, err
}

// deliveriesOf reads the delivery records of one message, by channel.
func deliveriesOf(ctx context.Context, db *gorm.DB, messageID string) (map[int64]deliveryRow, error) {
	var rows []deliveryRow
	if err := db.WithContext(ctx).Where("message_id = ?", messageID).Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make(map[int64]deliveryRow, len(rows))
	for _, r := range rows {
		out[r.ChannelID] = r
	}
	return out, nil
}

// begin records that an attempt to send the message to the channel starts: the row exists
// (pending) before the request leaves, so a crash mid-send is visible and retried.
func begin(ctx context.Context, db *gorm.DB, r deliveryRow) error {
	err := db.WithContext(ctx).Clauses(clause.OnConflict{DoNothing: true}).Create(&r).Error
	if err != nil {
		return err
	}
	return db.WithContext(ctx).Model(&deliveryRow{}).Where("message_id = ? AND channel_id = ? AND status <> ?",
		r.MessageID, r.ChannelID, StatusDelivered).
		Updates(map[string]any{"status": StatusPending, "updated_at": r.UpdatedAt}).Error
}

// finish records the outcome of an attempt.
func finish(ctx context.Context, db *gorm.DB, messageID string, channelID int64, set map[string]any) error {
	return db.WithContext(ctx).Model(&deliveryRow{}).Where("message_id = ? AND channel_id = ?", messageID, channelID).
		Updates(set).Error
}

// DeliveryFilter narrows the delivery list.
type DeliveryFilter struct {
	ChannelID *int64
	Status    string
	Topic     string
	// ChannelStoreID limits the list to the channels of one store (a store manager's view).
	ChannelStoreID *int64
}

func findDeliveries(ctx context.Context, db *gorm.DB, f DeliveryFilter, pg paging.Page) ([]deliveryRow, int64, error) {
	q := db.WithContext(ctx).Model(&deliveryRow{})
	if f.ChannelID != nil {
		q = q.Where("channel_id = ?", *f.ChannelID)
	}
	if f.ChannelStoreID != nil {
		q = q.Where("channel_store_id = ?", *f.ChannelStoreID)
	}
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	if f.Topic != "" {
		q = q.Where("topic = ?", f.Topic)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []deliveryRow
	err := q.Order("id DESC").Offset(pg.Offset()).Limit(pg.PageSize).Find(&rows).Error
	return rows, total, err
}

// gormExpr is a column expression in an update map.
func gormExpr(sql string) clause.Expr { return gorm.Expr(sql) }
