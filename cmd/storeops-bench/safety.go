package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/storeops/storeops/internal/app"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/config"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/safety"
)

const (
	safetyHistoryDays = 30  // days of earlier cold-room inspections per store
	safetySubmits     = 300 // inspections submitted through HTTP
)

// safetyCase fills the history with 30 days of cold-room inspections in every store (through
// the service), then times submitting the preloaded cold-room checklist through HTTP (300
// times, as the admin, one in five with a 7 °C reading that fails and opens a corrective
// action). The figure is set beside the raw limit measured in the same run on the same
// database: one transaction that reads the template version by its key and inserts an
// inspection row, its seven answer rows and an audit row (into scratch copies).
func safetyCase(ctx context.Context, e *env) error {
	c, _ := config.Load(func(string) string { return "" })
	a, err := app.New(app.Deps{Config: c, DB: e.db, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		return err
	}
	today := civil.Of(time.Now().In(time.FixedZone("CST", 8*3600)))
	sys := authz.System("bench")
	t0 := time.Now()
	made := 0
	for _, store := range e.stores {
		for back := safetyHistoryDays; back >= 1; back-- {
			if _, err := a.Safety.Submit(ctx, sys, store, safety.NewInspection{TemplateID: 1, DepartmentCode: "produce",
				Date: today.AddDays(-back), Answers: benchColdRoom(fixed.MoneyOf(int64(back % 6)))}); err != nil {
				return err
			}
			made++
		}
	}
	fmt.Printf("  %d earlier inspections made in %s\n", made, time.Since(t0).Round(time.Millisecond))

	client := &http.Client{Timeout: time.Minute}
	store := e.stores[0]
	var lat []time.Duration
	failed := 0
	for i := range safetySubmits {
		temp := "3.5"
		if i%5 == 0 {
			temp = "7"
		}
		answers := []map[string]any{{"item_id": 1, "number": temp}, {"item_id": 2, "number": "-20"}}
		for id := 3; id <= 7; id++ {
			answers = append(answers, map[string]any{"item_id": id, "bool": true})
		}
		t := time.Now()
		b, err := e.stCall(ctx, client, "POST", fmt.Sprintf("/api/v1/stores/%d/inspections", store),
			map[string]any{"template_id": 1, "department_code": "produce", "answers": answers})
		if err != nil {
			return err
		}
		lat = append(lat, time.Since(t))
		var in struct {
			Passed bool `json:"passed"`
		}
		if err := json.Unmarshal(b, &in); err != nil {
			return err
		}
		if !in.Passed {
			failed++
		}
	}
	raw, err := e.rawInspection(ctx, store, today, safetySubmits)
	if err != nil {
		return err
	}
	fmt.Printf("  submit an inspection (8 items, %d of %d failing with a corrective action): p50 %s p95 %s (target p95 < 50 ms); raw limit p95 %s: %.1f× raw\n",
		failed, safetySubmits, exact(lat, 50), exact(lat, 95), exact(raw, 95), ratio(lat, raw))
	rss, peak := e.serverMemory()
	fmt.Printf("  server memory: rss %d MB, peak %d MB\n", rss/1024, peak/1024)
	return nil
}

func benchColdRoom(temp fixed.Money) []safety.Answer {
	yes := true
	out := []safety.Answer{{ItemID: 1, Number: &temp}, {ItemID: 2, Number: ptr(fixed.MoneyOf(-20))}}
	for id := 3; id <= 7; id++ {
		out = append(out, safety.Answer{ItemID: id, Bool: &yes})
	}
	return out
}

func ptr[T any](v T) *T { return &v }

// rawInspection measures the floor of a submit from this process on the same database.
func (e *env) rawInspection(ctx context.Context, store int64, today civil.Date, n int) ([]time.Duration, error) {
	db := e.db.WithContext(ctx)
	for _, q := range []string{"CREATE TABLE IF NOT EXISTS bench_raw_inspections LIKE inspections",
		"CREATE TABLE IF NOT EXISTS bench_raw_answers LIKE inspection_answers",
		"CREATE TABLE IF NOT EXISTS bench_raw_audit LIKE audit_log"} {
		if err := db.Exec(q).Error; err != nil {
			return nil, err
		}
	}
	var out []time.Duration
	for range n {
		t := time.Now()
		tx := db.Begin()
		var items string
		err := tx.Raw("SELECT items FROM checklist_template_versions WHERE template_id = 1 AND version = 1").Scan(&items).Error
		var id int64
		if err == nil {
			err = tx.Exec("INSERT INTO bench_raw_inspections (store_id, department_code, area, template_id, template_version, "+
				"title, business_date, score, pass_score, passed, critical_failed, failed_count, created_at) VALUES "+
				"(?, 'produce', 'cold_room', 1, 1, 'raw', ?, 100.00, 80, TRUE, FALSE, 0, ?)", store, today, time.Now()).Error
		}
		if err == nil {
			err = tx.Raw("SELECT LAST_INSERT_ID()").Scan(&id).Error
		}
		if err == nil {
			err = tx.Exec("INSERT INTO bench_raw_answers (inspection_id, item_id, kind, bool_value, number_value, failed) VALUES "+
				"(?, 1, 'number', NULL, 3.50, FALSE), (?, 2, 'number', NULL, -20.00, FALSE), (?, 3, 'bool', TRUE, NULL, FALSE), "+
				"(?, 4, 'bool', TRUE, NULL, FALSE), (?, 5, 'bool', TRUE, NULL, FALSE), (?, 6, 'bool', TRUE, NULL, FALSE), "+
				"(?, 7, 'bool', TRUE, NULL, FALSE)", id, id, id, id, id, id, id).Error
		}
		if err == nil {
			err = tx.Exec("INSERT INTO bench_raw_audit (at, actor_username, action, entity_type, entity_id, store_id, after_json, "+
				"request_id) VALUES (?, 'raw', 'inspection.create', 'inspection', ?, ?, '{}', '')", time.Now(), id, store).Error
		}
		if err != nil {
			tx.Rollback()
			return nil, err
		}
		if err := tx.Commit().Error; err != nil {
			return nil, err
		}
		out = append(out, time.Since(t))
	}
	return out, nil
}
