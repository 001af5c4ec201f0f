package seed

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/storeops/storeops/internal/platform/paging"
	"github.com/storeops/storeops/internal/platform/upload"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/feeds"
	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
)

// DefaultHistoryDays is how much history the demo stores carry (DESIGN.md §6).
const DefaultHistoryDays = 120

// salesDaysPerRequest keeps each sales upload near 9,000 lines, well under feeds.MaxLines.
const salesDaysPerRequest = 30

// HistoryServices are the modules the demo history is loaded through, and its window.
type HistoryServices struct {
	Org     *org.Service
	Catalog *catalog.Service
	Feeds   *feeds.Service
	// Days of history, ending yesterday; 0 means DefaultHistoryDays. Tests use a short one.
	Days int
}

// HistoryResult counts what a run loaded: stores and feed lines per kind.
type HistoryResult struct {
	Stores        int // stores whose history was loaded
	SkippedStores int // stores left alone because they already had feed imports
	Sales         int
	Receipts      int
	Labour        int
	Expenses      int
}

// DemoToday is the current business date of the demo stores, which all keep Asia/Shanghai.
func DemoToday(now time.Time) (civil.Date, error) {
	loc, err := time.LoadLocation(Stores[0].Timezone)
	if err != nil {
		return 0, fmt.Errorf("demo time zone: %w", err)
	}
	return civil.Today(now, loc), nil
}

// History loads the demo stores' past through the same feed ingest the HTTP API uses:
// goods receipts, POS sales, labour and expenses for the days before today. The numbers
// come from a simulation seeded per store and SKU, so every run on the same date produces
// the same data. A store that already has any feed import is skipped: a second run (or a
// store fed by real systems) changes nothing.
func History(ctx context.Context, s HistoryServices, today civil.Date) (HistoryResult, error) {
	var res HistoryResult
	days := s.Days
	if days <= 0 {
		days = DefaultHistoryDays
	}
	// Listing stores needs a scope; the uploads themselves run without a principal, so feed
	// imports, movements and audit entries name the actor "system" like other seeded changes.
	all := &authz.Principal{Username: "system", Role: authz.RoleAdmin}
	stores, _, err := s.Org.ListStores(ctx, all, org.StoreFilter{}, paging.Page{Page: 1, PageSize: paging.MaxPageSize, Sort: "code"})
	if err != nil {
		return res, fmt.Errorf("demo history: stores: %w", err)
	}
	refs, err := s.Catalog.AllRefs(ctx)
	if err != nil {
		return res, fmt.Errorf("demo history: catalogue: %w", err)
	}
	products := make([]*catalog.Ref, 0, len(refs))
	for _, r := range refs {
		if r.Active {
			products = append(products, &r)
		}
	}
	slices.SortFunc(products, func(a, b *catalog.Ref) int { return cmp.Compare(a.SKU, b.SKU) })
	for _, demo := range Stores {
		i := slices.IndexFunc(stores, func(st org.Store) bool { return st.Code == demo.Code })
		if i < 0 {
			return res, fmt.Errorf("demo history: store %s is missing: seed the demo chain first", demo.Code)
		}
		id := stores[i].ID
		has, err := s.Feeds.HasImports(ctx, id)
		if err != nil {
			return res, fmt.Errorf("demo history: store %s: %w", demo.Code, err)
		}
		if has {
			res.SkippedStores++
			continue
		}
		depts, err := s.Org.StoreDepartments(ctx, all, id)
		if err != nil {
			return res, fmt.Errorf("demo history: store %s: %w", demo.Code, err)
		}
		h := newStoreHistory(demo.Code, today.AddDays(-days), days)
		h.promos = demoPromoSpans(today)
		for _, prod := range products {
			if slices.Contains(depts, prod.DepartmentCode) {
				h.addProduct(prod)
			}
		}
		if err := h.load(ctx, s.Feeds, id, depts, &res); err != nil {
			return res, err
		}
		res.Stores++
	}
	return res, nil
}

// storeScale sizes each demo store's trade against 徐汇.
var storeScale = map[string]float64{"sh-pudong": 1.2, "sh-xuhui": 1.0, "gz-tianhe": 0.9}

// weekdayFactor is the weekly rhythm of a supermarket, Sunday first.
var weekdayFactor = [7]float64{1.30, 0.90, 1.0, 1.0, 1.0, 1.10, 1.35}

// load uploads the store's history in ledger order: every receipt first, so the sales
// that follow consume the lots first-expiring-first-out, then sales, labour and expenses.
func (h *storeHistory) load(ctx context.Context, f *feeds.Service, storeID int64, depts []string, res *HistoryResult) error {
	up := uploader{ctx: ctx, feeds: f, storeID: storeID, code: h.code}
	n, err := up.days(feeds.KindReceipts, len(h.receipts), 0,
		func(k int) int { return len(h.receipts[k]) },
		func(w *lineWriter, k int) { writeReceipts(w, h.date(k-1).String(), h.receipts[k]) })
	res.Receipts += n
	if err != nil {
		return err
	}
	n, err = up.days(feeds.KindSales, h.days, salesDaysPerRequest,
		func(k int) int { return len(h.sales[k]) },
		func(w *lineWriter, k int) { writeSales(w, h.date(k).String(), h.sales[k]) })
	res.Sales += n
	if err != nil {
		return err
	}
	depts = slices.Sorted(slices.Values(depts))
	rng := rand.New(rand.NewPCG(streamSeed("labour", h.code), 0))
	n, err = up.days(feeds.KindLabour, h.days, 0,
		func(int) int { return len(depts) },
		func(w *lineWriter, k int) { h.writeLabour(w, k, depts, rng) })
	res.Labour += n
	if err != nil {
		return err
	}
	costs := h.expenses(depts)
	n, err = up.days(feeds.KindExpenses, len(costs), 0,
		func(int) int { return 1 },
		func(w *lineWriter, k int) { h.writeExpense(w, costs[k]) })
	res.Expenses += n
	return err
}

func writeReceipts(w *lineWriter, date string, lines []feedLine) {
	for _, l := range lines {
		w.begin()
		w.text("business_date", date)
		w.text("sku", l.sku)
		w.decimal("qty", int64(l.qty), 3)
		w.decimal("cost", int64(l.a), 2)
		w.end()
	}
}

func writeSales(w *lineWriter, date string, lines []feedLine) {
	for _, l := range lines {
		w.begin()
		w.text("business_date", date)
		w.text("sku", l.sku)
		w.decimal("qty", int64(l.qty), 3)
		w.decimal("net_sales", int64(l.a), 2)
		w.decimal("cost", int64(l.b), 2)
		w.end()
	}
}

func (h *storeHistory) writeExpense(w *lineWriter, e expense) {
	w.begin()
	w.text("business_date", h.date(e.day).String())
	w.text("department_code", e.dept)
	w.text("category", e.category)
	w.decimal("amount", int64(e.amount), 2)
	w.text("note", e.note)
	w.end()
}

// uploader sends one store's feeds through the ingest, keyed so a repeated upload replays.
type uploader struct {
	ctx     context.Context
	feeds   *feeds.Service
	storeID int64
	code    string
}

// days uploads n groups of lines (days, mostly) in parts of at most maxDays groups (0: no
// limit) and feeds.MaxLines lines; it answers how many lines were loaded.
func (u uploader) days(kind string, n, maxDays int, count func(k int) int, write func(w *lineWriter, k int)) (int, error) {
	total, part, groups := 0, 0, 0
	w := &lineWriter{}
	flush := func() error {
		if w.n == 0 {
			return nil
		}
		part++
		loaded, err := u.send(kind, part, w.body())
		total += loaded
		w.reset()
		groups = 0
		return err
	}
	for k := 0; k < n; k++ {
		if (maxDays > 0 && groups == maxDays) || w.n+count(k) > feeds.MaxLines {
			if err := flush(); err != nil {
				return total, err
			}
		}
		write(w, k)
		groups++
	}
	err := flush()
	return total, err
}

func (u uploader) send(kind string, part int, body []byte) (int, error) {
	key := fmt.Sprintf("demo-%s-%s-%d", u.code, kind, part)
	r, err := u.feeds.Ingest(u.ctx, authz.System("seed"), feeds.Request{StoreID: u.storeID, Kind: kind, Body: bytes.NewReader(body),
		Request: upload.Request{Format: upload.JSON, IdempotencyKey: key},
		Scope:   fmt.Sprintf("POST /api/v1/stores/%d/%s", u.storeID, kind)})
	if err != nil {
		return 0, fmt.Errorf("demo history: store %s: %s part %d: %w", u.code, kind, part, err)
	}
	if r.Replayed {
		return 0, nil
	}
	return r.Lines, nil
}
