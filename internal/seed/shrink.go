package seed

import (
	"context"
	"fmt"
	"math/rand/v2"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/inventory"
	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/paging"
	"github.com/storeops/storeops/internal/shrink"
)

// ShrinkServices are the modules the demo's write-offs and markdowns go through.
type ShrinkServices struct {
	Org       *org.Service
	Catalog   *catalog.Service
	Inventory *inventory.Service
	Shrink    *shrink.Service
}

// ShrinkResult counts what a run did.
type ShrinkResult struct {
	WriteOffs, Markdowns, SkippedStores, Recalls int
}

// shrinkDays of write-offs and markdowns each demo store gets before today.
const shrinkDays = 28

// demoShrink names each store's manager and its supervisor of every fresh department.
var demoShrink = []struct{ store, manager, supervisor string }{
	{"sh-pudong", "manager1", "super1b"},
	{"sh-xuhui", "manager3", "super3b"},
	{"gz-tianhe", "manager2", "super2b"},
}

// writeOffReasons are drawn by weight: fresh goods mostly spoil or expire.
var writeOffReasons = []struct {
	reason string
	weight int
}{{"spoiled", 40}, {"expired", 25}, {"damaged", 20}, {"quality", 10}, {"theft", 5}}

// Shrink gives each demo store four weeks of write-offs and markdowns through the shrink
// module (they leave stock on their day and show in the shrink report and the KPI cockpit),
// turns the chain's price-embedded label barcodes on, and leaves sh-pudong's store manager
// one write-off and one off-ladder markdown of super1's to approve; last, the chain recalls
// one fresh product's lots received two to six days ago from every store. A store with any
// write-off is left alone, and so is a chain with a recall.
func Shrink(ctx context.Context, s ShrinkServices, today civil.Date) (res ShrinkResult, err error) {
	sys := authz.System("seed")
	if l, err := s.Shrink.Layout(ctx); err != nil {
		return res, err
	} else if l.Version == 0 {
		if _, err := s.Shrink.PutLayout(ctx, sys, shrink.Layout{Enabled: true, Prefix: "2", ItemDigits: 6, PriceDigits: 5}); err != nil {
			return res, fmt.Errorf("demo label layout: %w", err)
		}
	}
	codes := make([]string, len(demoShrink))
	for i, d := range demoShrink {
		codes[i] = d.store
	}
	ids, err := s.Org.StoreIDsByCode(ctx, codes)
	if err != nil {
		return res, err
	}
	fresh, err := freshProducts(ctx, s.Catalog)
	if err != nil {
		return res, err
	}
	defer func() {
		if err == nil {
			res.Recalls, err = demoRecall(ctx, s, fresh, today)
		}
	}()
	for _, d := range demoShrink {
		storeID := ids[d.store]
		if storeID == 0 {
			return res, fmt.Errorf("demo shrink: store %s is missing: seed the demo chain first", d.store)
		}
		_, n, err := s.Shrink.ListWriteOffs(ctx, sys, storeID, shrink.WriteOffFilter{}, paging.Page{Page: 1, PageSize: 1})
		if err != nil {
			return res, err
		}
		if n > 0 {
			res.SkippedStores++
			continue
		}
		people, err := principals(ctx, s.Org, storeID, d.manager, d.supervisor)
		if err != nil {
			return res, err
		}
		w, m, err := shrinkHistory(ctx, s, storeID, people, fresh, today)
		res.WriteOffs += w
		res.Markdowns += m
		if err != nil {
			return res, fmt.Errorf("demo shrink of %s: %w", d.store, err)
		}
		if d.store == "sh-pudong" {
			if err := waitingForManager(ctx, s, storeID, fresh); err != nil {
				return res, fmt.Errorf("demo approvals of %s: %w", d.store, err)
			}
		}
	}
	return res, nil
}

func freshProducts(ctx context.Context, c *catalog.Service) ([]catalog.Ref, error) {
	var out []catalog.Ref
	for _, dept := range freshDepartments {
		refs, err := c.FindRefs(ctx, catalog.Filter{DepartmentCode: dept})
		if err != nil {
			return nil, err
		}
		for _, r := range refs {
			if r.Active && r.Perishable && r.RetailPrice > 0 {
				out = append(out, r)
			}
		}
	}
	return out, nil
}

// shrinkHistory enters 2–4 write-offs and 1–3 markdowns a day of a few percent of what is on
// hand, by the store's supervisor of the fresh departments; the manager approves those above
// the threshold.
func shrinkHistory(ctx context.Context, s ShrinkServices, storeID int64, people []*authz.Principal, fresh []catalog.Ref, today civil.Date) (int, int, error) {
	manager, by := people[0], people[1]
	rng := rand.New(rand.NewPCG(uint64(storeID), 12))
	ids := make([]int64, len(fresh))
	for i, r := range fresh {
		ids[i] = r.ID
	}
	onHand, err := s.Inventory.OnHand(ctx, storeID, ids)
	if err != nil {
		return 0, 0, err
	}
	var stocked []catalog.Ref
	for _, r := range fresh {
		if onHand[r.ID] >= fixed.QtyOf(5) {
			stocked = append(stocked, r)
		}
	}
	if len(stocked) == 0 {
		return 0, 0, nil
	}
	writeOffs, markdowns := 0, 0
	ladder := []shrink.Pct{shrink.PctOf(20), shrink.PctOf(30), shrink.PctOf(50)}
	for day := today.AddDays(-shrinkDays); day < today; day++ {
		for range 2 + rng.IntN(3) {
			r := stocked[rng.IntN(len(stocked))]
			q := demoQty(rng, r, onHand[r.ID])
			w, err := s.Shrink.RecordWriteOff(ctx, by, storeID, day, shrink.NewWriteOff{SKU: r.SKU, Qty: q,
				Reason: drawReason(rng), Note: "日常报损"})
			if err == nil && w.Status == shrink.WriteOffPending {
				_, err = s.Shrink.ApproveWriteOff(ctx, manager, w.ID, nil)
			}
			if err != nil {
				return writeOffs, markdowns, fmt.Errorf("write-off of %s: %w", r.SKU, err)
			}
			onHand[r.ID] -= q
			writeOffs++
		}
		for range 1 + rng.IntN(3) {
			r := stocked[rng.IntN(len(stocked))]
			pct := ladder[rng.IntN(len(ladder))]
			_, err := s.Shrink.RecordMarkdown(ctx, by, storeID, day, shrink.NewMarkdown{SKU: r.SKU,
				Qty: demoQty(rng, r, onHand[r.ID]), Discount: &pct, Reason: "near_expiry"})
			if err != nil {
				return writeOffs, markdowns, fmt.Errorf("markdown of %s: %w", r.SKU, err)
			}
			markdowns++
		}
	}
	return writeOffs, markdowns, nil
}

// demoQty is 1–4 % of what is on hand: whole units for products sold each, a tenth of a kg
// otherwise, and at least one of them.
func demoQty(rng *rand.Rand, r catalog.Ref, onHand fixed.Qty) fixed.Qty {
	q := fixed.Qty(int64(onHand) * int64(1+rng.IntN(4)) / 100)
	step := fixed.Qty(100) // 0.1
	if r.Unit == "each" {
		step = fixed.QtyOf(1)
	}
	return max(q/step*step, step)
}

func drawReason(rng *rand.Rand) string {
	n := rng.IntN(100)
	for _, r := range writeOffReasons {
		if n < r.weight {
			return r.reason
		}
		n -= r.weight
	}
	return writeOffReasons[0].reason
}

// waitingForManager leaves manager1 a write-off above the 500.00 threshold and an off-ladder
// markdown, both super1's.
func waitingForManager(ctx context.Context, s ShrinkServices, storeID int64, fresh []catalog.Ref) error {
	people, err := principals(ctx, s.Org, storeID, "super1")
	if err != nil {
		return err
	}
	super1 := people[0]
	ids := make([]int64, len(fresh))
	for i, r := range fresh {
		ids[i] = r.ID
	}
	onHand, err := s.Inventory.OnHand(ctx, storeID, ids)
	if err != nil {
		return err
	}
	for _, r := range fresh {
		if !super1.CanSeeDepartment(storeID, r.DepartmentCode) || r.CostPrice <= 0 {
			continue
		}
		// Enough for 600.00 at cost in at most half of what is on hand.
		need := fixed.Qty((60000*1000 + int64(r.CostPrice) - 1) / int64(r.CostPrice))
		if r.Unit == "each" {
			need = (need + 999) / 1000 * 1000
		} else {
			need = (need + 99) / 100 * 100 // a tenth of a kg
		}
		if need*2 > onHand[r.ID] {
			continue
		}
		_, err := s.Shrink.CreateWriteOff(ctx, super1, storeID, shrink.NewWriteOff{SKU: r.SKU, Qty: need,
			Reason: "quality", Note: "供应商到货品质问题，整批报损"})
		if err != nil {
			return err
		}
		break
	}
	sg, _, _, err := s.Shrink.Suggestions(ctx, super1, storeID, shrink.SuggestionQuery{DepartmentCode: "produce",
		Action: shrink.SuggestMarkdown}, paging.Page{Page: 1, PageSize: 20})
	if err != nil {
		return err
	}
	for _, x := range sg {
		if x.Action != shrink.SuggestMarkdown {
			continue
		}
		forty := shrink.PctOf(40)
		lot := x.LotID
		_, _, _, err := s.Shrink.CreateMarkdown(ctx, super1, storeID, shrink.NewMarkdown{SKU: x.Ref.SKU, Qty: x.Qty,
			Discount: &forty, Reason: "quality", LotID: &lot, Note: "叶子发黄，按六折出清"})
		return err
	}
	return nil
}

// demoRecall recalls, once, the fresh product whose lots received two to six days ago are left
// in the most stores (the most of it, on a tie), from every store.
func demoRecall(ctx context.Context, s ShrinkServices, fresh []catalog.Ref, today civil.Date) (int, error) {
	sys := authz.System("seed")
	if _, n, err := s.Shrink.ListRecalls(ctx, sys, paging.Page{Page: 1, PageSize: 1}); err != nil || n > 0 {
		return 0, err
	}
	from, to := today.AddDays(-6), today.AddDays(-2)
	best, bestStores, bestQty := "", 0, fixed.Qty(0)
	for _, r := range fresh {
		lots, err := s.Inventory.LotsOfProduct(ctx, r.ID, nil, from, to)
		if err != nil {
			return 0, err
		}
		stores, qty := map[int64]bool{}, fixed.Qty(0)
		for _, l := range lots {
			stores[l.StoreID] = true
			qty += l.Remaining
		}
		if len(stores) > bestStores || (len(stores) == bestStores && qty > bestQty) {
			best, bestStores, bestQty = r.SKU, len(stores), qty
		}
	}
	if best == "" {
		return 0, nil
	}
	_, err := s.Shrink.CreateRecall(ctx, sys, shrink.NewRecall{SKU: best, ReceivedFrom: &from, ReceivedTo: &to,
		Reason: "供应商通知：该批次冷链运输温度异常，全部召回"})
	if err != nil {
		return 0, err
	}
	return 1, nil
}
