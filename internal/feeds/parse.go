package feeds

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/upload"
)

// parsed holds one request's validated lines, whichever kind.
type parsed struct {
	sales    []saleLine
	receipts []receiptLine
	labour   []labourLine
	expenses []expenseLine
	n        int
	hash     string // of the body as sent
	charset  string
}

// parse reads the whole body, then looks up only the SKUs it names (a request costs what it
// carries, not the catalogue) and validates every line. Nothing is written.
func (s *Service) parse(ctx context.Context, p *authz.Principal, req Request) (*parsed, error) {
	spec, ok := specs[req.Kind]
	if !ok {
		return nil, fmt.Errorf("feeds: unknown kind %q", req.Kind)
	}
	pr := upload.NewProblems()
	var raws []rawLine
	skus := map[string]bool{}
	res, err := upload.Read(req.Body, req.Format, req.Charset, spec, pr, func(l *upload.Line) {
		r := rawLine{a: at{csv: req.Format == upload.CSV, index: l.Index}}
		r.fill(l)
		if r.sku.s != "" {
			skus[r.sku.s] = true
		}
		raws = append(raws, r)
	})
	if err != nil {
		return nil, err
	}
	if err := pr.Err(); err != nil {
		return nil, err
	}
	if res.Lines == 0 {
		return nil, apperr.Field("lines", "must have at least one line")
	}
	rl, err := s.rulesFor(ctx, p, req.StoreID, slices.Collect(maps.Keys(skus)), pr)
	if err != nil {
		return nil, err
	}
	out := &parsed{n: res.Lines, hash: res.Hash, charset: res.Charset}
	switch req.Kind {
	case KindSales:
		seen := duplicates[[2]int64]{}
		for i := range raws {
			rl.sale(&raws[i], seen, &out.sales)
		}
	case KindReceipts:
		for i := range raws {
			rl.receipt(&raws[i], &out.receipts)
		}
	case KindLabour:
		seen := duplicates[string]{}
		for i := range raws {
			rl.labour(&raws[i], seen, &out.labour)
		}
	case KindExpenses:
		seen := duplicates[string]{}
		for i := range raws {
			rl.expense(&raws[i], seen, &out.expenses)
		}
	}
	return out, pr.Err()
}

// rulesFor gathers what validating a store's lines needs: its day, its departments, the
// caller's scope and the products named.
func (s *Service) rulesFor(ctx context.Context, p *authz.Principal, storeID int64, skus []string, pr *upload.Problems) (*rules, error) {
	loc, err := s.stores.StoreLocation(ctx, storeID)
	if err != nil {
		return nil, err
	}
	depts, err := s.stores.StoreDepartments(ctx, p, storeID)
	if err != nil {
		return nil, err
	}
	found, err := s.catalog.RefsBySKU(ctx, skus)
	if err != nil {
		return nil, err
	}
	products := make(map[string]*catalog.Ref, len(found))
	for sku, ref := range found {
		products[sku] = &ref
	}
	return &rules{products: products, today: civil.Today(s.now(), loc), departments: depts, pr: pr,
		canSee: func(d string) bool { return p.CanSeeDepartment(storeID, d) }}, nil
}
