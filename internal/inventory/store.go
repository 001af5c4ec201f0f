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
	StoreID    int64 `gorm:"primaryKey;autoIncrement:false"`
	ProductID  int64 `gorm:"primaryKey;autoIncrement:false"`
	OnHand     fixed.Qty
	Sold28     fixed.Qty   `gorm:"column:sold_28"`
	NextExpiry *civil.Date // earliest expiry of a lot still holding stock
	UpdatedAt  time.Time
}

func (balanceRow) TableName() string { return "stock_balances" }

type movementRow struct {
	ID           int64 `gorm:"primaryKey"`
	StoreID      int64
	Seq          int64 // the store's sequence: the order movements happened in
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

// lockRow is one store's stock lock: N changes every time the lock is taken (so a
// multi-primary cluster's certification sees two nodes taking it), Seq is the last movement
// sequence number handed out, CoverAsOf the day the days-of-cover rollup was slid to.
type lockRow struct {
	StoreID   int64 `gorm:"primaryKey;autoIncrement:false"`
	N         int64
	Seq       int64
	CoverAsOf *civil.Date
}

func (lockRow) TableName() string { return "stock_locks" }

// Models lists the rows of this module for the schema test.
func Models() []any { return []any{&balanceRow{}, &movementRow{}, &lotRow{}, &lockRow{}} }

// takeLock takes the store's stock lock until tx ends and reserves n sequence numbers; it
// answers the lock row as it is afterwards. The row really changes (n = n + 1), which takes
// the row lock on MySQL and is a write a Galera cluster certifies.
func takeLock(ctx context.Context, tx *gorm.DB, storeID int64, n int) (lockRow, error) {
	q := "INSERT INTO stock_locks (store_id, n, seq) VALUES (?, 1, ?) " +
		"ON CONFLICT (store_id) DO UPDATE SET n = stock_locks.n + 1, seq = stock_locks.seq + excluded.seq"
	if database.Dialect(tx) == database.MySQL {
		q = "INSERT INTO stock_locks (store_id, n, seq) VALUES (?, 1, ?) " +
			"ON DUPLICATE KEY UPDATE n = n + 1, seq = seq + VALUES(seq)"
	}
	if err := tx.WithContext(ctx).Exec(q, storeID, n).Error; err != nil {
		return lockRow{}, err
	}
	var r lockRow
	err := tx.WithContext(ctx).Where("store_id = ?", storeID).Take(&r).Error
	return r, err
}

func setCoverAsOf(ctx context.Context, tx *gorm.DB, storeID int64, asOf civil.Date) error {
	return tx.WithContext(ctx).Model(&lockRow{}).Where("store_id = ?", storeID).Update("cover_as_of", asOf).Error
}

var movementBulk = database.Bulk{Table: "inventory_movements",
	Columns: []string{"store_id", "seq", "product_id", "business_date", "kind", "qty", "ref_type", "ref_id", "actor_id", "created_at"}}

var balanceBulk = database.Bulk{Table: "stock_balances",
	Columns: []string{"store_id", "product_id", "on_hand", "sold_28", "next_expiry", "updated_at"},
	Upsert:  []string{"store_id", "product_id"}, Update: []string{"on_hand", "sold_28", "next_expiry", "updated_at"}}

// soldBulk adds to the days-of-cover rollup of balances.
var soldBulk = database.Bulk{Table: "stock_balances",
	Columns: []string{"store_id", "product_id", "on_hand", "sold_28", "updated_at"},
	Upsert:  []string{"store_id", "product_id"}, Update: []string{"sold_28"}, Increment: true}

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

func loadBalances(ctx context.Context, db *gorm.DB, storeID int64, ids []int64) (map[int64]balanceRow, error) {
	out := make(map[int64]balanceRow, len(ids))
	err := chunks(ids, 500, func(part []int64) error {
		var rows []balanceRow
		if err := db.WithContext(ctx).Where("store_id = ? AND product_id IN ?", storeID, part).Find(&rows).Error; err != nil {
			return err
		}
		for _, r := range rows {
			out[r.ProductID] = r
		}
		return nil
	})
	return out, err
}

// loadOpenLots returns each product's lots that still hold stock, FEFO-sorted.
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
