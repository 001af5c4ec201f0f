package promo

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/storeops/storeops/internal/feeds"
	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
)

// Sales reads the POS feed's sales of stores and products, and the revisions of the stores'
// sales days the kept effect sums compare (feeds.Service).
type Sales interface {
	WeightedSales(ctx context.Context, storeIDs, productIDs []int64, from, to civil.Date, weights []int) ([]feeds.StoreProductSales, error)
	SalesRevisions(ctx context.Context, storeIDs []int64, from, to civil.Date) (map[int64]int64, error)
}

// Stock tells the days a store's products closed with nothing on hand, and whether the
// ledger moved since the kept effect sums read it (inventory.Service).
type Stock interface {
	EmptyDays(ctx context.Context, storeID int64, productIDs []int64, from, to civil.Date) (map[int64][]civil.Date, error)
	Seqs(ctx context.Context, storeIDs []int64) (map[int64]int64, error)
	MovedThrough(ctx context.Context, storeID int64, productIDs []int64, afterSeq int64, through civil.Date) (bool, error)
}

// Users names the people who wrote the reviews (org.Service).
type Users interface {
	UsersByID(ctx context.Context, p *authz.Principal, ids []int64) (map[int64]org.User, error)
}

// Review is a store's review of a campaign (总结分析); Version 0 while it wrote nothing.
type Review struct {
	StoreID        int64
	Review         string
	ReviewedBy     *int64
	ReviewedByName string
	ReviewedAt     *time.Time
	Version        int
}

// StoreEffect is one store's roll-up with its review.
type StoreEffect struct {
	StoreID   int64
	StoreCode string
	StoreName string
	Sums
	Review Review
}

// ItemEffect is one item's roll-up over the stores.
type ItemEffect struct {
	Item
	Sums
}

// LineEffect is one item in one store.
type LineEffect struct {
	StoreID int64
	Item
	Sums
}

// Effect is a campaign's effect report: the window measured and the sums of the whole, of
// each store (code order), each item (SKU order) and each line (store, then SKU).
type Effect struct {
	CampaignID int64
	Window     EffectWindow
	Total      Sums
	Stores     []StoreEffect
	Items      []ItemEffect
	Lines      []LineEffect
}

// Figures works out a set of sums' figures over the report's measured days.
func (e Effect) Figures(s Sums) Figures { return s.Figures(e.Window.Days) }

func wrongStatus(status string) error {
	return apperr.New(apperr.ErrConflict, "wrong_status", fmt.Sprintf("the campaign is %s: only a published or ended campaign is measured", status))
}

// Effect measures a campaign in the stores of p's scope; onlyStore (when not 0) must be one
// of them, else 404. A draft is 409 wrong_status.
func (s *Service) Effect(ctx context.Context, p *authz.Principal, id, onlyStore int64) (Effect, error) {
	r, err := s.load(ctx, s.db, p, id)
	if err != nil {
		return Effect{}, err
	}
	if r.Status == StatusDraft {
		return Effect{}, wrongStatus(r.Status)
	}
	in, err := s.effectInputs(ctx, r)
	if err != nil {
		return Effect{}, err
	}
	c, execs, named := in.campaign, in.execs, in.named
	out := Effect{CampaignID: id, Window: in.window}
	visible := execs[:0:0]
	for _, e := range execs {
		if p.CanSeeStore(e.StoreID) {
			visible = append(visible, e)
		}
	}
	if onlyStore != 0 && !slices.ContainsFunc(visible, func(e executionRow) bool { return e.StoreID == onlyStore }) {
		return Effect{}, apperr.New(apperr.ErrNotFound, "not_found", fmt.Sprintf("store %d is not in campaign %d", onlyStore, id))
	}
	slices.SortFunc(visible, func(a, b executionRow) int { return strings.Compare(named[a.StoreID].Code, named[b.StoreID].Code) })
	storeIDs := make([]int64, len(visible))
	for i, e := range visible {
		storeIDs[i] = e.StoreID
	}
	productIDs := make([]int64, len(c.Items))
	for i, it := range c.Items {
		productIDs[i] = it.ProductID
	}
	lines, err := s.measured(ctx, id, out.Window, storeIDs, productIDs)
	if err != nil {
		return Effect{}, err
	}
	reviews, err := s.reviews(ctx, visible)
	if err != nil {
		return Effect{}, err
	}
	out.Items = make([]ItemEffect, len(c.Items))
	for i, it := range c.Items {
		out.Items[i].Item = it
	}
	for _, e := range visible {
		st := StoreEffect{StoreID: e.StoreID, StoreCode: named[e.StoreID].Code, StoreName: named[e.StoreID].Name,
			Review: reviews[e.StoreID]}
		for i, it := range c.Items {
			sums := lines[lineKey{e.StoreID, it.ProductID}]
			st.Add(sums)
			out.Items[i].Add(sums)
			out.Lines = append(out.Lines, LineEffect{StoreID: e.StoreID, Item: it, Sums: sums})
		}
		out.Total.Add(st.Sums)
		out.Stores = append(out.Stores, st)
	}
	return out, nil
}

// effectInput is what measuring a campaign starts from: the campaign, its stores' executions
// and the stores, and the window measured (up to the last day every store has closed).
type effectInput struct {
	campaign Campaign
	execs    []executionRow
	named    map[int64]org.Store
	window   EffectWindow
}

func (s *Service) effectInputs(ctx context.Context, r campaignRow) (effectInput, error) {
	c, err := s.assemble(ctx, s.db, r)
	if err != nil {
		return effectInput{}, err
	}
	var execs []executionRow
	if err := s.db.WithContext(ctx).Where("campaign_id = ?", r.ID).Find(&execs).Error; err != nil {
		return effectInput{}, err
	}
	allIDs := make([]int64, len(execs))
	for i, e := range execs {
		allIDs[i] = e.StoreID
	}
	named, err := s.Stores.StoresByID(ctx, allIDs)
	if err != nil {
		return effectInput{}, err
	}
	now := s.now()
	lastClosed := c.EndsOn
	for _, st := range named {
		lastClosed = min(lastClosed, LastClosed(now, st.Location()))
	}
	return effectInput{campaign: c, execs: execs, named: named, window: Window(c.StartsOn, c.EndsOn, lastClosed)}, nil
}

// MeasureWithin is how long after its end a campaign's effect is still measured ahead of
// its readers: the weeks its stores write their reviews in.
const MeasureWithin = 35

// MeasureEffects measures ahead the effect of every published campaign and of those that
// ended within MeasureWithin days, so the report reads kept sums: only stores whose sales or
// stock changed since are measured again (the promo.measure_effects job, hourly). It answers
// how many campaigns it looked at.
func (s *Service) MeasureEffects(ctx context.Context) (int, error) {
	since := civil.Of(s.now().UTC()).AddDays(-MeasureWithin)
	var rows []campaignRow
	if err := s.db.WithContext(ctx).Where("status = ? OR (status = ? AND ends_on >= ?)", StatusPublished, StatusEnded, since).
		Order("id").Find(&rows).Error; err != nil {
		return 0, err
	}
	for _, r := range rows {
		in, err := s.effectInputs(ctx, r)
		if err != nil {
			return 0, err
		}
		storeIDs := make([]int64, len(in.execs))
		for i, e := range in.execs {
			storeIDs[i] = e.StoreID
		}
		productIDs := make([]int64, len(in.campaign.Items))
		for i, it := range in.campaign.Items {
			productIDs[i] = it.ProductID
		}
		if _, err := s.measured(ctx, r.ID, in.window, storeIDs, productIDs); err != nil {
			return 0, fmt.Errorf("campaign %d: %w", r.ID, err)
		}
	}
	return len(rows), nil
}

type lineKey struct{ store, product int64 }

// effectWorkers is how many stores are measured at once: each store's lines are an index
// range of the feed and of the stock ledger, so a chain's report spreads over connections.
const effectWorkers = 4

// lineSums reads the sums of every store and item, store by store (effectWorkers at once):
// the campaign's days and the weighted baseline in two queries of the feed, and the days out
// of stock from the ledger.
func (s *Service) lineSums(ctx context.Context, w EffectWindow, storeIDs, productIDs []int64) (map[lineKey]Sums, error) {
	out := map[lineKey]Sums{}
	if w.Days == 0 || len(storeIDs) == 0 || len(productIDs) == 0 {
		return out, nil
	}
	weights := w.BaselineWeights()
	var mu sync.Mutex
	var firstErr error
	var wg sync.WaitGroup
	work := make(chan int64)
	for range min(effectWorkers, len(storeIDs)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for st := range work {
				got, err := s.storeSums(ctx, w, weights, st, productIDs)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				for k, v := range got {
					out[k] = v
				}
				mu.Unlock()
			}
		}()
	}
	for _, st := range storeIDs {
		work <- st
	}
	close(work)
	wg.Wait()
	return out, firstErr
}

// storeSums reads one store's sums of every item.
func (s *Service) storeSums(ctx context.Context, w EffectWindow, weights []int, store int64, productIDs []int64) (map[lineKey]Sums, error) {
	out := map[lineKey]Sums{}
	stores := []int64{store}
	promo, err := s.Sales.WeightedSales(ctx, stores, productIDs, w.StartsOn, w.MeasuredTo, nil)
	if err != nil {
		return nil, err
	}
	for _, r := range promo {
		k := lineKey{r.StoreID, r.ProductID}
		v := out[k]
		v.PromoQty, v.PromoNet, v.PromoMargin = r.Qty, r.NetSales, r.NetSales-r.Cost
		out[k] = v
	}
	base, err := s.Sales.WeightedSales(ctx, stores, productIDs, w.BaselineFrom, w.BaselineTo, weights)
	if err != nil {
		return nil, err
	}
	for _, r := range base {
		k := lineKey{r.StoreID, r.ProductID}
		v := out[k]
		v.BaseQty, v.BaseNet, v.BaseMargin = r.Qty, r.NetSales, r.NetSales-r.Cost
		out[k] = v
	}
	empty, err := s.Stock.EmptyDays(ctx, store, productIDs, w.StartsOn, w.MeasuredTo)
	if err != nil {
		return nil, err
	}
	for product, days := range empty {
		if n := CountDays(days, w.StartsOn, w.MeasuredTo); n > 0 {
			k := lineKey{store, product}
			v := out[k]
			v.DaysOutOfStock = n
			out[k] = v
		}
	}
	return out, nil
}
