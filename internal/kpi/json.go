package kpi

import (
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// kpiJSON is one KPI in answers; every field is null where it does not apply.
type kpiJSON struct {
	Actual      *fixed.Money `json:"actual"`
	Budget      *fixed.Money `json:"budget"`
	Variance    *fixed.Money `json:"variance"`
	VariancePct *fixed.Money `json:"variance_pct"`
	Status      *string      `json:"status"`
	LastMonth   *fixed.Money `json:"last_month"`
	LastYear    *fixed.Money `json:"last_year"`
}

func toKPIJSON(v KPI) kpiJSON {
	out := kpiJSON{Actual: v.Actual, Budget: v.Budget, Variance: v.Variance, VariancePct: v.VariancePct,
		LastMonth: v.LastMonth, LastYear: v.LastYear}
	if v.Status != "" {
		st := v.Status
		out.Status = &st
	}
	return out
}

// rowJSON is one department's (or the total's) KPIs.
type rowJSON struct {
	DepartmentCode     string  `json:"department_code"`
	Sales              kpiJSON `json:"sales"`
	COGS               kpiJSON `json:"cogs"`
	GrossMargin        kpiJSON `json:"gross_margin"`
	GrossMarginPct     kpiJSON `json:"gross_margin_pct"`
	LabourCost         kpiJSON `json:"labour_cost"`
	Materials          kpiJSON `json:"materials"`
	Repairs            kpiJSON `json:"repairs"`
	Shrink             kpiJSON `json:"shrink"`
	ShrinkPct          kpiJSON `json:"shrink_pct"`
	Opex               kpiJSON `json:"opex"`
	SalesPerHead       kpiJSON `json:"sales_per_head"`
	SalesPerLabourHour kpiJSON `json:"sales_per_labour_hour"`
}

func toRowJSON(r Row) rowJSON {
	j := func(k Key) kpiJSON { return toKPIJSON(r.KPIs[k]) }
	return rowJSON{DepartmentCode: r.Department, Sales: j(Sales), COGS: j(COGS), GrossMargin: j(GrossMargin),
		GrossMarginPct: j(GrossMarginPct), LabourCost: j(LabourCost), Materials: j(Materials), Repairs: j(Repairs),
		Shrink: j(Shrink), ShrinkPct: j(ShrinkPct), Opex: j(Opex), SalesPerHead: j(SalesPerHead),
		SalesPerLabourHour: j(SalesPerLabourHour)}
}

type pointJSON struct {
	Date        civil.Date   `json:"date"`
	Sales       fixed.Money  `json:"sales"`
	GrossMargin fixed.Money  `json:"gross_margin"`
	LabourCost  fixed.Money  `json:"labour_cost"`
	Opex        fixed.Money  `json:"opex"`
	SalesBudget *fixed.Money `json:"sales_budget"`
}

type reportJSON struct {
	StoreID     int64       `json:"store_id"`
	From        civil.Date  `json:"from"`
	To          civil.Date  `json:"to"`
	Days        int         `json:"days"`
	Departments []rowJSON   `json:"departments"`
	Total       rowJSON     `json:"total"`
	Series      []pointJSON `json:"series"`
}

func toReportJSON(r Report) reportJSON {
	out := reportJSON{StoreID: r.Store.ID, From: r.Range.From, To: r.Range.To, Days: r.Range.Days(),
		Departments: make([]rowJSON, len(r.Departments)), Total: toRowJSON(r.Total),
		Series: make([]pointJSON, len(r.Series))}
	for i, d := range r.Departments {
		out.Departments[i] = toRowJSON(d)
	}
	for i, p := range r.Series {
		out.Series[i] = pointJSON{Date: p.Date, Sales: p.Sales, GrossMargin: p.GrossMargin, LabourCost: p.Labour,
			Opex: p.Opex, SalesBudget: p.SalesBudget}
	}
	return out
}

type partJSON struct {
	Key      string       `json:"key"`
	Label    string       `json:"label"`
	Actual   fixed.Money  `json:"actual"`
	SharePct *fixed.Money `json:"share_pct"`
}

type topSKUJSON struct {
	SKU            string      `json:"sku"`
	Name           string      `json:"name"`
	DepartmentCode string      `json:"department_code"`
	Category       string      `json:"category"`
	Qty            fixed.Qty   `json:"qty"`
	NetSales       fixed.Money `json:"net_sales"`
	GrossMargin    fixed.Money `json:"gross_margin"`
}

type breakdownJSON struct {
	KPI     string       `json:"kpi"`
	From    civil.Date   `json:"from"`
	To      civil.Date   `json:"to"`
	Parts   []partJSON   `json:"parts"`
	TopSKUs []topSKUJSON `json:"top_skus"`
}

func toBreakdownJSON(b Breakdown) breakdownJSON {
	out := breakdownJSON{KPI: Keys[b.KPI], From: b.Range.From, To: b.Range.To,
		Parts: make([]partJSON, len(b.Parts)), TopSKUs: make([]topSKUJSON, len(b.TopSKUs))}
	for i, p := range b.Parts {
		out.Parts[i] = partJSON(p)
	}
	for i, t := range b.TopSKUs {
		out.TopSKUs[i] = topSKUJSON{SKU: t.SKU, Name: t.Name, DepartmentCode: t.Department, Category: t.Category,
			Qty: t.Qty, NetSales: t.NetSales, GrossMargin: t.GrossMargin}
	}
	return out
}

type rankItemJSON struct {
	Rank        int          `json:"rank"`
	StoreID     int64        `json:"store_id"`
	StoreCode   string       `json:"store_code"`
	StoreName   string       `json:"store_name"`
	Region      string       `json:"region"`
	Actual      *fixed.Money `json:"actual"`
	Budget      *fixed.Money `json:"budget"`
	Variance    *fixed.Money `json:"variance"`
	VariancePct *fixed.Money `json:"variance_pct"`
	Status      *string      `json:"status"`
}

type rankingJSON struct {
	Month          string         `json:"month"`
	KPI            string         `json:"kpi"`
	DepartmentCode *string        `json:"department_code"`
	Items          []rankItemJSON `json:"items"`
}

func toRankingJSON(r Ranking) rankingJSON {
	out := rankingJSON{Month: r.Month, KPI: Keys[r.KPI], Items: make([]rankItemJSON, len(r.Items))}
	if r.Department != "" {
		d := r.Department
		out.DepartmentCode = &d
	}
	for i, it := range r.Items {
		k := toKPIJSON(it.KPI)
		out.Items[i] = rankItemJSON{Rank: it.Rank, StoreID: it.Store.ID, StoreCode: it.Store.Code,
			StoreName: it.Store.Name, Region: it.Store.Region, Actual: k.Actual, Budget: k.Budget,
			Variance: k.Variance, VariancePct: k.VariancePct, Status: k.Status}
	}
	return out
}
