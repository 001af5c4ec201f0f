package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// salesLine returns the generated sales of one store, SKU and day: deterministic, with a
// weekday pattern, as text ready for JSON and SQL.
func salesLine(store, sku int, day time.Time) (qty, sales, cost string) {
	base := 5 + (store*7+sku*13)%40
	switch day.Weekday() {
	case time.Saturday, time.Sunday:
		base = base * 13 / 10
	case time.Friday:
		base = base * 11 / 10
	}
	milli := int64(base)*1000 + int64((store+sku+day.YearDay())%997)
	price := int64(300 + (sku*37)%4000) // cents per unit
	salesCents := milli * price / 1000
	costCents := salesCents * 7 / 10
	return fmtScaled(milli, 3), fmtScaled(salesCents, 2), fmtScaled(costCents, 2)
}

func fmtScaled(v int64, scale int) string {
	p := int64(1)
	for i := 0; i < scale; i++ {
		p *= 10
	}
	frac := strconv.FormatInt(v%p, 10)
	return strconv.FormatInt(v/p, 10) + "." + strings.Repeat("0", scale-len(frac)) + frac
}

type request struct {
	store int64
	body  []byte
	lines int
}

// buildRequests renders every store's year of sales as JSON bodies of about perReq lines.
func (e *env) buildRequests() ([]request, int) {
	daysPer := max(1, e.o.perReq/len(e.skus))
	var out []request
	total := 0
	for si, store := range e.stores {
		for d0 := 0; d0 < e.o.days; d0 += daysPer {
			var b bytes.Buffer
			b.WriteString(`{"lines":[`)
			n := 0
			for d := d0; d < min(d0+daysPer, e.o.days); d++ {
				day := e.o.endDate.AddDate(0, 0, -d)
				date := day.Format("2006-01-02")
				for ki, sku := range e.skus {
					q, s, c := salesLine(si, ki, day)
					if n > 0 {
						b.WriteByte(',')
					}
					fmt.Fprintf(&b, `{"business_date":"%s","sku":"%s","qty":"%s","net_sales":"%s","cost":"%s"}`, date, sku, q, s, c)
					n++
				}
			}
			b.WriteString(`]}`)
			out = append(out, request{store: store, body: b.Bytes(), lines: n})
			total += n
		}
	}
	return out, total
}

func ingestCase(ctx context.Context, e *env) error {
	start := time.Now()
	reqs, total := e.buildRequests()
	fmt.Printf("generated %d lines in %d requests (%.0f lines each) in %s\n", total, len(reqs),
		float64(total)/float64(len(reqs)), time.Since(start).Round(time.Millisecond))
	raw, err := e.rawUpsert(ctx)
	if err != nil {
		return err
	}
	fmt.Printf("raw batched INSERT ... ON DUPLICATE KEY UPDATE, 1000-row prepared statement, 1 connection: %.0f rows/s\n", raw)
	for _, clients := range e.o.clients {
		if err := e.truncate(ctx); err != nil {
			return err
		}
		rate, lat, err := e.post(ctx, reqs, total, clients)
		if err != nil {
			return err
		}
		rss, peak := e.serverMemory()
		fmt.Printf("HTTP ingest, %d client(s): %.0f lines/s (%.2f × raw); per request p50 %s p95 %s max %s; server RSS %d MiB, peak %d MiB\n",
			clients, rate, rate/raw, pct(lat, 50), pct(lat, 95), pct(lat, 100), rss/1024, peak/1024)
	}
	resend := reqs[:min(len(reqs), 4)]
	n := 0
	for _, r := range resend {
		n += r.lines
	}
	rate, _, err := e.post(ctx, resend, n, 1)
	if err != nil {
		return err
	}
	fmt.Printf("identical re-send (all lines unchanged), 1 client: %.0f lines/s\n", rate)
	return nil
}

func pct(d []time.Duration, p int) time.Duration { return percentile(d, p).Round(time.Millisecond) }

// post sends the requests with n concurrent clients and returns lines per second.
func (e *env) post(ctx context.Context, reqs []request, total, clients int) (float64, []time.Duration, error) {
	work := make(chan request)
	var mu sync.Mutex
	var lat []time.Duration
	var firstErr error
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 10 * time.Minute}
	start := time.Now()
	for i := 0; i < clients; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range work {
				t0 := time.Now()
				err := e.send(ctx, client, r)
				mu.Lock()
				lat = append(lat, time.Since(t0))
				if err != nil && firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
			}
		}()
	}
	// Different stores go to different clients at the same time; one store's requests stay
	// in order, as a store's POS would send them.
	byStore := map[int64][]request{}
	var order []int64
	for _, r := range reqs {
		if _, ok := byStore[r.store]; !ok {
			order = append(order, r.store)
		}
		byStore[r.store] = append(byStore[r.store], r)
	}
	for round := 0; ; round++ {
		sent := false
		for _, s := range order {
			if round < len(byStore[s]) {
				work <- byStore[s][round]
				sent = true
			}
		}
		if !sent {
			break
		}
	}
	close(work)
	wg.Wait()
	return float64(total) / time.Since(start).Seconds(), lat, firstErr
}

func (e *env) send(ctx context.Context, c *http.Client, r request) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, fmt.Sprintf("%s/api/v1/stores/%d/sales", e.base, r.store), bytes.NewReader(r.body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+e.token)
	res, err := c.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("POST sales: %d %.300s", res.StatusCode, b)
	}
	return nil
}

func (e *env) truncate(ctx context.Context) error {
	for _, t := range []string{"sales_lines", "sales_daily", "inventory_movements", "stock_balances", "stock_lots", "feed_imports"} {
		if err := e.db.WithContext(ctx).Exec("TRUNCATE TABLE " + t).Error; err != nil {
			return err
		}
	}
	return nil
}

// rawUpsert writes the same rows straight into a copy of sales_lines, the way a hand-tuned
// loader would: one connection, a reused server-prepared 1000-row upsert.
func (e *env) rawUpsert(ctx context.Context) (float64, error) {
	db, err := sql.Open("mysql", e.dsn)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	for _, q := range []string{"DROP TABLE IF EXISTS bench_raw_sales", "CREATE TABLE bench_raw_sales LIKE sales_lines"} {
		if _, err := db.ExecContext(ctx, q); err != nil {
			return 0, err
		}
	}
	const batch = 1000
	tuple := "(?,?,?,?,?,?,?)"
	q := "INSERT INTO bench_raw_sales (store_id, business_date, product_id, qty, net_sales, cost, import_id) VALUES " +
		strings.TrimSuffix(strings.Repeat(tuple+",", batch), ",") +
		" ON DUPLICATE KEY UPDATE qty = VALUES(qty), net_sales = VALUES(net_sales), cost = VALUES(cost), import_id = VALUES(import_id)"
	stmt, err := db.PrepareContext(ctx, q)
	if err != nil {
		return 0, err
	}
	defer stmt.Close()
	args := make([]any, 0, batch*7)
	rows := 0
	start := time.Now()
	for si, store := range e.stores {
		for d := 0; d < e.o.days; d++ {
			day := e.o.endDate.AddDate(0, 0, -d)
			date := day.Format("2006-01-02")
			for ki := range e.skus {
				qty, s, c := salesLine(si, ki, day)
				args = append(args, store, date, int64(ki+1), qty, s, c, int64(1))
				if len(args) == cap(args) {
					if _, err := stmt.ExecContext(ctx, args...); err != nil {
						return 0, err
					}
					rows += batch
					args = args[:0]
				}
			}
		}
	}
	return float64(rows) / time.Since(start).Seconds(), nil
}
