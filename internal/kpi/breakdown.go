package kpi

import (
	"cmp"
	"context"
	"slices"

	"github.com/storeops/storeops/internal/platform/paging"

	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/sheet"
	"github.com/storeops/storeops/internal/shrinkfeed"
)

// Breakable lists the KPIs that have a drill-down.
var Breakable = []Key{Sales, GrossMargin, Opex, LabourCost, Materials, Repairs, Shrink}

// TopSKUCount is how many products a sales or margin drill-down lists.
const TopSKUCount = 20

// Part is one piece of a KPI: a category, a cost line or a department.
type Part struct {
	Key, Label string
	Actual     fixed.Money
	SharePct   *fixed.Money // of the KPI's total; nil when the total is 0
}

// TopSKU is one product's sales and margin over the range.
type TopSKU struct {
	SKU, Name, Department, Category string
	Qty                             fixed.Qty
	NetSales, GrossMargin           fixed.Money
}

// Breakdown is what one KPI of a store is made of over a range.
type Breakdown struct {
	KPI     Key
	Store   org.Store
	Range   Range
	Parts   []Part
	TopSKUs []TopSKU
}

// costLines names the parts of operating expenses, per language.
var costLines = map[string]map[string]string{
	sheet.Chinese: {"labour": "人工", "materials": "物料", "repairs": "修理费", "other": "其他费用"},
	sheet.English: {"labour": "Labour", "materials": "Materials", "repairs": "Repairs", "other": "Other expenses"},
}

// Breakdown answers the parts of a KPI: sales and margin by product category with the top
// products; operating expenses, materials and repairs by cost line, and shrink by reason
// (each by department when no department is asked for); labour by department.
func (s *Service) Breakdown(ctx context.Context, p *authz.Principal, storeID int64, k Key, q Query, lang string) (Breakdown, error) {
	sc, err := s.scope(ctx, p, storeID, q.Department)
	if err != nil {
		return Breakdown{}, err
	}
	rng, err := q.resolve(sc.today)
	if err != nil {
		return Breakdown{}, err
	}
	deps := sc.deps
	out := Breakdown{KPI: k, Store: sc.store, Range: rng, Parts: []Part{}, TopSKUs: []TopSKU{}}
	switch k {
	case Sales, GrossMargin:
		err = s.productParts(ctx, &out, deps)
	case Opex, LabourCost, Materials, Repairs:
		err = s.costParts(ctx, &out, deps, q.Department == "", lang)
	case Shrink:
		err = s.shrinkParts(ctx, &out, deps, q.Department == "", lang)
	}
	return out, err
}

func (s *Service) productParts(ctx context.Context, b *Breakdown, deps []string) error {
	rows, err := s.feeds.SalesByProduct(ctx, b.Store.ID, b.Range.From, b.Range.To)
	if err != nil {
		return err
	}
	ids := make([]int64, len(rows))
	for i, r := range rows {
		ids[i] = r.ProductID
	}
	refs, err := s.catalog.RefsByID(ctx, ids)
	if err != nil {
		return err
	}
	parts := map[string]fixed.Money{}
	for _, r := range rows {
		ref, ok := refs[r.ProductID]
		if !ok || !slices.Contains(deps, ref.DepartmentCode) {
			continue
		}
		sku := TopSKU{SKU: ref.SKU, Name: ref.Name, Department: ref.DepartmentCode, Category: ref.Category,
			Qty: r.Qty, NetSales: r.NetSales, GrossMargin: r.NetSales - r.Cost}
		if b.KPI == Sales {
			parts[ref.Category] += sku.NetSales
		} else {
			parts[ref.Category] += sku.GrossMargin
		}
		b.TopSKUs = append(b.TopSKUs, sku)
	}
	for cat, v := range parts {
		b.Parts = append(b.Parts, Part{Key: cat, Label: cat, Actual: v})
	}
	measure := func(t TopSKU) fixed.Money {
		if b.KPI == Sales {
			return t.NetSales
		}
		return t.GrossMargin
	}
	slices.SortFunc(b.TopSKUs, func(x, y TopSKU) int {
		return cmp.Or(cmp.Compare(measure(y), measure(x)), cmp.Compare(x.SKU, y.SKU))
	})
	b.TopSKUs = b.TopSKUs[:min(len(b.TopSKUs), TopSKUCount)]
	finishParts(b.Parts)
	return nil
}

func (s *Service) costParts(ctx context.Context, b *Breakdown, deps []string, byDepartment bool, lang string) error {
	names, err := s.departmentNames(ctx, lang)
	if err != nil {
		return err
	}
	parts := map[string]*Part{}
	add := func(dept, line string, v fixed.Money) {
		if !slices.Contains(deps, dept) {
			return
		}
		key, label := line, costLines[lang][line]
		switch {
		case b.KPI == LabourCost:
			key, label = dept, names[dept]
		case byDepartment:
			key, label = dept+"."+line, names[dept]+" · "+label
		}
		pt := parts[key]
		if pt == nil {
			pt = &Part{Key: key, Label: label}
			parts[key] = pt
		}
		pt.Actual += v
	}
	if b.KPI == Opex || b.KPI == LabourCost {
		rows, err := s.feeds.DailyLabour(ctx, []int64{b.Store.ID}, b.Range.From, b.Range.To)
		if err != nil {
			return err
		}
		for _, r := range rows {
			add(r.DepartmentCode, "labour", r.Cost)
		}
	}
	if b.KPI != LabourCost {
		rows, err := s.feeds.DailyExpenses(ctx, []int64{b.Store.ID}, b.Range.From, b.Range.To)
		if err != nil {
			return err
		}
		for _, r := range rows {
			line := r.Category
			if line != "materials" && line != "repairs" {
				line = "other"
			}
			if b.KPI == Opex || Keys[b.KPI] == line {
				add(r.DepartmentCode, line, r.Amount)
			}
		}
	}
	for _, pt := range parts {
		b.Parts = append(b.Parts, *pt)
	}
	finishParts(b.Parts)
	return nil
}

// shrinkParts splits shrink by reason (stocktake losses, later write-offs and markdowns),
// and each reason by department when no department is asked for, like the cost lines.
func (s *Service) shrinkParts(ctx context.Context, b *Breakdown, deps []string, byDepartment bool, lang string) error {
	names, err := s.departmentNames(ctx, lang)
	if err != nil {
		return err
	}
	rows, err := s.dailyShrink(ctx, []int64{b.Store.ID}, b.Range)
	if err != nil {
		return err
	}
	parts := map[string]*Part{}
	for _, r := range rows {
		if r.StoreID != b.Store.ID || !slices.Contains(deps, r.DepartmentCode) {
			continue
		}
		key, label := r.Reason, shrinkReason(lang, r.Reason)
		if byDepartment {
			key, label = r.DepartmentCode+"."+r.Reason, names[r.DepartmentCode]+" · "+label
		}
		pt := parts[key]
		if pt == nil {
			pt = &Part{Key: key, Label: label}
			parts[key] = pt
		}
		pt.Actual += r.Amount
	}
	for _, pt := range parts {
		b.Parts = append(b.Parts, *pt)
	}
	finishParts(b.Parts)
	return nil
}

// shrinkReasons names the reasons of shrink, per language.
var shrinkReasons = map[string]map[string]string{
	sheet.Chinese: {shrinkfeed.ReasonStocktake: "盘点损耗", shrinkfeed.ReasonWriteOff: "报损", shrinkfeed.ReasonMarkdown: "降价损失"},
	sheet.English: {shrinkfeed.ReasonStocktake: "Stocktake loss", shrinkfeed.ReasonWriteOff: "Write-offs",
		shrinkfeed.ReasonMarkdown: "Markdown loss"},
}

// shrinkReason labels a reason; a reason without a name shows as itself.
func shrinkReason(lang, reason string) string {
	if label, ok := shrinkReasons[lang][reason]; ok {
		return label
	}
	return reason
}

// finishParts sorts the parts, largest first, and works out each one's share of the total.
func finishParts(parts []Part) {
	var total fixed.Money
	for _, pt := range parts {
		total += pt.Actual
	}
	slices.SortFunc(parts, func(x, y Part) int { return cmp.Or(cmp.Compare(y.Actual, x.Actual), cmp.Compare(x.Key, y.Key)) })
	for i := range parts {
		parts[i].SharePct = ratio(int64(parts[i].Actual), 10_000, int64(total))
	}
}

// departmentNames maps department codes to their names in lang.
func (s *Service) departmentNames(ctx context.Context, lang string) (map[string]string, error) {
	list, _, err := s.stores.ListDepartments(ctx, paging.Page{Page: 1, PageSize: paging.MaxPageSize})
	out := make(map[string]string, len(list))
	for _, d := range list {
		out[d.Code] = d.Name
		if lang == sheet.English {
			out[d.Code] = d.NameEn
		}
	}
	return out, err
}
