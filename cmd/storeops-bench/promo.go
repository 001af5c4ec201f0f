package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/storeops/storeops/internal/platform/civil"
)

const (
	promoPublishes  = 5  // campaigns of 200 items and 5 tasks published to every store
	promoCompliance = 50 // reads of a 10-task campaign's compliance matrix
)

// promoCase times through HTTP: publishing a campaign of up to 200 items and 5 tasks to every
// store of the chain (5 campaigns, each its own period so none conflicts), and reading the
// compliance matrix of a campaign of 10 tasks in every store with 40 % of them done. Each
// figure is set beside the raw limit measured in the same run on the same database: inserting
// the executions and task runs with multi-row statements in one transaction (into scratch
// copies), and reading the campaign's task runs.
func promoCase(ctx context.Context, e *env) error {
	client := &http.Client{Timeout: 10 * time.Minute}
	today := civil.Of(time.Now().In(time.FixedZone("CST", 8*3600)))
	items := []map[string]any{}
	for _, p := range e.products[:min(200, len(e.products))] {
		if p.RetailPrice <= p.CostPrice+1 {
			continue
		}
		items = append(items, map[string]any{"sku": p.SKU, "promo_price": (p.RetailPrice - 1).String(), "below_cost": true})
	}
	tasks := func(n int) []map[string]any {
		out := make([]map[string]any, n)
		for i := range out {
			out[i] = map[string]any{"kind": "display", "title": fmt.Sprintf("任务 %d", i+1), "due_hours": 8 * i}
		}
		return out
	}
	create := func(name string, start civil.Date, items []map[string]any, n int) (int64, error) {
		b, err := e.stCall(ctx, client, "POST", "/api/v1/campaigns", map[string]any{"name": name, "mechanic": "price_cut",
			"starts_on": start.String(), "ends_on": start.AddDays(2).String(), "target_kind": "all", "items": items,
			"tasks": tasks(n)})
		if err != nil {
			return 0, err
		}
		var c struct {
			ID int64 `json:"id"`
		}
		return c.ID, json.Unmarshal(b, &c)
	}
	var publishLat []time.Duration
	var runs int
	for i := range promoPublishes {
		id, err := create(fmt.Sprintf("基准档期 %d", i), today.AddDays(10*i), items, 5)
		if err != nil {
			return err
		}
		t := time.Now()
		b, err := e.stCall(ctx, client, "POST", fmt.Sprintf("/api/v1/campaigns/%d/publish", id), nil)
		if err != nil {
			return err
		}
		publishLat = append(publishLat, time.Since(t))
		var pub struct {
			TasksAdded int `json:"tasks_added"`
		}
		if err := json.Unmarshal(b, &pub); err != nil {
			return err
		}
		runs = pub.TasksAdded
	}
	id, err := create("基准合规", today.AddDays(-1), items[:1], 10)
	if err != nil {
		return err
	}
	if _, err := e.stCall(ctx, client, "POST", fmt.Sprintf("/api/v1/campaigns/%d/publish", id), nil); err != nil {
		return err
	}
	if err := e.db.WithContext(ctx).Exec("UPDATE campaign_task_runs SET status = 'done', done_at = due_at WHERE campaign_id = ? AND id % 5 < 2", id).Error; err != nil {
		return err
	}
	var complianceLat []time.Duration
	var cells int
	for range promoCompliance {
		t := time.Now()
		b, err := e.stCall(ctx, client, "GET", fmt.Sprintf("/api/v1/campaigns/%d/compliance", id), nil)
		if err != nil {
			return err
		}
		complianceLat = append(complianceLat, time.Since(t))
		var co struct {
			Stores []struct {
				Cells []json.RawMessage `json:"cells"`
			} `json:"stores"`
		}
		if err := json.Unmarshal(b, &co); err != nil {
			return err
		}
		cells = len(co.Stores) * 10
	}
	rawPublish, rawCompliance, err := e.rawPromo(ctx, id, runs/5)
	if err != nil {
		return err
	}
	fmt.Printf("  publish %d items × 5 tasks to %d stores (%d task runs): p50 %s p95 %s (target < 2 s); raw limit p95 %s: %.1f× raw\n",
		len(items), runs/5, runs, exact(publishLat, 50), exact(publishLat, 95), exact(rawPublish, 95), ratio(publishLat, rawPublish))
	fmt.Printf("  compliance matrix of %d cells: p50 %s p95 %s (target p95 < 200 ms); raw limit p95 %s: %.1f× raw\n",
		cells, exact(complianceLat, 50), exact(complianceLat, 95), exact(rawCompliance, 95), ratio(complianceLat, rawCompliance))
	return nil
}

// rawPromo measures the floor from this process: one transaction inserting stores executions
// and 5 runs each (multi-row statements, 500 rows each, into scratch copies, rolled back), and
// reading one campaign's task runs.
func (e *env) rawPromo(ctx context.Context, campaign int64, stores int) (publish, compliance []time.Duration, err error) {
	db := e.db.WithContext(ctx)
	for _, q := range []string{"CREATE TABLE IF NOT EXISTS bench_raw_executions LIKE campaign_executions",
		"CREATE TABLE IF NOT EXISTS bench_raw_runs LIKE campaign_task_runs"} {
		if err := db.Exec(q).Error; err != nil {
			return nil, nil, err
		}
	}
	now := time.Now()
	for range promoPublishes {
		t := time.Now()
		tx := db.Begin()
		for start := 0; start < stores; start += 500 {
			n := min(500, stores-start)
			q, args := "INSERT INTO bench_raw_executions (campaign_id, store_id, published_at) VALUES ", []any{}
			for i := range n {
				if i > 0 {
					q += ","
				}
				q += "(?,?,?)"
				args = append(args, 1, start+i, now)
			}
			if err := tx.Exec(q, args...).Error; err != nil {
				tx.Rollback()
				return nil, nil, err
			}
		}
		for start := 0; start < stores*5; start += 500 {
			n := min(500, stores*5-start)
			q, args := "INSERT INTO bench_raw_runs (campaign_id, store_id, task_id, due_at, status, updated_at) VALUES ", []any{}
			for i := range n {
				if i > 0 {
					q += ","
				}
				q += "(?,?,?,?,'open',?)"
				args = append(args, 1, (start+i)/5, (start+i)%5, now, now)
			}
			if err := tx.Exec(q, args...).Error; err != nil {
				tx.Rollback()
				return nil, nil, err
			}
		}
		tx.Rollback()
		publish = append(publish, time.Since(t))
	}
	for range promoCompliance {
		t := time.Now()
		var rows []struct {
			ID, StoreID, TaskID int64
			Status              string
			DueAt               time.Time
		}
		if err := db.Table("campaign_task_runs").Select("id, store_id, task_id, status, due_at").
			Where("campaign_id = ?", campaign).Order("store_id").Scan(&rows).Error; err != nil {
			return nil, nil, err
		}
		compliance = append(compliance, time.Since(t))
	}
	return publish, compliance, nil
}
