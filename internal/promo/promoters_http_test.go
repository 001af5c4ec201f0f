package promo_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/storeops/storeops/internal/testutil"
)

type promoterReport struct {
	StoreID   int64 `json:"store_id"`
	Promoters []struct {
		ID           int64   `json:"id"`
		Name         string  `json:"name"`
		Hours        string  `json:"hours"`
		Units        string  `json:"units"`
		UnitsPerHour *string `json:"units_per_hour"`
		Shifts       []struct {
			Date      string `json:"date"`
			StartTime string `json:"start_time"`
			Hours     string `json:"hours"`
		} `json:"shifts"`
	} `json:"promoters"`
	Total struct {
		Hours        string  `json:"hours"`
		Units        string  `json:"units"`
		UnitsPerHour *string `json:"units_per_hour"`
	} `json:"total"`
	StoreEfficiency struct {
		Days               []string `json:"days"`
		NetSales           string   `json:"net_sales"`
		LabourHours        string   `json:"labour_hours"`
		SalesPerLabourHour *string  `json:"sales_per_labour_hour"`
	} `json:"store_efficiency"`
}

func TestPromotersShiftsAndOutput(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		hq := f.env.Login("hq1")
		body := f.campaign(money(f.ref.RetailPrice-10), f.pudong, f.gz)
		body["starts_on"] = f.today.AddDays(-3).String()
		var c campaignDetail
		testutil.Must(t, hq, "POST", "/api/v1/campaigns", body, http.StatusCreated).JSON(t, &c)
		testutil.Must(t, hq, "POST", fmt.Sprintf("/api/v1/campaigns/%d/publish", c.ID), nil, http.StatusOK)
		promoters := fmt.Sprintf("/api/v1/campaigns/%d/promoters", c.ID)

		manager1, super1 := f.env.Login("manager1"), f.env.Login("super1")
		var pr struct {
			ID    int64  `json:"id"`
			Phone string `json:"phone"`
		}
		testutil.Must(t, manager1, "POST", promoters, map[string]any{"store_id": f.pudong, "name": "李娜",
			"phone": "138 0013 8000", "agency": "蒙牛促销服务"}, http.StatusCreated).JSON(t, &pr)
		if res := manager1.Do("POST", promoters, map[string]any{"store_id": f.gz, "name": "王五"}); res.Status != http.StatusNotFound {
			t.Errorf("manager1 assigning in gz-tianhe: %d", res.Status)
		}
		if res := super1.Do("POST", promoters, map[string]any{"store_id": f.pudong, "name": "王五"}); res.Status != http.StatusForbidden {
			t.Errorf("a supervisor assigning: %d", res.Status)
		}
		var gzPromoter struct {
			ID int64 `json:"id"`
		}
		testutil.Must(t, hq, "POST", promoters, map[string]any{"store_id": f.gz, "name": "王五"}, http.StatusCreated).JSON(t, &gzPromoter)
		var elsewhere int64
		f.env.DB.Table("stores").Where("id NOT IN ?", []int64{f.pudong, f.gz}).Order("id").Limit(1).Pluck("id", &elsewhere)
		for _, bad := range []struct {
			body  map[string]any
			field string
		}{
			{map[string]any{"store_id": elsewhere, "name": "赵六"}, "store_id"},
			{map[string]any{"store_id": f.pudong, "name": "  "}, "name"},
			{map[string]any{"store_id": f.pudong, "name": "赵六", "phone": "call me"}, "phone"},
		} {
			if res := hq.Do("POST", promoters, bad.body); res.Status != http.StatusBadRequest || res.Fields()[bad.field] == "" {
				t.Errorf("%v: %d %s, want 400 naming %s", bad.body, res.Status, res.Body, bad.field)
			}
		}

		shifts := fmt.Sprintf("/api/v1/campaign-promoters/%d/shifts", pr.ID)
		shift := func(day int, start, end string, qty any) map[string]any {
			return map[string]any{"date": f.today.AddDays(day).String(), "start_time": start, "end_time": end,
				"lines": []map[string]any{{"sku": f.ref.SKU, "qty": qty}}}
		}
		var sh struct {
			Hours        string  `json:"hours"`
			Units        string  `json:"units"`
			UnitsPerHour *string `json:"units_per_hour"`
		}
		testutil.Must(t, super1, "POST", shifts, shift(-1, "09:00", "17:30", "40"), http.StatusCreated).JSON(t, &sh)
		if sh.Hours != "8.500" || sh.Units != "40.000" || sh.UnitsPerHour == nil || *sh.UnitsPerHour != "4.706" {
			t.Errorf("shift %+v", sh)
		}
		testutil.Must(t, manager1, "POST", shifts, shift(-2, "10:00", "14:00", 20), http.StatusCreated)
		if res := super1.Do("POST", shifts, shift(-1, "12:00", "13:00", "1")); res.Status != http.StatusConflict || res.ErrorCode() != "overlapping_shift" {
			t.Errorf("an overlapping shift: %d %s", res.Status, res.Body)
		}
		notAnItem := shift(-1, "18:00", "19:00", "1")
		notAnItem["lines"] = []map[string]any{{"sku": "NOPE", "qty": "1"}}
		for _, bad := range []struct {
			body  map[string]any
			field string
		}{
			{shift(-1, "18:00", "17:00", "1"), "end_time"},
			{shift(-1, "9am", "17:00", "1"), "start_time"},
			{shift(-4, "09:00", "10:00", "1"), "date"},
			{shift(7, "09:00", "10:00", "1"), "date"},
			{shift(-1, "18:00", "19:00", "0"), "lines[0].qty"},
			{shift(-1, "18:00", "19:00", "100001"), "lines[0].qty"},
			{notAnItem, "lines[0].sku"},
		} {
			if res := super1.Do("POST", shifts, bad.body); res.Status != http.StatusBadRequest || res.Fields()[bad.field] == "" {
				t.Errorf("%v: %d %s, want 400 naming %s", bad.body, res.Status, res.Body, bad.field)
			}
		}
		if res := super1.Do("POST", fmt.Sprintf("/api/v1/campaign-promoters/%d/shifts", gzPromoter.ID), shift(-1, "09:00", "10:00", "1")); res.Status != http.StatusNotFound {
			t.Errorf("super1 recording gz-tianhe's promoter: %d", res.Status)
		}
		var shiftsWritten int64
		f.env.DB.Table("campaign_promoter_shifts").Count(&shiftsWritten)
		if shiftsWritten != 2 {
			t.Fatalf("%d shifts written, want 2", shiftsWritten)
		}

		// The store's sales and labour hours on the shift days (and a day without shifts).
		for _, d := range []struct {
			day         int
			dept, sales string
			hours       string
		}{{-1, "produce", "600.00", "30.000"}, {-1, "deli", "400.00", "10.000"}, {-2, "produce", "500.00", "10.000"},
			{-3, "produce", "9999.00", "1.000"}} {
			date := f.today.AddDays(d.day).String()
			if err := f.env.DB.Exec("INSERT INTO sales_daily (store_id, business_date, department_code, qty, net_sales, cost, line_count) VALUES (?, ?, ?, 1, ?, 0, 1)",
				f.pudong, date, d.dept, d.sales).Error; err != nil {
				t.Fatal(err)
			}
			if err := f.env.DB.Exec("INSERT INTO labour_lines (store_id, business_date, department_code, headcount, hours, cost, import_id) VALUES (?, ?, ?, 1, ?, 0, 0)",
				f.pudong, date, d.dept, d.hours).Error; err != nil {
				t.Fatal(err)
			}
		}
		var rep promoterReport
		testutil.Must(t, super1, "GET", fmt.Sprintf("%s?store_id=%d", promoters, f.pudong), nil, http.StatusOK).JSON(t, &rep)
		if len(rep.Promoters) != 1 || len(rep.Promoters[0].Shifts) != 2 || rep.Promoters[0].Shifts[0].Date != f.today.AddDays(-2).String() {
			t.Fatalf("sh-pudong's promoters %+v", rep)
		}
		got := fmt.Sprintf("%s %s %s | %s %s %s | %v", rep.Total.Hours, rep.Total.Units, *rep.Total.UnitsPerHour,
			rep.StoreEfficiency.NetSales, rep.StoreEfficiency.LabourHours, *rep.StoreEfficiency.SalesPerLabourHour,
			len(rep.StoreEfficiency.Days))
		if want := "12.500 60.000 4.800 | 1500.00 50.000 30.00 | 2"; got != want {
			t.Errorf("output and efficiency\n got %s\nwant %s", got, want)
		}
		if res := super1.Do("GET", fmt.Sprintf("%s?store_id=%d", promoters, f.gz), nil); res.Status != http.StatusNotFound {
			t.Errorf("super1 reading gz-tianhe's promoters: %d", res.Status)
		}
		if res := hq.Do("GET", promoters, nil); res.Status != http.StatusBadRequest || res.Fields()["store_id"] == "" {
			t.Errorf("without store_id: %d %s", res.Status, res.Body)
		}
		testutil.Must(t, hq, "GET", fmt.Sprintf("%s?store_id=%d", promoters, f.gz), nil, http.StatusOK).JSON(t, &rep)
		if len(rep.Promoters) != 1 || rep.Total.UnitsPerHour != nil || rep.StoreEfficiency.SalesPerLabourHour != nil {
			t.Errorf("gz-tianhe's promoters %+v", rep)
		}
		var audited int64
		f.env.DB.Table("audit_log").Where("action IN ?", []string{"campaign_promoter.create", "campaign_shift.create"}).Count(&audited)
		if audited != 4 {
			t.Errorf("%d promoter audit entries, want 4", audited)
		}
	})
}
