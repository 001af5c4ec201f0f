package main

import (
	"encoding/json"
	"fmt"
	"net/http"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// A kind is one sort of request a mix sends. Adding a module's traffic to the load is one
// entry in kinds: its mix (whose signed-in users send it), its weight within the mix and a
// build function that fills the request for a session. A write kind's 2xx answers to non-GET
// requests are counted as acknowledged writes in the summary, so a later check can compare
// them with the database (write notes carry the run's tag).
type kind struct {
	Name   string
	Mix    string
	Weight int
	Write  bool
	Build  func(w *world, s *session, t *vegeta.Target) error
}

// The mixes: who sends the traffic.
const (
	mixSupervisor = "supervisor"
	mixManager    = "manager"
	mixHQ         = "hq"
	mixPOS        = "pos"
)

// mixUsers are the demo users (internal/seed) each mix signs in, in turn.
var mixUsers = map[string][]string{
	mixSupervisor: {"super1", "super2", "super3a", "super1b", "super2b", "super3b"},
	mixManager:    {"manager1", "manager2", "manager3"},
	mixHQ:         {"hq1"}, // qa1 (quality) may not read the KPI cockpit
	mixPOS:        {"manager1", "manager2", "manager3"},
}

// mixWeights is how the overall rate is split between the mixes (by default all four).
var mixWeights = map[string]int{mixSupervisor: 50, mixManager: 20, mixHQ: 10, mixPOS: 20}

var kinds = []kind{
	// Supervisors on the floor: stock, Today, tasks; write-offs and task completions.
	{Name: "sup.inventory", Mix: mixSupervisor, Weight: 30, Build: get("/stores/%d/inventory?page_size=50", storeArg)},
	{Name: "sup.today", Mix: mixSupervisor, Weight: 25, Build: get("/me/today")},
	{Name: "sup.tasks", Mix: mixSupervisor, Weight: 15, Build: get("/stores/%d/tasks?mine=true", storeArg)},
	{Name: "sup.movements", Mix: mixSupervisor, Weight: 5, Build: get("/stores/%d/movements", storeArg)},
	{Name: "sup.write-off", Mix: mixSupervisor, Weight: 15, Write: true, Build: buildWriteOff},
	{Name: "sup.task-complete", Mix: mixSupervisor, Weight: 10, Write: true, Build: buildTaskComplete},
	// Store managers: the KPI cockpit, the approval queue, approving.
	{Name: "mgr.kpis", Mix: mixManager, Weight: 35, Build: get("/stores/%d/kpis", storeArg)},
	{Name: "mgr.today", Mix: mixManager, Weight: 25, Build: get("/me/today")},
	{Name: "mgr.pending", Mix: mixManager, Weight: 20, Build: get("/stores/%d/write-offs?status=pending", storeArg)},
	{Name: "mgr.shrink", Mix: mixManager, Weight: 10, Build: get("/stores/%d/shrink", storeArg)},
	{Name: "mgr.approve", Mix: mixManager, Weight: 10, Write: true, Build: buildApprove},
	// HQ: the chain's KPIs, campaign compliance and the stores' execution.
	{Name: "hq.kpis", Mix: mixHQ, Weight: 30, Build: get("/kpis/stores")},
	{Name: "hq.campaigns", Mix: mixHQ, Weight: 20, Build: get("/campaigns")},
	{Name: "hq.compliance", Mix: mixHQ, Weight: 30, Build: buildCompliance},
	{Name: "hq.executions", Mix: mixHQ, Weight: 20, Build: buildExecutions},
	// The POS feed: a store's running sales totals of the day, with an Idempotency-Key.
	{Name: "pos.sales", Mix: mixPOS, Weight: 100, Write: true, Build: buildSales},
}

// get builds a GET of an API path (under /api/v1); args are computed per session.
func get(format string, args ...func(*world, *session) any) func(*world, *session, *vegeta.Target) error {
	return func(w *world, s *session, t *vegeta.Target) error {
		vals := make([]any, len(args))
		for i, a := range args {
			vals[i] = a(w, s)
		}
		w.fill(s, t, http.MethodGet, fmt.Sprintf(format, vals...), nil)
		return nil
	}
}

func storeArg(_ *world, s *session) any { return s.storeID }

// buildWriteOff writes off a gram (0.001) of one of the supervisor's products in stock, noted
// with the run's tag.
func buildWriteOff(w *world, s *session, t *vegeta.Target) error {
	if len(s.skus) == 0 {
		w.fill(s, t, http.MethodGet, fmt.Sprintf("/stores/%d/write-offs", s.storeID), nil)
		return nil
	}
	n := s.next()
	body, _ := json.Marshal(map[string]any{"sku": s.skus[n%uint64(len(s.skus))], "qty": "0.001",
		"reason": "damaged", "note": w.note()})
	w.fill(s, t, http.MethodPost, fmt.Sprintf("/stores/%d/write-offs", s.storeID), body)
	return nil
}

// buildTaskComplete completes an open task of the supervisor's (found by the refresher); with
// none left it reads the open tasks instead.
func buildTaskComplete(w *world, s *session, t *vegeta.Target) error {
	id, ok := s.pop()
	if !ok {
		w.fill(s, t, http.MethodGet, fmt.Sprintf("/stores/%d/tasks?mine=true&status=open", s.storeID), nil)
		return nil
	}
	body, _ := json.Marshal(map[string]any{"note": w.note()})
	w.fill(s, t, http.MethodPost, fmt.Sprintf("/tasks/%d/complete", id), body)
	return nil
}

// buildApprove approves a pending write-off of the manager's store (found by the refresher);
// with none pending it reads the queue instead.
func buildApprove(w *world, s *session, t *vegeta.Target) error {
	id, ok := s.pop()
	if !ok {
		w.fill(s, t, http.MethodGet, fmt.Sprintf("/stores/%d/write-offs?status=pending", s.storeID), nil)
		return nil
	}
	w.fill(s, t, http.MethodPost, fmt.Sprintf("/write-offs/%d/approve", id), []byte("{}"))
	return nil
}

func buildCompliance(w *world, s *session, t *vegeta.Target) error {
	if len(w.campaigns) == 0 {
		w.fill(s, t, http.MethodGet, "/campaigns", nil)
		return nil
	}
	id := w.campaigns[s.next()%uint64(len(w.campaigns))]
	w.fill(s, t, http.MethodGet, fmt.Sprintf("/campaigns/%d/compliance", id), nil)
	return nil
}

func buildExecutions(w *world, s *session, t *vegeta.Target) error {
	store := w.stores[s.next()%uint64(len(w.stores))]
	w.fill(s, t, http.MethodGet, fmt.Sprintf("/stores/%d/campaign-executions?open=true", store), nil)
	return nil
}

// buildSales posts the store's running totals of the day for its POS products: each post
// raises every line a little (so each is an update, moving stock by the difference) and
// carries a fresh Idempotency-Key made of the run's tag.
func buildSales(w *world, s *session, t *vegeta.Target) error {
	if len(s.skus) == 0 {
		w.fill(s, t, http.MethodGet, fmt.Sprintf("/stores/%d/imports", s.storeID), nil)
		return nil
	}
	n := s.next() + 1
	lines := make([]map[string]string, len(s.skus))
	for i, sku := range s.skus {
		lines[i] = map[string]string{"business_date": s.today, "sku": sku,
			"qty": fmt.Sprintf("%d.%03d", n/1000, n%1000), "net_sales": fmt.Sprintf("%d.%02d", n/100, n%100),
			"cost": fmt.Sprintf("%d.%02d", n/200, (n/2)%100)}
	}
	body, _ := json.Marshal(map[string]any{"lines": lines})
	w.fill(s, t, http.MethodPost, fmt.Sprintf("/stores/%d/sales", s.storeID), body)
	t.Header.Set("Idempotency-Key", fmt.Sprintf("%s-%s-%d", w.tag, s.label, n))
	return nil
}
