package promo_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/storeops/storeops/internal/feeds"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/upload"
	"github.com/storeops/storeops/internal/testutil"
)

// feed sends lines of kind to a store through the feeds module, as a POS would.
func (f *fixture) feed(t *testing.T, store int64, kind string, lines []string) {
	t.Helper()
	body := `{"lines":[` + strings.Join(lines, ",") + `]}`
	if _, err := f.env.App.Feeds.Ingest(context.Background(), authz.System("test"),
		feeds.Request{StoreID: store, Kind: kind, Body: bytes.NewBufferString(body),
			Request: upload.Request{Format: upload.JSON}}); err != nil {
		t.Fatalf("feed %s: %v", kind, err)
	}
}

func (f *fixture) sale(d civil.Date, qty int, net, cost string) string {
	return fmt.Sprintf(`{"business_date":%q,"sku":%q,"qty":"%d.000","net_sales":%q,"cost":%q}`, d, f.ref.SKU, qty, net, cost)
}

type figures struct {
	BaselineQty   string  `json:"baseline_qty_per_day"`
	PromoQty      string  `json:"promo_qty_per_day"`
	BaselineSales string  `json:"baseline_sales_per_day"`
	PromoSales    string  `json:"promo_sales_per_day"`
	UpliftPct     *string `json:"uplift_pct"`
	Margin        string  `json:"incremental_margin"`
	OutOfStock    int     `json:"days_out_of_stock"`
}

func (g figures) String() string {
	up := "null"
	if g.UpliftPct != nil {
		up = *g.UpliftPct
	}
	return fmt.Sprintf("%s/%s %s/%s %s %s %d", g.BaselineQty, g.PromoQty, g.BaselineSales, g.PromoSales, up, g.Margin, g.OutOfStock)
}

type effect struct {
	MeasuredTo   *string `json:"measured_to"`
	Days         int     `json:"days"`
	BaselineFrom string  `json:"baseline_from"`
	BaselineTo   string  `json:"baseline_to"`
	Total        figures `json:"total"`
	Stores       []struct {
		figures
		StoreID int64 `json:"store_id"`
		Review  struct {
			Review         string `json:"review"`
			ReviewedByName string `json:"reviewed_by_name"`
			Version        int    `json:"version"`
		} `json:"review"`
	} `json:"stores"`
	Items []struct {
		figures
		SKU string `json:"sku"`
	} `json:"items"`
	Lines []struct {
		figures
		StoreID int64 `json:"store_id"`
	} `json:"lines"`
}

// TestEffectFromFedSales: the clock stands at Monday 2026-11-02 16:00 in Shanghai; the
// campaign ran from Monday 10-26, so 10-26 to 11-01 (one of each weekday) is measured against
// 09-28 to 10-25.
func TestEffectFromFedSales(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		starts := f.today.AddDays(-7)
		if starts.Weekday() != time.Monday {
			t.Fatalf("the test clock moved: %s is a %s", starts, starts.Weekday())
		}
		// sh-pudong: 430 units delivered before the baseline. Baseline days sell 10 units for
		// 100.00 at a cost of 60.00, Saturdays 20 (200.00, 120.00) but 24 and 16 in two weeks,
		// and the first Monday nothing: Monday's mean is 7.5, Saturday's 20.
		f.feed(t, f.pudong, feeds.KindReceipts, []string{fmt.Sprintf(`{"business_date":%q,"sku":%q,"qty":"430.000","cost":"2580.00"}`,
			starts.AddDays(-29), f.ref.SKU)})
		var pudong, gz []string
		for i := 0; i < 28; i++ {
			d := starts.AddDays(-28 + i)
			switch {
			case i == 0: // the first Monday: no sale
			case d.Weekday() == time.Saturday:
				q := []int{20, 24, 16, 20}[i/7]
				pudong = append(pudong, f.sale(d, q, fmt.Sprintf("%d.00", 10*q), fmt.Sprintf("%d.00", 6*q)))
			default:
				pudong = append(pudong, f.sale(d, 10, "100.00", "60.00"))
			}
		}
		// The campaign's week: 18 units a day (162.00, cost 108.00), Saturday 30 (270.00, 180.00);
		// the shelf ends Saturday and Sunday empty. gz-tianhe sold nothing before and 5 a day in it.
		for i := 0; i < 7; i++ {
			d := starts.AddDays(i)
			if d.Weekday() == time.Saturday {
				pudong = append(pudong, f.sale(d, 30, "270.00", "180.00"))
			} else {
				pudong = append(pudong, f.sale(d, 18, "162.00", "108.00"))
			}
			gz = append(gz, f.sale(d, 5, "45.00", "30.00"))
		}
		f.feed(t, f.pudong, feeds.KindSales, pudong)
		f.feed(t, f.gz, feeds.KindSales, gz)

		hq := f.env.Login("hq1")
		body := f.campaign(fmt.Sprintf("%d.%02d", (int64(f.ref.RetailPrice)-10)/100, (int64(f.ref.RetailPrice)-10)%100), f.pudong, f.gz)
		body["starts_on"], body["ends_on"] = starts.String(), starts.AddDays(13).String()
		var c campaign
		testutil.Must(t, hq, "POST", "/api/v1/campaigns", body, http.StatusCreated).JSON(t, &c)
		path := fmt.Sprintf("/api/v1/campaigns/%d", c.ID)
		if res := hq.Do("GET", path+"/effect", nil); res.Status != http.StatusConflict || res.ErrorCode() != "wrong_status" {
			t.Fatalf("a draft's effect: %d %s", res.Status, res.Body)
		}
		if res := f.env.Login("admin").Do("PUT", fmt.Sprintf("%s/stores/%d/review", path, f.pudong),
			map[string]any{"review": "x", "version": 0}); res.Status != http.StatusConflict {
			t.Fatalf("a draft's review: %d %s", res.Status, res.Body)
		}
		testutil.Must(t, hq, "POST", path+"/publish", nil, http.StatusOK)

		var e effect
		testutil.Must(t, hq, "GET", fmt.Sprintf("%s/effect?store_id=%d", path, f.pudong), nil, http.StatusOK).JSON(t, &e)
		if e.MeasuredTo == nil || *e.MeasuredTo != starts.AddDays(6).String() || e.Days != 7 ||
			e.BaselineFrom != starts.AddDays(-28).String() || e.BaselineTo != starts.AddDays(-1).String() {
			t.Fatalf("window %+v", e)
		}
		// By hand. sh-pudong: baseline 5 × 10 + 7.5 + 20 = 77.5 units a week, 11.071 a day; the
		// campaign 138, 19.714 a day; uplift 138 ÷ 77.5 − 1 = 78.06 %; sales 775.00 (110.71 a day)
		// against 1242.00 (177.43); margin 5 × 40 + 30 + 80 = 310.00 against 6 × 54 + 90 = 414.00.
		// gz-tianhe: no baseline, 5 a day for 45.00, margin 105.00. Together (the item and the
		// campaign): 77.5 → 173 a week, uplift 123.23 %.
		wantPudong := "11.071/19.714 110.71/177.43 78.06 104.00 2"
		wantGz := "0.000/5.000 0.00/45.00 null 105.00 0"
		wantAll := "11.071/24.714 110.71/222.43 123.23 209.00 2"
		if len(e.Stores) != 2 || len(e.Items) != 1 || len(e.Lines) != 1 || e.Lines[0].StoreID != f.pudong {
			t.Fatalf("report %+v", e)
		}
		for _, s := range e.Stores {
			want := map[int64]string{f.pudong: wantPudong, f.gz: wantGz}[s.StoreID]
			if got := s.figures.String(); got != want {
				t.Errorf("store %d: %s, want %s", s.StoreID, got, want)
			}
		}
		if got := e.Lines[0].figures.String(); got != wantPudong {
			t.Errorf("line: %s, want %s", got, wantPudong)
		}
		if got := e.Items[0].figures.String(); got != wantAll || e.Items[0].SKU != f.ref.SKU {
			t.Errorf("item: %s, want %s", got, wantAll)
		}
		if got := e.Total.String(); got != wantAll {
			t.Errorf("total: %s, want %s", got, wantAll)
		}

		// A store's staff: their store only.
		super1 := f.env.Login("super1")
		if res := super1.Do("GET", fmt.Sprintf("%s/effect?store_id=%d", path, f.gz), nil); res.Status != http.StatusNotFound {
			t.Errorf("super1 reading gz-tianhe's effect: %d", res.Status)
		}
		if res := super1.Do("GET", path+"/effect?store_id=abc", nil); res.Status != http.StatusBadRequest || res.Fields()["store_id"] == "" {
			t.Errorf("a bad store_id: %d %s", res.Status, res.Body)
		}
		testutil.Must(t, super1, "GET", path+"/effect", nil, http.StatusOK).JSON(t, &e)
		if len(e.Stores) != 1 || e.Stores[0].StoreID != f.pudong || e.Total.String() != wantPudong || len(e.Lines) != 0 {
			t.Fatalf("super1's report %+v", e)
		}

		// Reviews.
		review := fmt.Sprintf("%s/stores/%d/review", path, f.pudong)
		if res := super1.Do("PUT", review, map[string]any{"review": "", "version": 0}); res.Status != http.StatusBadRequest || res.Fields()["review"] == "" {
			t.Errorf("an empty review: %d %s", res.Status, res.Body)
		}
		if res := hq.Do("PUT", review, map[string]any{"review": "HQ", "version": 0}); res.Status != http.StatusForbidden {
			t.Errorf("HQ writing a store's review: %d", res.Status)
		}
		if res := f.env.Login("super2b").Do("PUT", review, map[string]any{"review": "不是我的店", "version": 0}); res.Status != http.StatusNotFound {
			t.Errorf("another store's supervisor: %d", res.Status)
		}
		var r struct {
			StoreID        int64  `json:"store_id"`
			Review         string `json:"review"`
			ReviewedByName string `json:"reviewed_by_name"`
			Version        int    `json:"version"`
		}
		testutil.Must(t, super1, "PUT", review, map[string]any{"review": "堆头位置好，周末断货两天。", "version": 0}, http.StatusOK).JSON(t, &r)
		if r.Version != 1 || r.StoreID != f.pudong || r.ReviewedByName == "" {
			t.Fatalf("review %+v", r)
		}
		if res := f.env.Login("manager1").Do("PUT", review, map[string]any{"review": "店长补充", "version": 0}); res.Status != http.StatusConflict || res.ErrorCode() != "stale_version" {
			t.Errorf("a stale review: %d %s", res.Status, res.Body)
		}
		testutil.Must(t, f.env.Login("manager1"), "PUT", review, map[string]any{"review": "店长补充：首批到货量加倍。", "version": 1}, http.StatusOK).JSON(t, &r)
		testutil.Must(t, hq, "GET", path+"/effect", nil, http.StatusOK).JSON(t, &e)
		for _, s := range e.Stores {
			if s.StoreID == f.pudong && (s.Review.Version != 2 || s.Review.Review != "店长补充：首批到货量加倍。" || s.Review.ReviewedByName == "") {
				t.Errorf("sh-pudong's review in the report %+v", s.Review)
			}
			if s.StoreID == f.gz && s.Review.Version != 0 {
				t.Errorf("gz-tianhe's review %+v", s.Review)
			}
		}
		var audited int64
		f.env.DB.Table("audit_log").Where("action = ?", "campaign.review").Count(&audited)
		if audited != 2 {
			t.Errorf("%d campaign.review audit entries", audited)
		}

		// Exports.
		for _, format := range []string{"csv", "xlsx"} {
			res := testutil.Must(t, hq, "GET", path+"/effect/export?lang=en&format="+format, nil, http.StatusOK)
			if len(res.Body) < 100 {
				t.Errorf("%s export: %d bytes", format, len(res.Body))
			}
			if format == "csv" && (!strings.Contains(string(res.Body), "Store code,Store,Baseline units/day") ||
				!strings.Contains(string(res.Body), "sh-pudong,"+f.ref.SKU)) {
				t.Errorf("csv export:\n%s", res.Body)
			}
			if format == "xlsx" && !bytes.HasPrefix(res.Body, []byte("PK")) {
				t.Errorf("xlsx export is no zip")
			}
		}
		res := testutil.Must(t, super1, "GET", path+"/effect/export?format=csv", nil, http.StatusOK)
		if !strings.Contains(string(res.Body), "门店编码") || strings.Contains(string(res.Body), "gz-tianhe") {
			t.Errorf("super1's export:\n%s", res.Body)
		}
		if res := hq.Do("GET", path+"/effect/export", nil); res.Status != http.StatusBadRequest || res.Fields()["format"] == "" {
			t.Errorf("an export without a format: %d %s", res.Status, res.Body)
		}
	})
}
