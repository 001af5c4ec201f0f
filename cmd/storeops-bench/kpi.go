package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

var benchDepartments = []string{"produce", "meat", "seafood", "deli", "bakery", "dry"}

// kpiCase runs after ingest on the same database: it adds labour and expenses for the same
// days, sets every store's budgets of the last full month through the API, then times
// store-month KPI reports and HQ rankings over HTTP against the same reads done raw.
func kpiCase(ctx context.Context, e *env) error {
	client := &http.Client{Timeout: 5 * time.Minute}
	end := e.o.endDate
	first := time.Date(end.Year(), end.Month(), 1, 0, 0, 0, 0, time.UTC).AddDate(0, -1, 0)
	last := first.AddDate(0, 1, -1)
	month := first.Format("2006-01")

	start := time.Now()
	for si, store := range e.stores {
		if err := e.postCosts(ctx, client, si, store); err != nil {
			return err
		}
	}
	fmt.Printf("labour and expenses for %d stores × %d days posted in %s\n", len(e.stores), e.o.days, time.Since(start).Round(time.Millisecond))
	start = time.Now()
	for si, store := range e.stores {
		if _, err := e.call(ctx, client, http.MethodPut, fmt.Sprintf("/api/v1/stores/%d/budgets/%s", store, month), budgetItems(si)); err != nil {
			return err
		}
	}
	fmt.Printf("budgets of %s for %d stores × %d departments set through the API in %s\n", month, len(e.stores),
		len(benchDepartments), time.Since(start).Round(time.Millisecond))

	from, to := first.Format("2006-01-02"), last.Format("2006-01-02")
	rawStore, rawChain, err := e.rawKPIReads(ctx, from, to)
	if err != nil {
		return err
	}
	fmt.Printf("raw reads of sales_daily: one store-month by department p50 %s; all stores, one month p50 %s\n",
		rawStore.Round(10*time.Microsecond), rawChain.Round(10*time.Microsecond))

	rng := rand.New(rand.NewPCG(1, 2))
	var reports, rankings []string
	for i := 0; i < 200; i++ {
		store := e.stores[rng.IntN(len(e.stores))]
		reports = append(reports, fmt.Sprintf("/api/v1/stores/%d/kpis?from=%s&to=%s", store, from, to))
	}
	kpis := []string{"sales", "gross_margin_pct", "labour_cost", "opex", "sales_per_head"}
	for i := 0; i < 50; i++ {
		q := fmt.Sprintf("/api/v1/kpis/stores?month=%s&kpi=%s", month, kpis[i%len(kpis)])
		if i%2 == 1 {
			q += "&department_code=meat"
		}
		rankings = append(rankings, q)
	}
	for _, clients := range e.o.clients {
		for _, run := range []struct {
			name  string
			paths []string
			raw   time.Duration
		}{{"store-month KPI report", reports, rawStore}, {"HQ ranking of all stores", rankings, rawChain}} {
			rate, lat, err := e.getAll(ctx, client, run.paths, clients)
			if err != nil {
				return err
			}
			fmt.Printf("%s, %d client(s), %d requests: %.0f req/s; p50 %s p95 %s max %s (p50 %.1f × the raw read)\n",
				run.name, clients, len(run.paths), rate, pct(lat, 50), pct(lat, 95), pct(lat, 100),
				float64(median(lat))/float64(run.raw))
		}
	}
	rss, peak := e.serverMemory()
	fmt.Printf("server RSS %d MiB, peak %d MiB\n", rss/1024, peak/1024)
	return nil
}

// postCosts sends one store's labour and expenses for every day of the sales history.
func (e *env) postCosts(ctx context.Context, c *http.Client, si int, store int64) error {
	var labour, expenses []map[string]string
	for d := 0; d < e.o.days; d++ {
		date := e.o.endDate.AddDate(0, 0, -d).Format("2006-01-02")
		for di, dept := range benchDepartments {
			hc := 3 + (si+di+d)%6
			labour = append(labour, map[string]string{"business_date": date, "department_code": dept,
				"headcount": fmt.Sprint(hc), "hours": fmt.Sprint(hc * 8), "cost": fmt.Sprintf("%d.00", hc*8*28)})
			expenses = append(expenses,
				map[string]string{"business_date": date, "department_code": dept, "category": "materials",
					"amount": fmt.Sprintf("%d.%02d", 20+(si*3+d)%40, d%100)},
				map[string]string{"business_date": date, "department_code": dept, "category": "repairs",
					"amount": fmt.Sprintf("%d.50", (si+d+di)%15)})
		}
	}
	for kind, lines := range map[string][]map[string]string{"labour": labour, "expenses": expenses} {
		path := fmt.Sprintf("/api/v1/stores/%d/%s", store, kind)
		if _, err := e.call(ctx, c, http.MethodPost, path, map[string]any{"lines": lines}); err != nil {
			return err
		}
	}
	return nil
}

// budgetItems is one store's month of budgets: targets near what the generated sales make.
func budgetItems(si int) map[string]any {
	items := make([]map[string]any, len(benchDepartments))
	for di, dept := range benchDepartments {
		sales := 400_000 + (si*37+di*101)%9*25_000
		items[di] = map[string]any{"department_code": dept, "version": 0,
			"sales_target": fmt.Sprintf("%d.00", sales), "gross_margin_pct_target": "30.00",
			"labour_budget": fmt.Sprintf("%d.00", sales/12), "materials_budget": "1200.00", "repairs_budget": "300.00",
			"shrink_budget": fmt.Sprintf("%d.00", sales/50), "sales_per_head_target": fmt.Sprintf("%d.00", sales/6)}
	}
	return map[string]any{"items": items}
}

// rawKPIReads times the rollup reads a report and a ranking rest on, straight in SQL: the
// median of 20 runs each.
func (e *env) rawKPIReads(ctx context.Context, from, to string) (store, chain time.Duration, err error) {
	sqlDB, err := e.db.DB()
	if err != nil {
		return 0, 0, err
	}
	timeQuery := func(q string, args ...any) (time.Duration, error) {
		var lat []time.Duration
		for i := 0; i < 20; i++ {
			t0 := time.Now()
			rows, err := sqlDB.QueryContext(ctx, q, args...)
			if err != nil {
				return 0, err
			}
			for rows.Next() {
			}
			rows.Close()
			lat = append(lat, time.Since(t0))
		}
		return median(lat), nil
	}
	store, err = timeQuery("SELECT department_code, SUM(net_sales), SUM(cost) FROM sales_daily "+
		"WHERE store_id = ? AND business_date >= ? AND business_date <= ? GROUP BY department_code", e.stores[0], from, to)
	if err != nil {
		return 0, 0, err
	}
	chain, err = timeQuery("SELECT store_id, department_code, SUM(net_sales), SUM(cost) FROM sales_daily "+
		"WHERE business_date >= ? AND business_date <= ? GROUP BY store_id, department_code", from, to)
	return store, chain, err
}

func median(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

// getAll sends GETs with n concurrent clients and answers requests per second.
func (e *env) getAll(ctx context.Context, c *http.Client, paths []string, n int) (float64, []time.Duration, error) {
	work := make(chan string)
	var mu sync.Mutex
	var lat []time.Duration
	var firstErr error
	var wg sync.WaitGroup
	start := time.Now()
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range work {
				t0 := time.Now()
				_, err := e.call(ctx, c, http.MethodGet, p, nil)
				mu.Lock()
				lat = append(lat, time.Since(t0))
				if err != nil && firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
			}
		}()
	}
	for _, p := range paths {
		work <- p
	}
	close(work)
	wg.Wait()
	return float64(len(paths)) / time.Since(start).Seconds(), lat, firstErr
}

// call sends one API request as the admin and answers the body of a 200.
func (e *env) call(ctx context.Context, c *http.Client, method, path string, body any) ([]byte, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, e.base+path, rd)
	if err != nil {
		return nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Authorization", "Bearer "+e.token)
	res, err := c.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err == nil && res.StatusCode != http.StatusOK {
		err = fmt.Errorf("%s %s: %d %.300s", method, strings.SplitN(path, "?", 2)[0], res.StatusCode, b)
	}
	return b, err
}
