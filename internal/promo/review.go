package promo

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
)

// MaxReviewLength is the most characters a store's review holds.
const MaxReviewLength = 4000

// reviews answers the executions' reviews keyed by store, naming their writers.
func (s *Service) reviews(ctx context.Context, execs []executionRow) (map[int64]Review, error) {
	out := make(map[int64]Review, len(execs))
	var ids []int64
	for _, e := range execs {
		out[e.StoreID] = Review{StoreID: e.StoreID, Review: e.Review, ReviewedBy: e.ReviewedBy, ReviewedAt: e.ReviewedAt,
			Version: e.ReviewVersion}
		if e.ReviewedBy != nil {
			ids = append(ids, *e.ReviewedBy)
		}
	}
	if len(ids) == 0 {
		return out, nil
	}
	users, err := s.Users.UsersByID(ctx, authz.System("promo"), ids)
	if err != nil {
		return nil, err
	}
	for id, r := range out {
		if r.ReviewedBy != nil {
			if u, ok := users[*r.ReviewedBy]; ok {
				r.ReviewedByName = u.DisplayName
				out[id] = r
			}
		}
	}
	return out, nil
}

// PutReview writes (or rewrites) a store's review of a campaign published to it, once the
// campaign has started in the store; version is the review version read last (0 for the
// first). The store manager or a supervisor of the store, or an admin; another store is 404.
func (s *Service) PutReview(ctx context.Context, p *authz.Principal, id, storeID int64, text string, version int) (Review, error) {
	if err := p.RequireRole(authz.RoleAdmin, authz.RoleStoreManager, authz.RoleSupervisor); err != nil {
		return Review{}, err
	}
	text = strings.TrimSpace(text)
	fe := apperr.FieldErrors{}
	if text == "" || utf8.RuneCountInString(text) > MaxReviewLength {
		fe.Add("review", "is required, at most 4000 characters")
	}
	if version < 0 {
		fe.Add("version", "must be 0 or more")
	}
	if err := fe.Err(); err != nil {
		return Review{}, err
	}
	if err := p.RequireStore(storeID); err != nil {
		return Review{}, err
	}
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		r, err := s.load(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if r.Status == StatusDraft {
			return apperr.New(apperr.ErrConflict, "wrong_status", "the campaign is a draft: it has not started")
		}
		var e executionRow
		err = tx.WithContext(ctx).Where("campaign_id = ? AND store_id = ?", id, storeID).Take(&e).Error
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return apperr.New(apperr.ErrNotFound, "not_found", fmt.Sprintf("campaign %d was not published to store %d", id, storeID))
		}
		if err != nil {
			return err
		}
		st, err := s.Stores.StoresByID(ctx, []int64{storeID})
		if err != nil {
			return err
		}
		now := s.now()
		if civil.Today(now, st[storeID].Location()) < r.StartsOn {
			return apperr.New(apperr.ErrConflict, "wrong_status", "the campaign has not started in the store yet")
		}
		if e.ReviewVersion != version {
			return apperr.New(apperr.ErrConflict, "stale_version", "the review was changed by someone else: reload it")
		}
		res := tx.Model(&executionRow{}).Where("campaign_id = ? AND store_id = ? AND review_version = ?", id, storeID, version).
			Updates(map[string]any{"review": text, "reviewed_by": p.ActorID(), "reviewed_at": now.UTC(),
				"review_version": version + 1})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return apperr.New(apperr.ErrConflict, "stale_version", "the review was changed by someone else: reload it")
		}
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "campaign.review", EntityType: "campaign", EntityID: audit.ID(id),
			StoreID: &storeID, Before: map[string]any{"review": e.Review, "version": e.ReviewVersion},
			After: map[string]any{"review": text, "version": version + 1}})
	})
	if err != nil {
		return Review{}, err
	}
	var e executionRow
	if err := s.db.WithContext(ctx).Where("campaign_id = ? AND store_id = ?", id, storeID).Take(&e).Error; err != nil {
		return Review{}, err
	}
	got, err := s.reviews(ctx, []executionRow{e})
	return got[storeID], err
}
