package kpi

import (
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/sheet"
)

// words are the export's labels per language: KPI names, statuses and column headers.
type words struct {
	kpis                                 [numKeys]string
	status                               map[string]string
	total                                string
	report, parts, skus, ranking         string
	reportHeader, partsHeader, skuHeader []string
	rankingHeader                        []string
}

var vocabulary = map[string]words{
	sheet.Chinese: {
		kpis: [numKeys]string{"销售额", "销售成本", "毛利", "毛利率(%)", "人工", "物料", "修理费", "商品损耗", "损耗率(%)",
			"营运费用", "人均销售", "每工时销售"},
		status: map[string]string{OnTrack: "达标", Watch: "关注", OffTrack: "未达标"},
		total:  "合计", report: "经营看板", parts: "构成", skus: "商品排行", ranking: "门店排名",
		reportHeader:  []string{"部门", "指标", "实际", "预算", "差异", "差异率(%)", "状态", "上月同期", "去年同期"},
		partsHeader:   []string{"项目", "代码", "实际", "占比(%)"},
		skuHeader:     []string{"SKU", "商品", "部门", "品类", "数量", "销售额", "毛利"},
		rankingHeader: []string{"排名", "门店编码", "门店", "区域", "实际", "预算", "差异", "差异率(%)", "状态"},
	},
	sheet.English: {
		kpis: [numKeys]string{"Sales", "Cost of goods sold", "Gross margin", "Gross margin (%)", "Labour", "Materials",
			"Repairs", "Shrink", "Shrink (%)", "Operating expenses", "Sales per head", "Sales per labour hour"},
		status: map[string]string{OnTrack: "On track", Watch: "Watch", OffTrack: "Off track"},
		total:  "Total", report: "KPIs", parts: "Parts", skus: "Top SKUs", ranking: "Ranking",
		reportHeader: []string{"Department", "KPI", "Actual", "Budget", "Variance", "Variance (%)", "Status",
			"Last month", "Last year"},
		partsHeader:   []string{"Part", "Key", "Actual", "Share (%)"},
		skuHeader:     []string{"SKU", "Product", "Department", "Category", "Qty", "Net sales", "Gross margin"},
		rankingHeader: []string{"Rank", "Store code", "Store", "Region", "Actual", "Budget", "Variance", "Variance (%)", "Status"},
	},
}

func num(v *fixed.Money) sheet.Cell {
	if v == nil {
		return sheet.Number("")
	}
	return sheet.Number(v.String())
}

// reportTable lays the departments and the total out one KPI per row.
func reportTable(r Report, names map[string]string, lang string) sheet.Table {
	w := vocabulary[lang]
	t := sheet.Table{Name: w.report, Header: w.reportHeader}
	for _, row := range append(append([]Row{}, r.Departments...), r.Total) {
		label := names[row.Department]
		if row.Department == Total {
			label = w.total
		}
		for k, v := range row.KPIs {
			t.Rows = append(t.Rows, []sheet.Cell{sheet.Text(label), sheet.Text(w.kpis[k]), num(v.Actual), num(v.Budget),
				num(v.Variance), num(v.VariancePct), sheet.Text(w.status[v.Status]), num(v.LastMonth), num(v.LastYear)})
		}
	}
	return t
}

// breakdownTables are the parts and, for sales and margin, the top products.
func breakdownTables(b Breakdown, lang string) []sheet.Table {
	w := vocabulary[lang]
	parts := sheet.Table{Name: w.parts, Header: w.partsHeader}
	for _, p := range b.Parts {
		a := p.Actual
		parts.Rows = append(parts.Rows, []sheet.Cell{sheet.Text(p.Label), sheet.Text(p.Key), num(&a), num(p.SharePct)})
	}
	if b.KPI != Sales && b.KPI != GrossMargin {
		return []sheet.Table{parts}
	}
	skus := sheet.Table{Name: w.skus, Header: w.skuHeader}
	for _, s := range b.TopSKUs {
		ns, gm := s.NetSales, s.GrossMargin
		skus.Rows = append(skus.Rows, []sheet.Cell{sheet.Text(s.SKU), sheet.Text(s.Name), sheet.Text(s.Department),
			sheet.Text(s.Category), sheet.Number(s.Qty.String()), num(&ns), num(&gm)})
	}
	return []sheet.Table{parts, skus}
}

func rankingTable(r Ranking, lang string) sheet.Table {
	w := vocabulary[lang]
	t := sheet.Table{Name: w.ranking, Header: w.rankingHeader}
	for _, it := range r.Items {
		v := it.KPI
		t.Rows = append(t.Rows, []sheet.Cell{sheet.Integer(it.Rank), sheet.Text(it.Store.Code),
			sheet.Text(it.Store.Name), sheet.Text(it.Store.Region), num(v.Actual), num(v.Budget), num(v.Variance),
			num(v.VariancePct), sheet.Text(w.status[v.Status])})
	}
	return t
}
