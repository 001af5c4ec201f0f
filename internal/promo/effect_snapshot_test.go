package promo_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/feeds"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/testutil"
)

// TestEffectKeepsItsSums: a campaign's effect report keeps the sums it measured per store and
// item, reads them back while nothing they came from changed, and measures a store again when
// its sales days or its stock up to the window's end change, or the campaign's items do. The
// test overwrites a kept sum by hand: the report shows it while kept sums are read, and the
// fed figures again once they are measured anew.
func TestEffectKeepsItsSums(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		starts := f.today.AddDays(-7)
		receipt := func(d civil.Date, qty int) string {
			return fmt.Sprintf(`{"business_date":%q,"sku":%q,"qty":"%d.000","cost":"%d.00"}`, d, f.ref.SKU, qty, 6*qty)
		}
		f.feed(t, f.pudong, feeds.KindReceipts, []string{receipt(starts.AddDays(-29), 500)})
		var lines []string
		for i := -28; i < 7; i++ {
			if i < 0 {
				lines = append(lines, f.sale(starts.AddDays(i), 10, "100.00", "60.00"))
			} else {
				lines = append(lines, f.sale(starts.AddDays(i), 20, "180.00", "120.00"))
			}
		}
		f.feed(t, f.pudong, feeds.KindSales, lines)

		hq := f.env.Login("hq1")
		promo := money(f.ref.RetailPrice - 10)
		body := f.campaign(promo, f.pudong, f.gz)
		body["starts_on"], body["ends_on"] = starts.String(), starts.AddDays(13).String()
		var c campaignDetail
		testutil.Must(t, hq, "POST", "/api/v1/campaigns", body, http.StatusCreated).JSON(t, &c)
		path := fmt.Sprintf("/api/v1/campaigns/%d", c.ID)
		testutil.Must(t, hq, "POST", path+"/publish", nil, http.StatusOK)

		read := func() effect {
			t.Helper()
			var e effect
			testutil.Must(t, hq, "GET", path+"/effect", nil, http.StatusOK).JSON(t, &e)
			return e
		}
		pudongPromoQty := func(e effect) string {
			for _, s := range e.Stores {
				if s.StoreID == f.pudong {
					return s.PromoQty
				}
			}
			t.Fatalf("no sh-pudong in %+v", e)
			return ""
		}
		tamper := func() {
			t.Helper()
			if err := f.env.DB.Table("campaign_effect_lines").Where("campaign_id = ? AND store_id = ? AND product_id = ?", c.ID, f.pudong, f.ref.ID).
				Update("promo_qty", "999.000").Error; err != nil {
				t.Fatal(err)
			}
		}
		const fed, tampered = "20.000", "142.714" // 140 units in 7 days; 999 in 7 days

		if got := pudongPromoQty(read()); got != fed {
			t.Fatalf("first read: sh-pudong sells %s a day, want %s", got, fed)
		}
		var stores, kept int64
		f.env.DB.Table("campaign_effect_stores").Where("campaign_id = ?", c.ID).Count(&stores)
		f.env.DB.Table("campaign_effect_lines").Where("campaign_id = ?", c.ID).Count(&kept)
		if stores != 2 || kept != 2 {
			t.Fatalf("kept %d stores and %d lines, want 2 and 2 (gz-tianhe's zeros too)", stores, kept)
		}
		tamper()
		if got := pudongPromoQty(read()); got != tampered {
			t.Fatalf("second read: %s, want the kept (tampered) %s", got, tampered)
		}

		// Stock received today moves the ledger after the window: the kept sums stand, and the
		// store's stamp moves on to the ledger's sequence.
		f.feed(t, f.pudong, feeds.KindReceipts, []string{receipt(f.today, 5)})
		if got := pudongPromoQty(read()); got != tampered {
			t.Fatalf("after a receipt dated today: %s, want the kept %s", got, tampered)
		}
		var stamped, seq int64
		f.env.DB.Table("campaign_effect_stores").Where("campaign_id = ? AND store_id = ?", c.ID, f.pudong).Pluck("stock_seq", &stamped)
		f.env.DB.Table("stock_locks").Where("store_id = ?", f.pudong).Pluck("seq", &seq)
		if stamped != seq || seq == 0 {
			t.Errorf("stamp %d, ledger sequence %d", stamped, seq)
		}

		// Stock booked on a campaign day changes the closing balances measured: measured again.
		f.feed(t, f.pudong, feeds.KindReceipts, []string{receipt(starts.AddDays(2), 5)})
		if got := pudongPromoQty(read()); got != fed {
			t.Fatalf("after a receipt dated in the campaign: %s, want %s measured again", got, fed)
		}

		// A sales line re-sent with other money and the same units (no stock moves): measured again.
		tamper()
		f.feed(t, f.pudong, feeds.KindSales, []string{f.sale(starts.AddDays(3), 20, "170.00", "120.00")})
		e := read()
		if got := pudongPromoQty(e); got != fed {
			t.Fatalf("after a corrected sales line: %s, want %s measured again", got, fed)
		}
		for _, s := range e.Stores {
			if s.StoreID == f.pudong && s.PromoSales != "178.57" { // (6 × 180 + 170) ÷ 7
				t.Errorf("sh-pudong's campaign sales %s a day, want 178.57", s.PromoSales)
			}
		}

		// Another store's sales leave sh-pudong's kept sums alone.
		tamper()
		f.feed(t, f.gz, feeds.KindSales, []string{f.sale(starts.AddDays(1), 4, "36.00", "24.00")})
		if got := pudongPromoQty(read()); got != tampered {
			t.Fatalf("after gz-tianhe's sales: sh-pudong %s, want the kept %s", got, tampered)
		}

		// An item added to the campaign: every store measured again, the new item with them.
		var sku2 string
		f.env.DB.Table("products").Where("sku <> ?", catalog.FirstDemoSKU).Order("sku").Limit(1).Pluck("sku", &sku2)
		testutil.Must(t, hq, "GET", path, nil, http.StatusOK).JSON(t, &c)
		body["version"] = c.Version
		body["items"] = []map[string]any{{"sku": f.ref.SKU, "promo_price": promo}, {"sku": sku2, "promo_price": "0.01", "below_cost": true}}
		testutil.Must(t, hq, "PATCH", path, body, http.StatusOK)
		e = read()
		if got := pudongPromoQty(e); got != fed || len(e.Items) != 2 {
			t.Fatalf("after adding %s: sh-pudong %s over %d items, want %s over 2", sku2, got, len(e.Items), fed)
		}
		f.env.DB.Table("campaign_effect_lines").Where("campaign_id = ?", c.ID).Count(&kept)
		if kept != 4 {
			t.Errorf("kept %d lines after adding an item, want 4", kept)
		}

		// The hourly job measures ahead: after a corrected line it measures sh-pudong again,
		// and the next read finds kept sums (the tampered one shows).
		f.feed(t, f.pudong, feeds.KindSales, []string{f.sale(starts.AddDays(4), 20, "175.00", "120.00")})
		n, err := f.env.App.Promo.MeasureEffects(context.Background())
		if err != nil || n != 1 {
			t.Fatalf("MeasureEffects: %d campaigns, %v", n, err)
		}
		tamper()
		if got := pudongPromoQty(read()); got != tampered {
			t.Fatalf("a read after the job: %s, want the kept %s", got, tampered)
		}
	})
}
