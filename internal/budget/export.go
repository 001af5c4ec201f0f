package budget

import (
	"time"

	"github.com/storeops/storeops/internal/platform/sheet"
)

// exportHeaders are the columns of a month's budget download, per language.
var exportHeaders = map[string][]string{
	sheet.Chinese: {"部门", "月份", "销售目标", "毛利率目标(%)", "人工预算", "物料预算", "修理费预算", "损耗预算",
		"人均销售目标", "版本", "更新时间", "更新人"},
	sheet.English: {"Department", "Month", "Sales target", "Gross margin target (%)", "Labour budget",
		"Materials budget", "Repairs budget", "Shrink budget", "Sales per head target", "Version", "Updated at",
		"Updated by"},
}

var sheetNames = map[string]string{sheet.Chinese: "预算", sheet.English: "Budgets"}

// exportTable lays a month's budgets out as the download's table; a missing amount is an
// empty cell.
func exportTable(list []Budget, lang string) sheet.Table {
	t := sheet.Table{Name: sheetNames[lang], Header: exportHeaders[lang]}
	for _, b := range list {
		row := []sheet.Cell{sheet.Text(b.DepartmentCode), sheet.Text(b.Month)}
		for _, f := range b.Amounts.Fields() {
			v := ""
			if *f.Value != nil {
				v = (*f.Value).String()
			}
			row = append(row, sheet.Number(v))
		}
		at, by := "", ""
		if b.Version > 0 && b.UpdatedAt != nil {
			at, by = b.UpdatedAt.UTC().Format(time.RFC3339), b.UpdatedBy
		}
		row = append(row, sheet.Integer(b.Version), sheet.Text(at), sheet.Text(by))
		t.Rows = append(t.Rows, row)
	}
	return t
}
