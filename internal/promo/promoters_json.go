package promo

import (
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

type shiftLineJSON struct {
	SKU string    `json:"sku"`
	Qty fixed.Qty `json:"qty"`
}

type outputJSON struct {
	Hours        fixed.Qty  `json:"hours"`
	Units        fixed.Qty  `json:"units"`
	UnitsPerHour *fixed.Qty `json:"units_per_hour"`
}

func toOutputJSON(o Output) outputJSON {
	out := outputJSON{Hours: o.Hours(), Units: o.Units}
	if v, ok := o.PerHour(); ok {
		out.UnitsPerHour = &v
	}
	return out
}

type shiftJSON struct {
	outputJSON
	ID        int64           `json:"id"`
	Date      civil.Date      `json:"date"`
	StartTime string          `json:"start_time"`
	EndTime   string          `json:"end_time"`
	Lines     []shiftLineJSON `json:"lines"`
}

func toShiftJSON(sh Shift) shiftJSON {
	var o Output
	o.Add(sh)
	out := shiftJSON{outputJSON: toOutputJSON(o), ID: sh.ID, Date: sh.Date, StartTime: Clock(sh.StartMinute),
		EndTime: Clock(sh.EndMinute), Lines: []shiftLineJSON{}}
	for _, l := range sh.Lines {
		out.Lines = append(out.Lines, shiftLineJSON{SKU: l.SKU, Qty: l.Qty})
	}
	return out
}

type promoterJSON struct {
	outputJSON
	ID         int64       `json:"id"`
	CampaignID int64       `json:"campaign_id"`
	StoreID    int64       `json:"store_id"`
	Name       string      `json:"name"`
	Phone      string      `json:"phone"`
	Agency     string      `json:"agency"`
	Shifts     []shiftJSON `json:"shifts"`
}

func toPromoterJSON(p Promoter) promoterJSON {
	var o Output
	out := promoterJSON{ID: p.ID, CampaignID: p.CampaignID, StoreID: p.StoreID, Name: p.Name, Phone: p.Phone,
		Agency: p.Agency, Shifts: []shiftJSON{}}
	for _, sh := range p.Shifts {
		o.Add(sh)
		out.Shifts = append(out.Shifts, toShiftJSON(sh))
	}
	out.outputJSON = toOutputJSON(o)
	return out
}

type efficiencyJSON struct {
	Days               []civil.Date `json:"days"`
	NetSales           fixed.Money  `json:"net_sales"`
	LabourHours        fixed.Qty    `json:"labour_hours"`
	SalesPerLabourHour *fixed.Money `json:"sales_per_labour_hour"`
}

type promoterReportJSON struct {
	StoreID         int64          `json:"store_id"`
	Promoters       []promoterJSON `json:"promoters"`
	Total           outputJSON     `json:"total"`
	StoreEfficiency efficiencyJSON `json:"store_efficiency"`
}

func toPromoterReportJSON(r PromoterReport) promoterReportJSON {
	var total Output
	out := promoterReportJSON{StoreID: r.StoreID, Promoters: []promoterJSON{}}
	for _, p := range r.Promoters {
		for _, sh := range p.Shifts {
			total.Add(sh)
		}
		out.Promoters = append(out.Promoters, toPromoterJSON(p))
	}
	out.Total = toOutputJSON(total)
	e := r.Efficiency
	out.StoreEfficiency = efficiencyJSON{Days: e.Days, NetSales: e.NetSales, LabourHours: e.Hours}
	if out.StoreEfficiency.Days == nil {
		out.StoreEfficiency.Days = []civil.Date{}
	}
	if v, ok := e.PerHour(); ok {
		out.StoreEfficiency.SalesPerLabourHour = &v
	}
	return out
}
