package attachments

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
)

// DefaultUnlinkedTTL is how long an upload may wait to be linked before SweepUnlinked
// removes it: a form abandoned half-way leaves photos behind, and nobody but their uploader
// could ever see them.
const DefaultUnlinkedTTL = 24 * time.Hour

// sweepBatch is how many rows one query of SweepUnlinked reads.
const sweepBatch = 100

// sweeper is the caller recorded in the audit log for swept uploads.
var sweeper = authz.System("attachments-sweep")

// SweepUnlinked deletes the rows and files of attachments never linked and created more
// than olderThan ago, and answers how many it deleted. Each row is deleted in its own
// transaction, with an audit entry, only if it is still unlinked then, so an upload linked
// while the sweep runs is kept; its files are deleted after the row is gone, so a row never
// points at a missing file. A file that cannot be deleted is reported in the error after
// the sweep went on with the rest. It is meant to run periodically (for example hourly with
// DefaultUnlinkedTTL); several instances may run at once.
func (s *Service) SweepUnlinked(ctx context.Context, olderThan time.Duration) (int, error) {
	if olderThan <= 0 {
		return 0, fmt.Errorf("attachments: sweep: olderThan must be positive, got %s", olderThan)
	}
	cutoff := s.now().UTC().Add(-olderThan)
	deleted := 0
	var fileErrs []error
	var after int64
	for {
		rows, err := staleRows(ctx, s.db, cutoff, after, sweepBatch)
		if err != nil {
			return deleted, err
		}
		for _, r := range rows {
			after = r.ID
			gone, err := s.sweepOne(ctx, r)
			if err != nil {
				return deleted, errors.Join(append(fileErrs, err)...)
			}
			if !gone {
				continue
			}
			deleted++
			for _, key := range []string{r.StorageKey, r.ThumbnailKey} {
				if err := s.storage.Delete(ctx, key); err != nil {
					fileErrs = append(fileErrs, err)
				}
			}
		}
		if len(rows) < sweepBatch {
			return deleted, errors.Join(fileErrs...)
		}
	}
}

// sweepOne deletes one row if it is still unlinked and reports whether it did.
func (s *Service) sweepOne(ctx context.Context, r row) (bool, error) {
	var gone bool
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		var err error
		if gone, err = deleteIfUnlinked(ctx, tx, r.ID); err != nil || !gone {
			return err
		}
		return s.audit.Write(ctx, tx, sweeper, audit.Entry{Action: "attachment.sweep", EntityType: "attachment",
			EntityID: audit.ID(r.ID), StoreID: r.StoreID, Before: auditView(r)})
	})
	return gone, err
}
