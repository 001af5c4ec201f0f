package delegation

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/paging"
)

// Rows of this module's tables. Only this file touches them.
type delegationRow struct {
	ID           int64 `gorm:"primaryKey"`
	StoreID      int64
	DeputyUserID int64
	StartsAt     time.Time
	EndsAt       time.Time
	Note         string
	CreatedBy    *int64
	CreatedAt    time.Time
	RevokedAt    *time.Time
	RevokedBy    *int64
	RevokeReason string
}

func (delegationRow) TableName() string { return "delegations" }

type lockRow struct {
	StoreID int64 `gorm:"primaryKey;autoIncrement:false"`
	N       int64
}

func (lockRow) TableName() string { return "delegation_locks" }

// Models lists the rows of this module for the schema test.
func Models() []any { return []any{&delegationRow{}, &lockRow{}} }

func toDelegation(r delegationRow) Delegation { return Delegation(r) }

func fromDelegation(d Delegation) delegationRow { return delegationRow(d) }

// lockStore takes the store's delegation lock until tx ends, so that two managers naming
// deputies of one store at once check overlaps one after the other.
func lockStore(ctx context.Context, tx *gorm.DB, storeID int64) error {
	q := "INSERT INTO delegation_locks (store_id, n) VALUES (?, 1) ON CONFLICT (store_id) DO UPDATE SET n = delegation_locks.n"
	if database.Dialect(tx) == database.MySQL {
		q = "INSERT INTO delegation_locks (store_id, n) VALUES (?, 1) ON DUPLICATE KEY UPDATE n = n"
	}
	return tx.WithContext(ctx).Exec(q, storeID).Error
}

// notRevokedBy matches delegations not revoked at or before t.
const notRevokedBy = "(revoked_at IS NULL OR revoked_at > ?)"

// overlapping answers a delegation of the store that shares an instant with [from, to),
// counting each until it ended or was revoked.
func overlapping(ctx context.Context, db *gorm.DB, storeID int64, from, to time.Time) ([]Delegation, error) {
	var rows []delegationRow
	err := db.WithContext(ctx).Where("store_id = ? AND starts_at < ? AND ends_at > ?", storeID, to, from).
		Where(notRevokedBy, from).Order("starts_at").Limit(1).Find(&rows).Error
	out := make([]Delegation, len(rows))
	for i, r := range rows {
		out[i] = toDelegation(r)
	}
	return out, err
}

// activeAt answers the store's delegation active at t, if any.
func activeAt(ctx context.Context, db *gorm.DB, storeID int64, t time.Time) (Delegation, bool, error) {
	var rows []delegationRow
	err := db.WithContext(ctx).Where("store_id = ? AND starts_at <= ? AND ends_at > ?", storeID, t, t).
		Where(notRevokedBy, t).Order("starts_at DESC, id DESC").Limit(1).Find(&rows).Error
	if err != nil || len(rows) == 0 {
		return Delegation{}, false, err
	}
	return toDelegation(rows[0]), true, nil
}

// findStore answers one page of a store's delegations: the open ones (active or scheduled)
// first, soonest first, then the ended and revoked ones, latest first.
func findStore(ctx context.Context, db *gorm.DB, storeID int64, now time.Time, pg paging.Page) ([]Delegation, int64, error) {
	q := db.WithContext(ctx).Model(&delegationRow{}).Where("store_id = ?", storeID)
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	open := "ends_at > ? AND (revoked_at IS NULL OR revoked_at > ?)"
	order := clause.OrderBy{Expression: clause.Expr{
		SQL:                "CASE WHEN " + open + " THEN 0 ELSE 1 END, CASE WHEN " + open + " THEN starts_at END, starts_at DESC, id DESC",
		Vars:               []any{now, now, now, now},
		WithoutParentheses: true,
	}}
	var rows []delegationRow
	if err := q.Order(order).Offset(pg.Offset()).Limit(pg.PageSize).Find(&rows).Error; err != nil {
		return nil, 0, err
	}
	out := make([]Delegation, len(rows))
	for i, r := range rows {
		out[i] = toDelegation(r)
	}
	return out, total, nil
}

func loadDelegation(ctx context.Context, db *gorm.DB, id int64) (Delegation, error) {
	var r delegationRow
	err := db.WithContext(ctx).Where("id = ?", id).Take(&r).Error
	return toDelegation(r), database.Translate(err, fmt.Sprintf("delegation %d", id))
}

// revoke stamps an open delegation as revoked at now; a delegation that ended or was
// revoked meanwhile is left alone and reported by false.
func revoke(ctx context.Context, tx *gorm.DB, id int64, now time.Time, by *int64, reason string) (bool, error) {
	res := tx.WithContext(ctx).Model(&delegationRow{}).Where("id = ? AND ends_at > ?", id, now).Where(notRevokedBy, now).
		Updates(map[string]any{"revoked_at": now, "revoked_by": by, "revoke_reason": reason})
	return res.RowsAffected == 1, res.Error
}
