package jobs

import (
	"context"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"github.com/storeops/storeops/internal/platform/database"
)

// leaseRow is the job_leases table: one row per job name, shared by every replica.
type leaseRow struct {
	Name           string `gorm:"primaryKey"`
	Holder         *string
	LeaseUntil     *time.Time
	NextRunAt      time.Time
	LastStartedAt  *time.Time
	LastFinishedAt *time.Time
	LastOKAt       *time.Time `gorm:"column:last_ok_at"`
	LastError      *string
	Runs           int64
	Failures       int64
}

func (leaseRow) TableName() string { return "job_leases" }

// Models lists the rows of this package for the schema test.
func Models() []any { return []any{&leaseRow{}} }

// due reports whether the row may be taken at now: its slot has come and no live lease holds it.
func (l leaseRow) due(now time.Time) bool {
	return !l.NextRunAt.After(now) && (l.LeaseUntil == nil || l.LeaseUntil.Before(now))
}

// ensureRow inserts the job's row, due at now, unless it exists. Replicas starting together
// race here: the loser's insert does nothing (or, on Galera, fails certification and is
// run again by database.Tx, then does nothing).
func (r *Runner) ensureRow(ctx context.Context, name string, now time.Time) error {
	return database.Tx(ctx, r.db, func(tx *gorm.DB) error {
		return tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&leaseRow{Name: name, NextRunAt: now}).Error
	})
}

// rows reads the lease rows of names.
func (r *Runner) rows(ctx context.Context, names []string) ([]leaseRow, error) {
	var out []leaseRow
	err := r.db.WithContext(ctx).Where("name IN ?", names).Order("name").Find(&out).Error
	return out, err
}

// take tries to lease the job until `until`. The conditional UPDATE commits in its own
// transaction before the job runs; only a replica whose UPDATE changed the row and
// committed runs the job. It answers the slot the run is for.
func (r *Runner) take(ctx context.Context, name string, now, until time.Time) (scheduled time.Time, won bool, err error) {
	err = database.Tx(ctx, r.db, func(tx *gorm.DB) error {
		won = false
		res := tx.Exec(`UPDATE job_leases SET holder = ?, lease_until = ?, last_started_at = ?, runs = runs + 1
			WHERE name = ? AND next_run_at <= ? AND (lease_until IS NULL OR lease_until < ?)`,
			r.opts.Identity, until, now, name, now, now)
		if res.Error != nil || res.RowsAffected != 1 {
			return res.Error
		}
		var row leaseRow
		if err := tx.Where("name = ?", name).Take(&row).Error; err != nil {
			return err
		}
		scheduled, won = row.NextRunAt, true
		return nil
	})
	if err != nil {
		return time.Time{}, false, err
	}
	return scheduled, won, nil
}

// outcome is what one run left to record.
type outcome struct {
	next     time.Time // next_run_at
	finished time.Time
	err      error
}

// finish records a run and releases the lease, if this replica still holds it: a lease that
// expired and was taken over belongs to the new holder, whose record wins.
func (r *Runner) finish(ctx context.Context, name string, o outcome) (held bool, err error) {
	var okAt *time.Time
	var lastErr *string
	failed := 0
	if o.err == nil {
		okAt = &o.finished
	} else {
		msg := o.err.Error()
		if len(msg) > 2000 {
			msg = msg[:2000]
		}
		lastErr, failed = &msg, 1
	}
	err = database.Tx(ctx, r.db, func(tx *gorm.DB) error {
		res := tx.Exec(`UPDATE job_leases SET holder = NULL, lease_until = NULL, next_run_at = ?,
			last_finished_at = ?, last_ok_at = COALESCE(?, last_ok_at), last_error = ?, failures = failures + ?
			WHERE name = ? AND holder = ?`,
			o.next, o.finished, okAt, lastErr, failed, name, r.opts.Identity)
		held = res.RowsAffected == 1
		return res.Error
	})
	return held, err
}
