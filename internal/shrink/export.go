package shrink

import (
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/sheet"
)

type reportWords struct {
	departments, reasons, days, products string
	deptHeader, reasonHeader             []string
	dayHeader, productHeader             []string
}

var exportWords = map[string]reportWords{
	sheet.Chinese: {"按部门", "按原因", "按日", "损耗最多商品",
		[]string{"部门", "报损", "降价损失", "盘点差异", "损耗合计", "净销售额", "损耗率%", "损耗预算", "预算使用%"},
		[]string{"原因", "金额", "笔数"},
		[]string{"日期", "报损", "降价损失", "盘点差异", "损耗合计"},
		[]string{"SKU", "品名", "部门", "报损数量", "报损金额", "降价数量", "降价损失", "合计"}},
	sheet.English: {"By department", "By reason", "By day", "Top products",
		[]string{"Department", "Write-offs", "Markdown loss", "Stocktake variance", "Shrink total", "Net sales", "Shrink %",
			"Shrink budget", "Budget used %"},
		[]string{"Reason", "Amount", "Count"},
		[]string{"Date", "Write-offs", "Markdown loss", "Stocktake variance", "Shrink total"},
		[]string{"SKU", "Name", "Department", "Write-off qty", "Write-offs", "Markdown qty", "Markdown loss", "Total"}},
}

func money(m fixed.Money) sheet.Cell { return sheet.Number(m.String()) }

func optMoney(m *fixed.Money) sheet.Cell {
	if m == nil {
		return sheet.Number("")
	}
	return money(*m)
}

// ReportTables lays the report out as the export's tables.
func ReportTables(r Report, lang string) []sheet.Table {
	w := exportWords[lang]
	dept := sheet.Table{Name: w.departments, Header: w.deptHeader}
	for _, d := range append(append([]DepartmentShrink{}, r.ByDepartment...), r.Totals) {
		j := toDepartmentJSON(d)
		name := d.DepartmentCode
		if name == "" {
			name = map[string]string{sheet.Chinese: "合计", sheet.English: "Total"}[lang]
		}
		dept.Rows = append(dept.Rows, []sheet.Cell{sheet.Text(name), money(d.WriteOff), money(d.Markdown),
			money(d.Stocktake), money(d.Total()), money(d.NetSales), optMoney(j.ShrinkPct), optMoney(d.Budget),
			optMoney(j.BudgetUsedPct)})
	}
	reasons := sheet.Table{Name: w.reasons, Header: w.reasonHeader}
	for _, x := range r.ByReason {
		reasons.Rows = append(reasons.Rows, []sheet.Cell{sheet.Text(x.Reason), money(x.Amount), sheet.Integer(x.Count)})
	}
	days := sheet.Table{Name: w.days, Header: w.dayHeader}
	for _, d := range r.ByDay {
		days.Rows = append(days.Rows, []sheet.Cell{sheet.Text(d.Date.String()), money(d.WriteOff), money(d.Markdown),
			money(d.Stocktake), money(d.Total())})
	}
	products := sheet.Table{Name: w.products, Header: w.productHeader}
	for _, p := range r.Top {
		products.Rows = append(products.Rows, []sheet.Cell{sheet.Text(p.SKU), sheet.Text(p.Name),
			sheet.Text(p.DepartmentCode), sheet.Number(p.WriteOffQty.String()), money(p.WriteOff),
			sheet.Number(p.MarkdownQty.String()), money(p.Markdown), money(p.WriteOff + p.Markdown)})
	}
	return []sheet.Table{dept, reasons, days, products}
}
