package promo

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/paging"
)

// Catalog finds the products a campaign puts on promotion.
type Catalog interface {
	RefsBySKU(ctx context.Context, skus []string) (map[string]catalog.Ref, error)
}

// Stores lists the chain's stores (with region and time zone).
type Stores interface {
	ListStores(ctx context.Context, p *authz.Principal, f org.StoreFilter, pg paging.Page) ([]org.Store, int64, error)
	StoresByID(ctx context.Context, ids []int64) (map[int64]org.Store, error)
}

// Deps are the modules promotions work with.
type Deps struct {
	Catalog     Catalog
	Stores      Stores
	Attachments *attachments.Service
	Audit       *audit.Log
	// The effect report reads sales, the days out of stock and the reviewers' names.
	Sales  Sales
	Stock  Stock
	Users  Users
	Labour LabourFeed // the store's sales and labour hours beside its promoters
}

// Service is the promotion use cases; every change runs one transaction with its audit entry.
type Service struct {
	db *gorm.DB
	Deps
	now func() time.Time
}

// NewService wires the promotions module.
func NewService(db *gorm.DB, d Deps, now func() time.Time) *Service {
	return &Service{db: db, Deps: d, now: now}
}

// KindTaskRun is the attachments owner kind of a store's task photos.
const KindTaskRun = "campaign_task"

// mayPlan: HQ promotions and admins plan the chain's campaigns.
func mayPlan(p *authz.Principal) error {
	return p.RequireRole(authz.RoleAdmin, authz.RoleHQPromotions)
}

func notFound(id int64) error {
	return apperr.New(apperr.ErrNotFound, "not_found", fmt.Sprintf("campaign %d not found", id))
}

// visible: HQ and admins see every campaign; a store's staff see those published to their
// store, and a store manager their store's own in-store promotions.
func (s *Service) visible(ctx context.Context, db *gorm.DB, p *authz.Principal, r campaignRow) (bool, error) {
	only := p.StoreFilter()
	if only == nil || Manages(p, r.OwnerStoreID) {
		return true, nil
	}
	var n int64
	err := db.WithContext(ctx).Model(&executionRow{}).Where("campaign_id = ? AND store_id = ?", r.ID, *only).Count(&n).Error
	return n > 0, err
}

func (s *Service) load(ctx context.Context, db *gorm.DB, p *authz.Principal, id int64) (campaignRow, error) {
	var r campaignRow
	err := db.WithContext(ctx).Where("id = ?", id).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return r, notFound(id)
	}
	if err != nil {
		return r, err
	}
	ok, err := s.visible(ctx, db, p, r)
	if err == nil && !ok {
		err = notFound(id)
	}
	return r, err
}

// Get answers a campaign with its items, tasks and targets.
func (s *Service) Get(ctx context.Context, p *authz.Principal, id int64) (Campaign, error) {
	r, err := s.load(ctx, s.db, p, id)
	if err != nil {
		return Campaign{}, err
	}
	return s.assemble(ctx, s.db, r)
}

func (s *Service) assemble(ctx context.Context, db *gorm.DB, r campaignRow) (Campaign, error) {
	c := toCampaign(r)
	var items []itemRow
	if err := db.WithContext(ctx).Where("campaign_id = ?", r.ID).Order("sku").Find(&items).Error; err != nil {
		return c, err
	}
	for _, it := range items {
		c.Items = append(c.Items, Item{ProductID: it.ProductID, SKU: it.SKU, Name: it.Name, RegularPrice: it.RegularPrice,
			PromoPrice: it.PromoPrice, CostPrice: it.CostPrice, BelowCost: it.BelowCost})
	}
	var tasks []taskRow
	if err := db.WithContext(ctx).Where("campaign_id = ?", r.ID).Order("position").Find(&tasks).Error; err != nil {
		return c, err
	}
	for _, t := range tasks {
		c.Tasks = append(c.Tasks, Task{ID: t.ID, Kind: t.Kind, Title: t.Title, Instructions: t.Instructions,
			DueHours: t.DueHours, PhotoRequired: t.PhotoRequired})
	}
	err := db.WithContext(ctx).Model(&targetRow{}).Where("campaign_id = ?", r.ID).Order("store_id").
		Pluck("store_id", &c.TargetStoreIDs).Error
	return c, err
}

func toCampaign(r campaignRow) Campaign {
	return Campaign{ID: r.ID, Name: r.Name, Mechanic: r.Mechanic, StartsOn: r.StartsOn, EndsOn: r.EndsOn, Status: r.Status,
		OwnerStoreID: r.OwnerStoreID, TargetKind: r.TargetKind, TargetRegion: r.TargetRegion, Priority: r.Priority,
		Note: r.Note, Version: r.Version, CreatedBy: r.CreatedBy, PublishedAt: r.PublishedAt, EndedAt: r.EndedAt,
		CreatedAt: r.CreatedAt, Updated: r.UpdatedAt, TargetStoreIDs: []int64{}}
}

// ListFilter narrows the campaigns.
type ListFilter struct {
	Status string
	Owner  string // OwnerHQ, OwnerStore or OwnerAll (empty)
}

// List answers campaigns newest first: every one for HQ and admins, those published to their
// store for a store's staff.
func (s *Service) List(ctx context.Context, p *authz.Principal, f ListFilter, pg paging.Page) ([]Campaign, int64, error) {
	if err := authz.Require(p); err != nil {
		return nil, 0, err
	}
	q := ownerQuery(s.scopeQuery(s.db.WithContext(ctx).Model(&campaignRow{}), p), f.Owner)
	if f.Status != "" {
		q = q.Where("status = ?", f.Status)
	}
	var total int64
	if err := q.Count(&total).Error; err != nil {
		return nil, 0, err
	}
	var rows []campaignRow
	err := q.Order("starts_on DESC").Order("id DESC").Offset(pg.Offset()).Limit(pg.PageSize).Find(&rows).Error
	out := make([]Campaign, len(rows))
	for i, r := range rows {
		out[i] = toCampaign(r)
	}
	return out, total, err
}

// Draft is a campaign as HQ writes it.
type Draft struct {
	Campaign
	ItemInputs []ItemInput
	// Within, when set, runs inside Create's transaction once the campaign is written, with
	// its id: a caller links its own record to the new campaign there, and an error from it
	// undoes the campaign too, so no draft is left behind unlinked.
	Within func(ctx context.Context, tx *gorm.DB, campaignID int64) error
}

// items resolves the draft's SKUs against the catalogue and checks the prices.
func (s *Service) items(ctx context.Context, in []ItemInput) ([]Item, error) {
	skus := make([]string, len(in))
	for i, it := range in {
		skus[i] = it.SKU
	}
	refs, err := s.Catalog.RefsBySKU(ctx, skus)
	if err != nil {
		return nil, err
	}
	fe := apperr.FieldErrors{}
	out := make([]Item, 0, len(in))
	for i, it := range in {
		ref, ok := refs[it.SKU]
		if !ok {
			fe.Add(fmt.Sprintf("items[%d].sku", i), fmt.Sprintf("no product %s", it.SKU))
			continue
		}
		out = append(out, Item{ProductID: ref.ID, SKU: ref.SKU, Name: ref.Name, RegularPrice: ref.RetailPrice,
			PromoPrice: it.PromoPrice, CostPrice: ref.CostPrice, BelowCost: it.BelowCost})
	}
	if err := fe.Err(); err != nil {
		return nil, err
	}
	return out, CheckItems(out)
}

// checkTargets refuses target stores that are not active stores of the chain.
func (s *Service) checkTargets(ctx context.Context, ids []int64) error {
	stores, err := s.activeStores(ctx, "")
	if err != nil {
		return err
	}
	fe := apperr.FieldErrors{}
	for i, id := range ids {
		if !slices.ContainsFunc(stores, func(st org.Store) bool { return st.ID == id }) {
			fe.Add(fmt.Sprintf("target_store_ids[%d]", i), fmt.Sprintf("no active store %d", id))
		}
	}
	return fe.Err()
}

// activeStores pages through the chain's active stores (of a region when set).
func (s *Service) activeStores(ctx context.Context, region string) ([]org.Store, error) {
	active := true
	var out []org.Store
	for page := 1; ; page++ {
		list, total, err := s.Stores.ListStores(ctx, authz.System("promo"), org.StoreFilter{Active: &active, Region: region},
			paging.Page{Page: page, PageSize: paging.MaxPageSize, Sort: "code"})
		if err != nil {
			return nil, err
		}
		out = append(out, list...)
		if int64(len(out)) >= total || len(list) == 0 {
			return out, nil
		}
	}
}

// prepare checks a draft as a planner sends it: its fields, its items against the catalogue
// and its target stores.
func (s *Service) prepare(ctx context.Context, p *authz.Principal, d Draft) (Campaign, []Item, error) {
	if err := mayManage(p); err != nil {
		return Campaign{}, nil, err
	}
	c := d.Campaign
	ScopeInStore(p, &c)
	if err := c.Validate(); err != nil {
		return Campaign{}, nil, err
	}
	items, err := s.items(ctx, d.ItemInputs)
	if err == nil && c.TargetKind == TargetStores {
		err = s.checkTargets(ctx, c.TargetStoreIDs)
	}
	return c, items, err
}

// Create stores a draft campaign.
func (s *Service) Create(ctx context.Context, p *authz.Principal, d Draft) (Campaign, error) {
	c, items, err := s.prepare(ctx, p, d)
	if err != nil {
		return Campaign{}, err
	}
	var id int64
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		now := s.now()
		r := campaignRow{Name: c.Name, Mechanic: c.Mechanic, StartsOn: c.StartsOn, EndsOn: c.EndsOn, Status: StatusDraft,
			OwnerStoreID: c.OwnerStoreID, TargetKind: c.TargetKind, TargetRegion: c.TargetRegion, Priority: c.Priority, Note: c.Note,
			CreatedBy: p.ActorID(), Version: 1, CreatedAt: now, UpdatedAt: now}
		if err := tx.Create(&r).Error; err != nil {
			return err
		}
		id = r.ID
		if err := writeParts(tx, r.ID, items, c.Tasks, c.TargetKind, c.TargetStoreIDs); err != nil {
			return err
		}
		err := s.Audit.Write(ctx, tx, p, audit.Entry{Action: "campaign.create", EntityType: "campaign",
			EntityID: audit.ID(r.ID), StoreID: c.OwnerStoreID, After: map[string]any{"name": c.Name, "items": len(items), "tasks": len(c.Tasks)}})
		if err != nil || d.Within == nil {
			return err
		}
		return d.Within(ctx, tx, r.ID)
	})
	if err != nil {
		return Campaign{}, err
	}
	return s.Get(ctx, p, id)
}

// writeParts replaces a campaign's items, tasks and target stores.
func writeParts(tx *gorm.DB, id int64, items []Item, tasks []Task, kind string, stores []int64) error {
	for _, m := range []any{&itemRow{}, &taskRow{}, &targetRow{}} {
		if err := tx.Where("campaign_id = ?", id).Delete(m).Error; err != nil {
			return err
		}
	}
	rows := make([]itemRow, len(items))
	for i, it := range items {
		rows[i] = itemRow{CampaignID: id, ProductID: it.ProductID, SKU: it.SKU, Name: it.Name, RegularPrice: it.RegularPrice,
			PromoPrice: it.PromoPrice, CostPrice: it.CostPrice, BelowCost: it.BelowCost}
	}
	if len(rows) > 0 {
		if err := tx.CreateInBatches(rows, 500).Error; err != nil {
			return err
		}
	}
	for i, t := range tasks {
		if err := tx.Create(&taskRow{CampaignID: id, Position: i, Kind: t.Kind, Title: t.Title,
			Instructions: t.Instructions, DueHours: t.DueHours, PhotoRequired: t.PhotoRequired}).Error; err != nil {
			return err
		}
	}
	if kind != TargetStores {
		return nil
	}
	targets := make([]targetRow, 0, len(stores))
	seen := map[int64]bool{}
	for _, st := range stores {
		if !seen[st] {
			seen[st] = true
			targets = append(targets, targetRow{CampaignID: id, StoreID: st})
		}
	}
	return tx.CreateInBatches(targets, 500).Error
}

// Update replaces a draft's fields, items, tasks and targets; version is the one read. A
// published campaign is revised instead (Revise).
func (s *Service) Update(ctx context.Context, p *authz.Principal, id int64, version int, d Draft) (Campaign, error) {
	if err := mayManage(p); err != nil {
		return Campaign{}, err
	}
	r, err := s.loadManaged(ctx, s.db, p, id)
	if err != nil {
		return Campaign{}, err
	}
	if r.OwnerStoreID != nil {
		OwnedBy(&d.Campaign, *r.OwnerStoreID)
	}
	if r.Status == StatusPublished {
		return s.Revise(ctx, p, id, version, d)
	}
	c, items, err := s.prepare(ctx, p, d)
	if err != nil {
		return Campaign{}, err
	}
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		r, err := s.loadManaged(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if r.Status != StatusDraft {
			return apperr.New(apperr.ErrConflict, "wrong_status", fmt.Sprintf("the campaign is %s: only a draft is edited", r.Status))
		}
		if err := database.UpdateVersioned(ctx, tx, &campaignRow{}, id, version, map[string]any{"name": c.Name,
			"mechanic": c.Mechanic, "starts_on": c.StartsOn, "ends_on": c.EndsOn, "target_kind": c.TargetKind,
			"target_region": c.TargetRegion, "priority": c.Priority, "note": c.Note}, "the campaign", s.now()); err != nil {
			return err
		}
		if err := writeParts(tx, id, items, c.Tasks, c.TargetKind, c.TargetStoreIDs); err != nil {
			return err
		}
		return s.Audit.Write(ctx, tx, p, audit.Entry{Action: "campaign.update", EntityType: "campaign", EntityID: audit.ID(id),
			StoreID: r.OwnerStoreID, Before: map[string]any{"name": r.Name, "version": r.Version}, After: map[string]any{"name": c.Name,
				"items": len(items), "tasks": len(c.Tasks)}})
	})
	if err != nil {
		return Campaign{}, err
	}
	return s.Get(ctx, p, id)
}
