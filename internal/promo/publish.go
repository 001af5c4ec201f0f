package promo

import (
	"context"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// Published is what a publish added: stores that got their execution and task runs made.
type Published struct {
	Stores, Runs int
}

// Publish sends a draft (or a published campaign again) to its target stores: each store
// without an execution gets one, and each execution gets the tasks it lacks, so publishing
// twice changes nothing and publishing after adding a store adds only that store. A published
// campaign on the same product and store in an overlapping period at another price, whose
// priority is not below this one's, refuses it (409 conflicting_campaign).
func (s *Service) Publish(ctx context.Context, p *authz.Principal, id int64) (Campaign, Published, error) {
	if err := mayManage(p); err != nil {
		return Campaign{}, Published{}, err
	}
	var out Published
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		r, err := s.loadManaged(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if r.Status == StatusEnded {
			return apperr.New(apperr.ErrConflict, "wrong_status", "the campaign has ended")
		}
		// Take the campaign's row first: two publishes of one campaign run one after the other.
		now := s.now()
		changes := map[string]any{"status": StatusPublished, "version": gorm.Expr("version + 1"), "updated_at": now}
		if r.PublishedAt == nil {
			changes["published_at"] = now
		}
		if err := tx.Model(&campaignRow{}).Where("id = ?", id).Updates(changes).Error; err != nil {
			return err
		}
		c, err := s.assemble(ctx, tx, r)
		if err != nil {
			return err
		}
		stores, err := s.targets(ctx, c)
		if err != nil {
			return err
		}
		if err := s.conflicts(ctx, tx, c, stores); err != nil {
			return err
		}
		if out, err = s.fanOut(ctx, tx, c, stores, now); err != nil {
			return err
		}
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "campaign.publish", EntityType: "campaign", EntityID: audit.ID(id),
			StoreID: r.OwnerStoreID, Before: map[string]any{"status": r.Status}, After: map[string]any{"status": StatusPublished,
				"stores_added": out.Stores, "tasks_added": out.Runs, "stores": len(stores)}})
	})
	if err != nil {
		return Campaign{}, Published{}, err
	}
	c, err := s.Get(ctx, p, id)
	return c, out, err
}

// targets resolves the campaign's target stores among the chain's active stores.
func (s *Service) targets(ctx context.Context, c Campaign) ([]org.Store, error) {
	region := ""
	if c.TargetKind == TargetRegion {
		region = c.TargetRegion
	}
	all, err := s.activeStores(ctx, region)
	if err != nil {
		return nil, err
	}
	if c.TargetKind == TargetStores {
		want := map[int64]bool{}
		for _, id := range c.TargetStoreIDs {
			want[id] = true
		}
		kept := all[:0]
		for _, st := range all {
			if want[st.ID] {
				kept = append(kept, st)
			}
		}
		all = kept
	}
	if len(all) == 0 {
		return nil, apperr.New(apperr.ErrRule, "no_target_stores", "no active store is a target of the campaign")
	}
	return all, nil
}

// conflicts refuses the campaign when another published one puts one of its products on
// promotion in one of its stores on a shared day at another price, unless this campaign's
// priority is above the other's.
func (s *Service) conflicts(ctx context.Context, tx *gorm.DB, c Campaign, stores []org.Store) error {
	if len(c.Items) == 0 {
		return nil
	}
	prices := make(map[int64]fixed.Money, len(c.Items))
	ids := make([]int64, 0, len(c.Items))
	for _, it := range c.Items {
		prices[it.ProductID] = it.PromoPrice
		ids = append(ids, it.ProductID)
	}
	storeIDs := make([]int64, len(stores))
	for i, st := range stores {
		storeIDs[i] = st.ID
	}
	var rows []struct {
		CampaignID int64
		Name       string
		ProductID  int64
		SKU        string `gorm:"column:sku"`
		PromoPrice fixed.Money
		Priority   int
	}
	err := tx.WithContext(ctx).Table("campaign_items ci").
		Select("ci.campaign_id, c.name, ci.product_id, ci.sku, ci.promo_price, c.priority").
		Joins("JOIN campaigns c ON c.id = ci.campaign_id").
		Where("c.status = ? AND c.id <> ? AND c.starts_on <= ? AND c.ends_on >= ? AND ci.product_id IN ?",
			StatusPublished, c.ID, c.EndsOn, c.StartsOn, ids).
		Where("ci.campaign_id IN (?)", tx.Model(&executionRow{}).Select("campaign_id").Where("store_id IN ?", storeIDs)).
		Order("ci.campaign_id, ci.sku").Scan(&rows).Error
	if err != nil {
		return err
	}
	for _, o := range rows {
		if o.PromoPrice != prices[o.ProductID] && o.Priority >= c.Priority {
			return apperr.New(apperr.ErrConflict, "conflicting_campaign", fmt.Sprintf(
				"campaign %d (%s) already sells %s at %s in some of these stores on shared days: give this campaign a higher priority, or change the price or the period",
				o.CampaignID, o.Name, o.SKU, o.PromoPrice))
		}
	}
	return nil
}

// fanOut inserts the executions and task runs the stores lack.
func (s *Service) fanOut(ctx context.Context, tx *gorm.DB, c Campaign, stores []org.Store, now time.Time) (Published, error) {
	var out Published
	var have []executionRow
	if err := tx.WithContext(ctx).Where("campaign_id = ?", c.ID).Find(&have).Error; err != nil {
		return out, err
	}
	executed := make(map[int64]bool, len(have))
	for _, e := range have {
		executed[e.StoreID] = true
	}
	var runs []runRow
	if err := tx.WithContext(ctx).Select("store_id", "task_id").Where("campaign_id = ?", c.ID).Find(&runs).Error; err != nil {
		return out, err
	}
	type key struct{ store, task int64 }
	ran := make(map[key]bool, len(runs))
	for _, r := range runs {
		ran[key{r.StoreID, r.TaskID}] = true
	}
	var newExec []executionRow
	var newRuns []runRow
	for _, st := range stores {
		if !executed[st.ID] {
			newExec = append(newExec, executionRow{CampaignID: c.ID, StoreID: st.ID, PublishedAt: now})
		}
		loc := st.Location()
		for _, t := range c.Tasks {
			if ran[key{st.ID, t.ID}] {
				continue
			}
			newRuns = append(newRuns, runRow{CampaignID: c.ID, StoreID: st.ID, TaskID: t.ID,
				DueAt: DueAt(c.StartsOn, t.DueHours, loc).UTC(), Status: RunOpen, Version: 1, UpdatedAt: now})
		}
	}
	if len(newExec) > 0 {
		if err := tx.CreateInBatches(newExec, 500).Error; err != nil {
			return out, err
		}
	}
	if len(newRuns) > 0 {
		if err := tx.CreateInBatches(newRuns, 500).Error; err != nil {
			return out, err
		}
	}
	return Published{Stores: len(newExec), Runs: len(newRuns)}, nil
}

// End closes a published campaign: its tasks stay as they are, nothing new is due.
func (s *Service) End(ctx context.Context, p *authz.Principal, id int64, version int) (Campaign, error) {
	if err := mayManage(p); err != nil {
		return Campaign{}, err
	}
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		r, err := s.loadManaged(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if r.Status != StatusPublished {
			return apperr.New(apperr.ErrConflict, "wrong_status", fmt.Sprintf("the campaign is %s, not published", r.Status))
		}
		now := s.now()
		if err := database.UpdateVersioned(ctx, tx, &campaignRow{}, id, version,
			map[string]any{"status": StatusEnded, "ended_at": now}, "the campaign", now); err != nil {
			return err
		}
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "campaign.end", EntityType: "campaign", EntityID: audit.ID(id),
			StoreID: r.OwnerStoreID, Before: map[string]any{"status": r.Status}, After: map[string]any{"status": StatusEnded}})
	})
	if err != nil {
		return Campaign{}, err
	}
	return s.Get(ctx, p, id)
}

// PromotionDays answers, per product, the days a published campaign runs in the store from
// from to to: the ordering forecast's promotion days (ordering.Promotions).
func (s *Service) PromotionDays(ctx context.Context, storeID int64, productIDs []int64, from, to civil.Date) (map[int64][]civil.Date, error) {
	out := map[int64][]civil.Date{}
	if len(productIDs) == 0 {
		return out, nil
	}
	var rows []struct {
		ProductID        int64
		StartsOn, EndsOn civil.Date
	}
	for start := 0; start < len(productIDs); start += 1000 {
		part := productIDs[start:min(start+1000, len(productIDs))]
		err := s.db.WithContext(ctx).Table("campaign_items ci").Select("ci.product_id, c.starts_on, c.ends_on").
			Joins("JOIN campaigns c ON c.id = ci.campaign_id").
			Joins("JOIN campaign_executions e ON e.campaign_id = c.id AND e.store_id = ?", storeID).
			Where("c.status IN ? AND c.starts_on <= ? AND c.ends_on >= ? AND ci.product_id IN ?",
				[]string{StatusPublished, StatusEnded}, to, from, part).Scan(&rows).Error
		if err != nil {
			return nil, err
		}
		for _, r := range rows {
			for d := max(r.StartsOn, from); d <= min(r.EndsOn, to); d++ {
				if !slices.Contains(out[r.ProductID], d) { // overlapping campaigns count a day once
					out[r.ProductID] = append(out[r.ProductID], d)
				}
			}
		}
	}
	return out, nil
}
