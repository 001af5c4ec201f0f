package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/storeops/storeops/internal/platform/civil"
)

const (
	effectItems    = 200 // items of the measured campaign
	effectDays     = 14  // its days, ending yesterday
	effectHistory  = 60  // days of sales lines loaded before today (baseline 28 + campaign 14 + spare)
	effectReads    = 30  // reads of the effect report
	effectRawReads = 30
)

// effectCase loads effectHistory days of sales of effectItems products in every bench store
// through the sales feed (HTTP, as a POS would; 50 stores × 200 items × 60 days is 600,000
// lines), publishes a campaign of those items to those stores that ran the last two weeks,
// and times GET /campaigns/{id}/effect (every store, item and line: baseline, uplift, margin,
// days out of stock). The figure is set beside the raw limit measured in the same run on the
// same database: reading the report's sales lines (the stores' items over the baseline weeks
// and the campaign) with one SELECT. The report keeps the sums it measured: the first read
// is timed apart from the later ones (set beside one SELECT of the kept lines) and from the
// first read after the day's feed, which only checks the stores' new movements.
func effectCase(ctx context.Context, e *env) error {
	client := &http.Client{Timeout: 10 * time.Minute}
	today := civil.Of(time.Now().In(time.FixedZone("CST", 8*3600)))
	n := min(effectItems, len(e.products))
	t0 := time.Now()
	var reqs []request
	total := 0
	for si, store := range e.stores {
		var b bytes.Buffer
		b.WriteString(`{"lines":[`)
		lines := 0
		for d := effectHistory; d >= 1; d-- {
			day := today.AddDays(-d)
			for ki := range n {
				q, s, c := salesLine(si, ki, day.Time())
				if day >= today.AddDays(-effectDays) {
					q, s, c = salesLine(si, ki+1, day.Time()) // the campaign sells a little more
				}
				if lines > 0 {
					b.WriteByte(',')
				}
				fmt.Fprintf(&b, `{"business_date":"%s","sku":"%s","qty":"%s","net_sales":"%s","cost":"%s"}`, day, e.skus[ki], q, s, c)
				lines++
			}
		}
		b.WriteString(`]}`)
		reqs = append(reqs, request{store: store, body: b.Bytes(), lines: lines})
		total += lines
	}
	rate, _, err := e.post(ctx, reqs, total, 2)
	if err != nil {
		return err
	}
	fmt.Printf("  loaded %d sales lines (%d stores × %d items × %d days) through the feed at %.0f lines/s in %s\n",
		total, len(e.stores), n, effectHistory, rate, time.Since(t0).Round(time.Second))
	items := []map[string]any{}
	for _, p := range e.products[:n] {
		items = append(items, map[string]any{"sku": p.SKU, "promo_price": (p.RetailPrice - 1).String(), "below_cost": true})
	}
	b, err := e.stCall(ctx, client, "POST", "/api/v1/campaigns", map[string]any{"name": "基准效果档期", "mechanic": "price_cut",
		"starts_on": today.AddDays(-effectDays).String(), "ends_on": today.AddDays(-1).String(), "target_kind": "stores",
		"target_store_ids": e.stores, "items": items, "priority": 100,
		"tasks": []map[string]any{{"kind": "display", "title": "堆头陈列", "due_hours": 0}}})
	if err != nil {
		return err
	}
	var c struct {
		ID int64 `json:"id"`
	}
	if err := json.Unmarshal(b, &c); err != nil {
		return err
	}
	if _, err := e.stCall(ctx, client, "POST", fmt.Sprintf("/api/v1/campaigns/%d/publish", c.ID), nil); err != nil {
		return err
	}
	var report struct {
		Days  int `json:"days"`
		Total struct {
			UpliftPct *string `json:"uplift_pct"`
		} `json:"total"`
		Stores []json.RawMessage `json:"stores"`
		Items  []json.RawMessage `json:"items"`
	}
	read := func() (time.Duration, error) {
		t := time.Now()
		b, err := e.stCall(ctx, client, "GET", fmt.Sprintf("/api/v1/campaigns/%d/effect", c.ID), nil)
		if err != nil {
			return 0, err
		}
		took := time.Since(t)
		if err := json.Unmarshal(b, &report); err != nil {
			return 0, err
		}
		if report.Days != effectDays || len(report.Stores) != len(e.stores) || len(report.Items) != n || report.Total.UpliftPct == nil {
			return 0, fmt.Errorf("effect report: %d days, %d stores, %d items, uplift %v", report.Days, len(report.Stores), len(report.Items), report.Total.UpliftPct)
		}
		return took, nil
	}
	// The first read measures every store and keeps the sums; later reads check the stamps and
	// read the kept sums.
	cold, err := read()
	if err != nil {
		return err
	}
	var lat []time.Duration
	for range effectReads {
		d, err := read()
		if err != nil {
			return err
		}
		lat = append(lat, d)
	}
	// The day's feed arrives (a sale of every item in every store, dated today: after the
	// window); each read after it checks the stores' new movements and keeps the sums.
	reqs = reqs[:0]
	for si, store := range e.stores {
		var b bytes.Buffer
		b.WriteString(`{"lines":[`)
		for ki := range n {
			qty, net, cost := salesLine(si, ki, today.Time())
			if ki > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"business_date":"%s","sku":"%s","qty":"%s","net_sales":"%s","cost":"%s"}`, today, e.skus[ki], qty, net, cost)
		}
		b.WriteString(`]}`)
		reqs = append(reqs, request{store: store, body: b.Bytes(), lines: n})
	}
	if _, _, err := e.post(ctx, reqs, n*len(e.stores), 2); err != nil {
		return err
	}
	afterFeed, err := read()
	if err != nil {
		return err
	}
	timeRaw := func(query func() (*sql.Rows, error)) ([]time.Duration, int, error) {
		var out []time.Duration
		var rows int
		for range effectRawReads {
			t := time.Now()
			r, err := query()
			if err != nil {
				return nil, 0, err
			}
			cols, _ := r.Columns()
			dest := make([]any, len(cols))
			for i := range dest {
				dest[i] = new([]byte)
			}
			rows = 0
			for r.Next() {
				if err := r.Scan(dest...); err != nil {
					r.Close()
					return nil, 0, err
				}
				rows++
			}
			r.Close()
			out = append(out, time.Since(t))
		}
		return out, rows, nil
	}
	productIDs := e.db.WithContext(ctx).Table("products").Select("id").Where("sku IN ?", e.skus[:n])
	raw, rows, err := timeRaw(func() (*sql.Rows, error) {
		return e.db.WithContext(ctx).Table("sales_lines").Select("store_id, business_date, product_id, qty, net_sales, cost").
			Where("store_id IN ? AND business_date >= ? AND business_date <= ? AND product_id IN (?)", e.stores,
				today.AddDays(-effectDays-28), today.AddDays(-1), productIDs).Rows()
	})
	if err != nil {
		return err
	}
	rawKept, keptRows, err := timeRaw(func() (*sql.Rows, error) {
		return e.db.WithContext(ctx).Table("campaign_effect_lines").Where("campaign_id = ?", c.ID).Rows()
	})
	if err != nil {
		return err
	}
	fmt.Printf("  effect report of %d stores × %d items (%d days against 4 weeks, uplift %s %%), target p95 < 500 ms:\n",
		len(report.Stores), len(report.Items), report.Days, *report.Total.UpliftPct)
	fmt.Printf("    first read (measures every store from %d sales lines and keeps the sums): %s; raw limit (one SELECT of those lines) p95 %s: %.1f× raw\n",
		rows, cold.Round(100*time.Microsecond), exact(raw, 95), float64(cold)/float64(exact(raw, 95)))
	fmt.Printf("    later reads (stamps checked, %d kept lines read): p50 %s p95 %s; raw limit (one SELECT of the kept lines) p95 %s: %.1f× raw\n",
		keptRows, exact(lat, 50), exact(lat, 95), exact(rawKept, 95), ratio(lat, rawKept))
	fmt.Printf("    first read after the day's feed (%d lines dated today; every store's new movements checked): %s\n",
		n*len(e.stores), afterFeed.Round(100*time.Microsecond))
	return nil
}
