package seed

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/paging"
	"github.com/storeops/storeops/internal/platform/upload"
	"github.com/storeops/storeops/internal/stocktake"
)

// StocktakeServices are the modules the demo stocktakes go through.
type StocktakeServices struct {
	Org       *org.Service
	Stocktake *stocktake.Service
}

// StocktakeResult counts what a run did.
type StocktakeResult struct {
	Approved      int // stocktakes counted, recounted and approved
	SkippedStores int // stores left alone because they have a stocktake already
}

// demoCount is the stocktake a demo store has been through: who planned and approved it,
// the two supervisors who counted it (each a zone), and how much stock it finds missing.
type demoCount struct {
	store, department, manager string
	counters                   [2]string
	loss                       lossProfile
}

// lossProfile: a share of the lines is short by lo..hi of the book.
type lossProfile struct{ share, lo, hi float64 }

var (
	usualLoss = lossProfile{0.4, 0.01, 0.04}
	// heavyLoss is 天河's bakery, whose shrink runs over budget this month.
	heavyLoss = lossProfile{0.8, 0.05, 0.15}
)

var demoCounts = []demoCount{
	{"sh-pudong", "seafood", "manager1", [2]string{"super1", "super1b"}, usualLoss},
	{"sh-xuhui", "produce", "manager3", [2]string{"super3a", "super3b"}, usualLoss},
	{"gz-tianhe", "bakery", "manager2", [2]string{"super2", "super2b"}, heavyLoss},
}

// stocktakeZones are where the two counters count: the shop floor and the back room.
var stocktakeZones = []string{"销售区", "冷库"}

// Stocktakes takes each demo store through one finished stocktake of a fresh department,
// by the people who would: the store manager plans and starts it, the two supervisors
// count a zone each, one line is miscounted and recounted by the other supervisor, the
// first supervisor submits and the manager approves, which posts the variances to the
// stock ledger (and shows as shrink in the KPIs). It runs after History, so the book is
// the simulated stock. A store that has any stocktake is left alone.
func Stocktakes(ctx context.Context, s StocktakeServices) (StocktakeResult, error) {
	var res StocktakeResult
	sys := authz.System("seed")
	stores, _, err := s.Org.ListStores(ctx, sys, org.StoreFilter{}, paging.Page{Page: 1, PageSize: paging.MaxPageSize, Sort: "code"})
	if err != nil {
		return res, fmt.Errorf("demo stocktakes: stores: %w", err)
	}
	for _, dc := range demoCounts {
		i := slices.IndexFunc(stores, func(st org.Store) bool { return st.Code == dc.store })
		if i < 0 {
			return res, fmt.Errorf("demo stocktakes: store %s is missing: seed the demo chain first", dc.store)
		}
		storeID := stores[i].ID
		_, n, err := s.Stocktake.List(ctx, sys, storeID, stocktake.ListFilter{}, paging.Page{Page: 1, PageSize: 1})
		if err != nil {
			return res, fmt.Errorf("demo stocktakes: store %s: %w", dc.store, err)
		}
		if n > 0 {
			res.SkippedStores++
			continue
		}
		if err := dc.run(ctx, s, storeID); err != nil {
			return res, fmt.Errorf("demo stocktakes: store %s: %w", dc.store, err)
		}
		res.Approved++
	}
	return res, nil
}

// run takes one stocktake from plan to approval.
func (dc demoCount) run(ctx context.Context, s StocktakeServices, storeID int64) error {
	people, err := principals(ctx, s.Org, storeID, dc.manager, dc.counters[0], dc.counters[1])
	if err != nil {
		return err
	}
	manager, counters := people[0], [2]*authz.Principal{people[1], people[2]}
	st, err := s.Stocktake.Create(ctx, manager, stocktake.Stocktake{StoreID: storeID, DepartmentCode: dc.department,
		Scope: stocktake.ScopeFull, Zones: stocktakeZones, Note: "月末盘点"}, false, false)
	if err != nil {
		return err
	}
	if st, err = s.Stocktake.Start(ctx, manager, st.ID, ""); err != nil {
		return err
	}
	lines, _, _, err := s.Stocktake.Variance(ctx, manager, st.ID, stocktake.VarianceFilter{},
		paging.Page{Page: 1, PageSize: paging.MaxPageSize})
	if err != nil {
		return err
	}
	plan := dc.plan(lines)
	for k, counter := range counters {
		if err := sendSheet(ctx, s.Stocktake, counter, st.ID, stocktakeZones[k], false, plan.first[k]); err != nil {
			return err
		}
	}
	// Every line over tolerance waits for a recount by the other counter; the recount is
	// what is really there.
	over := true
	flagged, _, _, err := s.Stocktake.Variance(ctx, manager, st.ID, stocktake.VarianceFilter{OverTolerance: &over},
		paging.Page{Page: 1, PageSize: paging.MaxPageSize})
	if err != nil {
		return err
	}
	var recounts [2][]sheetLine
	for _, l := range flagged {
		k := plan.counter[l.SKU]
		recounts[1-k] = append(recounts[1-k], sheetLine{l.SKU, plan.truth[l.SKU]})
	}
	for k, counter := range counters {
		if len(recounts[k]) > 0 {
			if err := sendSheet(ctx, s.Stocktake, counter, st.ID, stocktakeZones[1-k], true, recounts[k]); err != nil {
				return err
			}
		}
	}
	if _, err := s.Stocktake.Submit(ctx, counters[0], st.ID, ""); err != nil {
		return err
	}
	_, err = s.Stocktake.Approve(ctx, manager, st.ID, "")
	return err
}

// countPlan is what the counters find: the true quantity of each SKU, which counter counts
// it, and the two first-count sheets (with one slip of the pen on the first counter's).
type countPlan struct {
	truth   map[string]fixed.Qty
	counter map[string]int
	first   [2][]sheetLine
}

type sheetLine struct {
	SKU string    `json:"sku"`
	Qty fixed.Qty `json:"qty"`
}

// plan decides the counts from the frozen book, the same on every run: most lines match,
// a share is short (the store's shrink), a few are over, and the first counter writes down
// half of one sizeable line, which the recount corrects.
func (dc demoCount) plan(lines []stocktake.Line) countPlan {
	p := countPlan{truth: map[string]fixed.Qty{}, counter: map[string]int{}}
	slip := ""
	for i, l := range lines {
		rng := rand.New(rand.NewPCG(streamSeed("stocktake", dc.store), streamSeed(l.SKU)))
		k := i % 2
		truth := countOf(l.Book, dc.loss, rng)
		first := truth
		if slip == "" && k == 0 && truth >= fixed.QtyOf(4) {
			slip, first = l.SKU, roundCount(float64(truth)/2, truth%1000 == 0)
		}
		p.truth[l.SKU], p.counter[l.SKU] = truth, k
		p.first[k] = append(p.first[k], sheetLine{l.SKU, first})
	}
	return p
}

// countOf is what is really on the shelf against a book quantity.
func countOf(book fixed.Qty, loss lossProfile, rng *rand.Rand) fixed.Qty {
	if book <= 0 {
		return 0
	}
	each := book%1000 == 0
	r := rng.Float64()
	switch {
	case r < loss.share:
		return roundCount(float64(book)*(1-loss.lo-(loss.hi-loss.lo)*rng.Float64()), each)
	case r > 0.96:
		return roundCount(float64(book)*(1.01+0.02*rng.Float64()), each)
	}
	return book
}

// roundCount rounds a quantity in thousandths to whole units, or to 10 g for goods by weight.
func roundCount(q float64, each bool) fixed.Qty {
	step := 10.0
	if each {
		step = 1000
	}
	return fixed.Qty(max(math.Round(q/step)*step, 0))
}

func sendSheet(ctx context.Context, svc *stocktake.Service, p *authz.Principal, id int64, zone string, recount bool,
	lines []sheetLine) error {
	if len(lines) == 0 {
		return nil
	}
	body, err := json.Marshal(struct {
		Zone    string      `json:"zone"`
		Recount bool        `json:"recount"`
		Lines   []sheetLine `json:"lines"`
	}{zone, recount, lines})
	if err != nil {
		return err
	}
	_, err = svc.SubmitCounts(ctx, p, id, stocktake.SheetUpload{Body: bytes.NewReader(body),
		Request: upload.Request{Format: upload.JSON}})
	return err
}

// principals answers the named users of a store as they would act when signed in; the
// sign-in lookup is the one door to a user by name.
func principals(ctx context.Context, o *org.Service, storeID int64, usernames ...string) ([]*authz.Principal, error) {
	out := make([]*authz.Principal, len(usernames))
	for i, name := range usernames {
		c, err := o.CredentialsOf(ctx, name)
		if err != nil {
			return nil, fmt.Errorf("user %s: %w", name, err)
		}
		p, err := o.PrincipalOf(ctx, c.UserID)
		if err != nil {
			return nil, fmt.Errorf("user %s: %w", name, err)
		}
		if p.StoreID == nil || *p.StoreID != storeID {
			return nil, fmt.Errorf("user %s does not work at store %d any more", name, storeID)
		}
		out[i] = p
	}
	return out, nil
}
