package shrink

import (
	"context"
	"slices"
	"time"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/inventory"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/paging"
)

// Suggestion actions.
const (
	SuggestMarkdown = "markdown"
	SuggestWriteOff = "write_off"
)

// Suggestion is a lot to mark down (or, past its date, to write off) now.
type Suggestion struct {
	LotID            int64
	Ref              catalog.Ref
	Expiry           civil.Date
	HoursLeft        int
	Remaining        fixed.Qty
	MarkedDown       fixed.Qty
	Qty              fixed.Qty
	Action           string
	Discount         Pct
	RegularPrice     fixed.Money
	MarkdownPrice    fixed.Money
	UnitCost         fixed.Money
	LossIfMarkedDown fixed.Money
	LossIfWrittenOff fixed.Money
}

// Suggest is the rule for one lot: the step by hours left, the quantity not yet marked down
// at that price or lower, and the two losses; ok is false when nothing is left to do.
func Suggest(rules Rules, lot inventory.OpenLot, ref catalog.Ref, live []Markdown, now time.Time, loc *time.Location) (Suggestion, bool) {
	sg := Suggestion{LotID: lot.ID, Ref: ref, Expiry: lot.Expiry, Remaining: lot.Remaining,
		RegularPrice: ref.RetailPrice, UnitCost: ref.CostPrice, Action: SuggestMarkdown}
	if lot.UnitCost > 0 {
		sg.UnitCost = lot.UnitCost
	}
	sg.HoursLeft = HoursLeft(lot.Expiry, now, loc)
	if sg.HoursLeft <= 0 {
		sg.Action, sg.MarkdownPrice, sg.Qty = SuggestWriteOff, sg.RegularPrice, lot.Remaining
	} else {
		sg.Discount = rules.StepFor(sg.HoursLeft)
		sg.MarkdownPrice = Price(sg.RegularPrice, sg.Discount)
		for _, m := range live {
			if m.MarkdownPrice <= sg.MarkdownPrice {
				sg.MarkedDown += m.Qty
			}
		}
		sg.Qty = max(lot.Remaining-min(sg.MarkedDown, lot.Remaining), 0)
		if sg.Qty == 0 || sg.RegularPrice <= 0 {
			return sg, false
		}
	}
	sg.LossIfMarkedDown, _ = Loss(sg.RegularPrice, sg.MarkdownPrice, sg.Qty)
	sg.LossIfWrittenOff, _ = sg.UnitCost.MulQty(sg.Qty)
	return sg, true
}

// SuggestionQuery narrows the suggestions: a department, and an action (markdown: lots still
// in date; write_off: lots past their date); empty means all.
type SuggestionQuery struct {
	DepartmentCode, Action string
}

// Suggestions answers the store's lots to mark down now in p's scope, soonest first, one page.
func (s *Service) Suggestions(ctx context.Context, p *authz.Principal, storeID int64, q SuggestionQuery, pg paging.Page) ([]Suggestion, int, time.Time, error) {
	if err := p.RequireStore(storeID); err != nil {
		return nil, 0, time.Time{}, err
	}
	scope, err := s.scopeDepartments(ctx, p, storeID)
	if err != nil {
		return nil, 0, time.Time{}, err
	}
	now := s.now()
	today, loc, err := s.today(ctx, storeID)
	if err != nil {
		return nil, 0, now, err
	}
	depts, err := s.Stores.StoreDepartments(ctx, authz.System("shrink"), storeID)
	if err != nil {
		return nil, 0, now, err
	}
	rules, err := loadRules(ctx, s.db, storeID, depts)
	if err != nil {
		return nil, 0, now, err
	}
	window := 0
	for _, r := range rules {
		window = max(window, r.WindowDays)
	}
	lots, err := s.Inventory.ExpiringLots(ctx, storeID, today.AddDays(window))
	if err != nil || len(lots) == 0 {
		return nil, 0, now, err
	}
	ids := make([]int64, 0, len(lots))
	lotIDs := make([]int64, len(lots))
	for i, l := range lots {
		ids = append(ids, l.ProductID)
		lotIDs[i] = l.ID
	}
	refs, err := s.Catalog.RefsByID(ctx, ids)
	if err != nil {
		return nil, 0, now, err
	}
	marked, err := markdownsOfLots(ctx, s.db, storeID, lotIDs)
	if err != nil {
		return nil, 0, now, err
	}
	var all []Suggestion
	for _, l := range lots {
		ref, ok := refs[l.ProductID]
		rule, runs := rules[ref.DepartmentCode]
		switch {
		case !ok || !runs || !rule.InWindow(l.Expiry, today):
			continue
		case q.DepartmentCode != "" && ref.DepartmentCode != q.DepartmentCode:
			continue
		case scope != nil && !slices.Contains(scope, ref.DepartmentCode):
			continue
		}
		live := make([]Markdown, len(marked[l.ID]))
		for i, m := range marked[l.ID] {
			live[i] = toMarkdown(m)
		}
		if sg, ok := Suggest(rule, l, ref, live, now, loc); ok && (q.Action == "" || sg.Action == q.Action) {
			all = append(all, sg)
		}
	}
	slices.SortStableFunc(all, func(a, b Suggestion) int {
		if a.HoursLeft != b.HoursLeft {
			return a.HoursLeft - b.HoursLeft
		}
		if a.Ref.SKU != b.Ref.SKU {
			if a.Ref.SKU < b.Ref.SKU {
				return -1
			}
			return 1
		}
		return int(a.LotID - b.LotID)
	})
	total := len(all)
	start := min(pg.Offset(), total)
	return all[start:min(start+pg.PageSize, total)], total, now, nil
}
