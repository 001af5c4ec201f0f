package complaints

import "github.com/storeops/storeops/internal/platform/sheet"

type exportWords struct {
	categories, departments, stores, store, total, none string
	header                                              []string
}

var words = map[string]exportWords{
	sheet.Chinese: {"按类别", "按部门", "按门店", "门店", "合计", "未指定", []string{"类别/部门", "投诉数", "未解决", "已解决", "补偿金额", "平均解决时长(小时)"}},
	sheet.English: {"By category", "By department", "By store", "Store", "Total", "None", []string{"Category/department", "Complaints", "Open",
		"Resolved", "Compensation", "Mean hours to resolve"}},
}

// Tables lays the report out as the export's tables (by category, by department and, in the
// chain report, by store), each ending with the total.
func Tables(r Report, lang string) []sheet.Table {
	w := words[lang]
	table := func(name string, groups []Group) sheet.Table {
		t := sheet.Table{Name: name, Header: w.header}
		total := r.Total
		total.Key = w.total
		for _, g := range append(append([]Group{}, groups...), total) {
			key := g.Key
			if key == "" {
				key = w.none
			}
			mean := sheet.Number("")
			if g.MeanHoursToResolve != nil {
				mean = sheet.Number(g.MeanHoursToResolve.String())
			}
			t.Rows = append(t.Rows, []sheet.Cell{sheet.Text(key), sheet.Integer(g.Count), sheet.Integer(g.Open),
				sheet.Integer(g.Resolved), sheet.Number(g.Compensation.String()), mean})
		}
		return t
	}
	tables := []sheet.Table{table(w.categories, r.ByCategory), table(w.departments, r.ByDepartment)}
	if r.ByStore != nil {
		stores := make([]Group, len(r.ByStore))
		for i, g := range r.ByStore {
			stores[i] = g.Group
			stores[i].Key = g.StoreName
		}
		t := table(w.stores, stores)
		t.Header = append([]string{w.store}, w.header[1:]...)
		tables = append(tables, t)
	}
	return tables
}
