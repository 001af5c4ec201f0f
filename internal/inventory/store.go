package inventory

import (
	"context"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/fixed"
)

type balanceRow struct {
	StoreID   int64 `gorm:"primaryKey;autoIncrement:false"`
	ProductID int64 `gorm:"primaryKey;autoIncrement:false"`
	OnHand    fixed.Qty
	UpdatedAt time.Time
}

func (balanceRow) TableName() string { return "stock_balances" }

type movementRow struct {
	ID           int64 `gorm:"primaryKey"`
	StoreID      int64
	ProductID    int64
	BusinessDate civil.Date
	Kind         string
	Qty          fixed.Qty
	RefType      string
	RefID        string
	ActorID      *int64
	CreatedAt    time.Time
}

func (movementRow) TableName() string { return "inventory_movements" }

type lotRow struct {
	ID           int64 `gorm:"primaryKey"`
	StoreID      int64
	ProductID    int64
	ReceivedDate civil.Date
	ExpiryDate   civil.Date
	QtyReceived  fixed.Qty
	QtyRemaining fixed.Qty
	UnitCost     fixed.Money
	RefID        string
	CreatedAt    time.Time
}

func (lotRow) TableName() string { return "stock_lots" }

type lockRow struct {
	StoreID int64 `gorm:"primaryKey;autoIncrement:false"`
	N       int64
}

func (lockRow) TableName() string { return "stock_locks" }

// Models lists the rows of this module for the schema test.
func Models() []any { return []any{&balanceRow{}, &movementRow{}, &lotRow{}, &lockRow{}} }

// LockStore serialises stock changes of one store until tx ends: two feeds of the same
// store's sales then apply one after the other and the second sees the first's lines. The
// no-op update still takes the row lock on MySQL, and writes nothing that could change.
func LockStore(ctx context.Context, tx *gorm.DB, storeID int64) error {
	q := "INSERT INTO stock_locks (store_id, n) VALUES (?, 1) ON CONFLICT (store_id) DO UPDATE SET n = stock_locks.n"
	if database.Dialect(tx) == database.MySQL {
		q = "INSERT INTO stock_locks (store_id, n) VALUES (?, 1) ON DUPLICATE KEY UPDATE n = n"
	}
	return tx.WithContext(ctx).Exec(q, storeID).Error
}

var movementBulk = database.Bulk{Table: "inventory_movements",
	Columns: []string{"store_id", "product_id", "business_date", "kind", "qty", "ref_type", "ref_id", "actor_id", "created_at"}}

var balanceBulk = database.Bulk{Table: "stock_balances", Columns: []string{"store_id", "product_id", "on_hand", "updated_at"},
	Upsert: []string{"store_id", "product_id"}, Update: []string{"on_hand", "updated_at"}}

var lotBulk = database.Bulk{Table: "stock_lots", Columns: []string{"store_id", "product_id", "received_date",
	"expiry_date", "qty_received", "qty_remaining", "unit_cost", "ref_id", "created_at"}}

// chunks calls fn with slices of at most n ids.
func chunks(ids []int64, n int, fn func([]int64) error) error {
	for len(ids) > 0 {
		k := min(n, len(ids))
		if err := fn(ids[:k]); err != nil {
			return err
		}
		ids = ids[k:]
	}
	return nil
}

func loadBalances(ctx context.Context, db *gorm.DB, storeID int64, ids []int64) (map[int64]fixed.Qty, error) {
	out := make(map[int64]fixed.Qty, len(ids))
	err := chunks(ids, 500, func(part []int64) error {
		var rows []balanceRow
		if err := db.WithContext(ctx).Where("store_id = ? AND product_id IN ?", storeID, part).Find(&rows).Error; err != nil {
			return err
		}
		for _, r := range rows {
			out[r.ProductID] = r.OnHand
		}
		return nil
	})
	return out, err
}

// loadOpenLots returns each product's lots that still hold stock, plus its latest lot (for
// stock given back), FEFO-sorted.
func loadOpenLots(ctx context.Context, db *gorm.DB, storeID int64, ids []int64) (map[int64][]lotRow, error) {
	out := make(map[int64][]lotRow, len(ids))
	err := chunks(ids, 500, func(part []int64) error {
		var rows []lotRow
		err := db.WithContext(ctx).Where("store_id = ? AND product_id IN ? AND qty_remaining > 0", storeID, part).
			Order("product_id, expiry_date, id").Find(&rows).Error
		for _, r := range rows {
			out[r.ProductID] = append(out[r.ProductID], r)
		}
		return err
	})
	return out, err
}

// updateLots writes the remaining quantities of changed lots, 200 per statement.
func updateLots(ctx context.Context, tx *gorm.DB, lots []lotRow) error {
	for len(lots) > 0 {
		k := min(200, len(lots))
		part := lots[:k]
		lots = lots[k:]
		var sb []byte
		args := make([]any, 0, 4*k+k)
		sb = append(sb, "UPDATE stock_lots SET qty_remaining = CASE id"...)
		for _, l := range part {
			sb = append(sb, " WHEN ? THEN ?"...)
			args = append(args, l.ID, l.QtyRemaining)
		}
		sb = append(sb, " END, qty_received = CASE id"...)
		for _, l := range part {
			sb = append(sb, " WHEN ? THEN ?"...)
			args = append(args, l.ID, l.QtyReceived)
		}
		sb = append(sb, " END WHERE id IN ?"...)
		ids := make([]int64, len(part))
		for i, l := range part {
			ids[i] = l.ID
		}
		args = append(args, ids)
		if err := tx.WithContext(ctx).Exec(string(sb), args...).Error; err != nil {
			return err
		}
	}
	return nil
}
