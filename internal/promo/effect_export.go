package promo

import (
	"time"

	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/sheet"
)

type effectWords struct {
	stores, items, lines     string
	figures                  []string
	storeHeader, itemHeader  []string
	lineHeader, reviewHeader []string
}

var effectExportWords = map[string]effectWords{
	sheet.Chinese: {"按门店", "按商品", "门店商品明细",
		[]string{"基线日均销量", "促销日均销量", "基线日均销售额", "促销日均销售额", "销量提升%", "增量毛利", "缺货天数"},
		[]string{"门店编码", "门店"}, []string{"SKU", "品名", "原价", "促销价"}, []string{"门店编码", "SKU", "品名"},
		[]string{"总结分析", "填写人", "填写时间"}},
	sheet.English: {"By store", "By item", "Lines",
		[]string{"Baseline units/day", "Promo units/day", "Baseline sales/day", "Promo sales/day", "Uplift %",
			"Incremental margin", "Days out of stock"},
		[]string{"Store code", "Store"}, []string{"SKU", "Name", "Regular price", "Promo price"}, []string{"Store code", "SKU", "Name"},
		[]string{"Review", "Reviewed by", "Reviewed at"}},
}

func figureCells(f Figures) []sheet.Cell {
	pct := sheet.Number("")
	if f.UpliftPct != nil {
		pct = sheet.Number(f.UpliftPct.String())
	}
	return []sheet.Cell{sheet.Number(f.BaselineQtyPerDay.String()), sheet.Number(f.PromoQtyPerDay.String()),
		sheet.Number(f.BaselineSalesPerDay.String()), sheet.Number(f.PromoSalesPerDay.String()), pct,
		sheet.Number(f.IncrementalMargin.String()), sheet.Integer(f.DaysOutOfStock)}
}

func header(parts ...[]string) []string {
	var out []string
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func money(m fixed.Money) sheet.Cell { return sheet.Number(m.String()) }

// EffectTables lays the effect report out as the export's tables: by store (with the
// reviews and the campaign's total last), by item, and every line of store and item.
func EffectTables(e Effect, lang string) []sheet.Table {
	w := effectExportWords[lang]
	stores := sheet.Table{Name: w.stores, Header: header(w.storeHeader, w.figures, w.reviewHeader)}
	codes := map[int64]string{}
	for _, s := range e.Stores {
		codes[s.StoreID] = s.StoreCode
		at := ""
		if s.Review.ReviewedAt != nil {
			at = s.Review.ReviewedAt.UTC().Format(time.RFC3339)
		}
		row := append([]sheet.Cell{sheet.Text(s.StoreCode), sheet.Text(s.StoreName)}, figureCells(e.Figures(s.Sums))...)
		stores.Rows = append(stores.Rows, append(row, sheet.Text(s.Review.Review), sheet.Text(s.Review.ReviewedByName), sheet.Text(at)))
	}
	total := map[string]string{sheet.Chinese: "合计", sheet.English: "Total"}[lang]
	stores.Rows = append(stores.Rows, append([]sheet.Cell{sheet.Text(total), sheet.Text("")}, figureCells(e.Figures(e.Total))...))
	items := sheet.Table{Name: w.items, Header: header(w.itemHeader, w.figures)}
	for _, it := range e.Items {
		items.Rows = append(items.Rows, append([]sheet.Cell{sheet.Text(it.SKU), sheet.Text(it.Name), money(it.RegularPrice),
			money(it.PromoPrice)}, figureCells(e.Figures(it.Sums))...))
	}
	lines := sheet.Table{Name: w.lines, Header: header(w.lineHeader, w.figures)}
	for _, l := range e.Lines {
		lines.Rows = append(lines.Rows, append([]sheet.Cell{sheet.Text(codes[l.StoreID]), sheet.Text(l.SKU), sheet.Text(l.Name)},
			figureCells(e.Figures(l.Sums))...))
	}
	return []sheet.Table{stores, items, lines}
}
