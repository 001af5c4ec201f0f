package promo

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/database"
)

type revisionRow struct {
	ID         int64 `gorm:"primaryKey"`
	CampaignID int64
	Version    int
	ChangedBy  *int64
	ChangedAt  time.Time
	Summary    string
}

func (revisionRow) TableName() string { return "campaign_revisions" }

// changeMarkRow is the part of a store's execution that says which change it has seen.
type changeMarkRow struct {
	CampaignID     int64 `gorm:"primaryKey"`
	StoreID        int64 `gorm:"primaryKey"`
	ChangedVersion int
	AckedVersion   int
}

func (changeMarkRow) TableName() string { return "campaign_executions" }

// RevisionModels lists the tables of published-campaign revisions for the schema test.
func RevisionModels() []any { return []any{&revisionRow{}, &changeMarkRow{}} }

func toRevision(r revisionRow) (Revision, error) {
	out := Revision{ID: r.ID, CampaignID: r.CampaignID, Version: r.Version, ChangedBy: r.ChangedBy, ChangedAt: r.ChangedAt}
	if err := json.Unmarshal([]byte(r.Summary), &out.Summary); err != nil {
		return out, fmt.Errorf("campaign revision %d: %w", r.ID, err)
	}
	out.Summary = out.Summary.normalized()
	return out, nil
}

// Revise changes a published campaign (see the rule Revise): its name, note, end day and
// items, and adds tasks, which every store that has the campaign gets at once. The change
// bumps the version, writes a revision and marks every store's execution changed until its
// staff acknowledge it (Ack). Added or repriced items (all of them when the campaign runs
// longer) meet the conflict rule again. A change that changes nothing writes nothing.
func (s *Service) Revise(ctx context.Context, p *authz.Principal, id int64, version int, d Draft) (Campaign, error) {
	if err := mayManage(p); err != nil {
		return Campaign{}, err
	}
	next := d.Campaign
	ScopeInStore(p, &next)
	if err := next.Validate(); err != nil {
		return Campaign{}, err
	}
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		r, err := s.loadManaged(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if r.Status != StatusPublished {
			return apperr.New(apperr.ErrConflict, "wrong_status", fmt.Sprintf("the campaign is %s: only a draft or a published campaign is edited", r.Status))
		}
		if r.Version != version {
			return apperr.New(apperr.ErrConflict, "stale_version", "the campaign was changed by someone else: reload it and try again")
		}
		old, err := s.assemble(ctx, tx, r)
		if err != nil {
			return err
		}
		if next.Items, err = s.reviseItems(ctx, old.Items, d.ItemInputs); err != nil {
			return err
		}
		sum, err := Revise(old, next, civil.Of(s.now()))
		if err != nil || sum.Empty() {
			return err
		}
		stores, err := s.executedStores(ctx, tx, id)
		if err != nil {
			return err
		}
		check := next
		check.ID, check.Items = id, ChangedItems(old, next)
		if err := s.conflicts(ctx, tx, check, stores); err != nil {
			return err
		}
		return s.writeRevision(ctx, tx, p, old, next, sum, stores)
	})
	if err != nil {
		return Campaign{}, err
	}
	return s.Get(ctx, p, id)
}

// writeRevision stores a checked revision: the campaign's fields and items, the added tasks
// with their runs in every store, the revision row, the stores' change marks and the audit.
func (s *Service) writeRevision(ctx context.Context, tx *gorm.DB, p *authz.Principal, old, next Campaign, sum Summary, stores []org.Store) error {
	now := s.now()
	if err := database.UpdateVersioned(ctx, tx, &campaignRow{}, old.ID, old.Version, map[string]any{"name": next.Name,
		"note": next.Note, "ends_on": next.EndsOn}, "the campaign", now); err != nil {
		return err
	}
	newVersion := old.Version + 1
	if err := tx.Where("campaign_id = ?", old.ID).Delete(&itemRow{}).Error; err != nil {
		return err
	}
	rows := make([]itemRow, len(next.Items))
	for i, it := range next.Items {
		rows[i] = itemRow{CampaignID: old.ID, ProductID: it.ProductID, SKU: it.SKU, Name: it.Name, RegularPrice: it.RegularPrice,
			PromoPrice: it.PromoPrice, CostPrice: it.CostPrice, BelowCost: it.BelowCost}
	}
	if err := tx.CreateInBatches(rows, 500).Error; err != nil {
		return err
	}
	added := Campaign{ID: old.ID, StartsOn: old.StartsOn}
	for i, t := range next.Tasks[len(old.Tasks):] {
		row := taskRow{CampaignID: old.ID, Position: len(old.Tasks) + i, Kind: t.Kind, Title: t.Title,
			Instructions: t.Instructions, DueHours: t.DueHours, PhotoRequired: t.PhotoRequired}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		t.ID = row.ID
		added.Tasks = append(added.Tasks, t)
	}
	runs, err := s.fanOut(ctx, tx, added, stores, now)
	if err != nil {
		return err
	}
	summary, err := json.Marshal(sum.normalized())
	if err != nil {
		return err
	}
	if err := tx.Create(&revisionRow{CampaignID: old.ID, Version: newVersion, ChangedBy: p.ActorID(), ChangedAt: now,
		Summary: string(summary)}).Error; err != nil {
		return database.Translate(err, "the campaign's revision")
	}
	if err := tx.Model(&changeMarkRow{}).Where("campaign_id = ?", old.ID).Update("changed_version", newVersion).Error; err != nil {
		return err
	}
	ownerStore := old.OwnerStoreID
	return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "campaign.revise", EntityType: "campaign", EntityID: audit.ID(old.ID),
		StoreID: ownerStore, Before: map[string]any{"version": old.Version}, After: map[string]any{"version": newVersion,
			"changes": sum.normalized(), "tasks_added_to_stores": runs.Runs}})
}

// executedStores answers the stores that have the campaign, with their time zones.
func (s *Service) executedStores(ctx context.Context, tx *gorm.DB, id int64) ([]org.Store, error) {
	var ids []int64
	if err := tx.WithContext(ctx).Model(&executionRow{}).Where("campaign_id = ?", id).Order("store_id").
		Pluck("store_id", &ids).Error; err != nil {
		return nil, err
	}
	named, err := s.Stores.StoresByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make([]org.Store, 0, len(ids))
	for _, sid := range ids {
		st, ok := named[sid]
		if !ok {
			st = org.Store{ID: sid, Timezone: "UTC"}
		}
		out = append(out, st)
	}
	return out, nil
}

// reviseItems resolves a revision's items: an item kept at its price keeps the regular price
// and cost it was set with; an added or repriced one takes the catalogue's as they are now.
func (s *Service) reviseItems(ctx context.Context, old []Item, in []ItemInput) ([]Item, error) {
	was := make(map[string]Item, len(old))
	for _, it := range old {
		was[it.SKU] = it
	}
	out := make([]Item, len(in))
	var ask []string
	for i, it := range in {
		if o, ok := was[it.SKU]; ok && o.PromoPrice == it.PromoPrice {
			out[i] = o
			continue
		}
		ask = append(ask, it.SKU)
	}
	refs := map[string]catalog.Ref{}
	if len(ask) > 0 {
		got, err := s.Catalog.RefsBySKU(ctx, ask)
		if err != nil {
			return nil, err
		}
		for k, v := range got {
			refs[k] = v
		}
	}
	fe := apperr.FieldErrors{}
	for i, it := range in {
		if out[i].SKU != "" {
			continue
		}
		ref, ok := refs[it.SKU]
		if !ok {
			fe.Add(fmt.Sprintf("items[%d].sku", i), fmt.Sprintf("no product %s", it.SKU))
			continue
		}
		out[i] = Item{ProductID: ref.ID, SKU: ref.SKU, Name: ref.Name, RegularPrice: ref.RetailPrice,
			PromoPrice: it.PromoPrice, CostPrice: ref.CostPrice, BelowCost: it.BelowCost}
	}
	if err := fe.Err(); err != nil {
		return nil, err
	}
	return out, CheckItems(out)
}

// Revisions answers a campaign's revisions, the latest first, to whoever sees the campaign.
func (s *Service) Revisions(ctx context.Context, p *authz.Principal, id int64) ([]Revision, error) {
	if _, err := s.load(ctx, s.db, p, id); err != nil {
		return nil, err
	}
	var rows []revisionRow
	if err := s.db.WithContext(ctx).Where("campaign_id = ?", id).Order("version DESC").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]Revision, len(rows))
	var ids []int64
	for i, r := range rows {
		var err error
		if out[i], err = toRevision(r); err != nil {
			return nil, err
		}
		if r.ChangedBy != nil {
			ids = append(ids, *r.ChangedBy)
		}
	}
	if len(ids) == 0 {
		return out, nil
	}
	users, err := s.Users.UsersByID(ctx, authz.System("promo"), ids)
	if err != nil {
		return nil, err
	}
	for i := range out {
		if by := out[i].ChangedBy; by != nil {
			out[i].ChangedByName = users[*by].DisplayName
		}
	}
	return out, nil
}

// UnackedChanges answers, per campaign of the store changed since its staff last
// acknowledged it, the latest revision.
func (s *Service) UnackedChanges(ctx context.Context, p *authz.Principal, storeID int64) (map[int64]Revision, error) {
	if err := p.RequireStore(storeID); err != nil {
		return nil, err
	}
	var rows []revisionRow
	err := s.db.WithContext(ctx).Table("campaign_revisions v").Select("v.*").
		Joins("JOIN campaign_executions e ON e.campaign_id = v.campaign_id AND e.changed_version = v.version").
		Where("e.store_id = ? AND e.changed_version > e.acked_version", storeID).Scan(&rows).Error
	if err != nil {
		return nil, err
	}
	out := make(map[int64]Revision, len(rows))
	for _, r := range rows {
		if out[r.CampaignID], err = toRevision(r); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Ack records that the store's staff have seen the campaign's latest change; acknowledging
// with nothing new is a no-op. A campaign the store does not have is 404.
func (s *Service) Ack(ctx context.Context, p *authz.Principal, storeID, campaignID int64) error {
	if err := p.RequireStore(storeID); err != nil {
		return err
	}
	return database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		var m changeMarkRow
		err := tx.WithContext(ctx).Where("campaign_id = ? AND store_id = ?", campaignID, storeID).Take(&m).Error
		if err != nil {
			return database.Translate(err, fmt.Sprintf("campaign %d in store %d", campaignID, storeID))
		}
		if m.ChangedVersion <= m.AckedVersion {
			return nil
		}
		if err := tx.Model(&changeMarkRow{}).Where("campaign_id = ? AND store_id = ?", campaignID, storeID).
			Update("acked_version", m.ChangedVersion).Error; err != nil {
			return err
		}
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "campaign.ack", EntityType: "campaign",
			EntityID: audit.ID(campaignID), StoreID: &storeID, Before: map[string]any{"acked_version": m.AckedVersion},
			After: map[string]any{"acked_version": m.ChangedVersion}})
	})
}
