package tasks_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/testutil"
)

type taskJSON struct {
	ID             int64    `json:"id"`
	Kind           string   `json:"kind"`
	Status         string   `json:"status"`
	Overdue        bool     `json:"overdue"`
	DepartmentCode *string  `json:"department_code"`
	AssigneeName   *string  `json:"assignee_name"`
	Title          string   `json:"title"`
	DoneNote       string   `json:"done_note"`
	AllowedActions []string `json:"allowed_actions"`
	Photos         []struct {
		ID int64 `json:"id"`
	} `json:"photos"`
	Warnings []struct {
		Code string `json:"code"`
	} `json:"warnings"`
}

type taskList struct {
	Items []taskJSON `json:"items"`
	Total int        `json:"total"`
}

func storeID(t *testing.T, env *testutil.Env, code string) int64 {
	t.Helper()
	var id int64
	env.DB.Table("stores").Where("code = ?", code).Pluck("id", &id)
	if id == 0 {
		t.Fatalf("store %s", code)
	}
	return id
}

func userID(env *testutil.Env, username string) int64 {
	var id int64
	env.DB.Table("users").Where("username = ?", username).Pluck("id", &id)
	return id
}

// prepared seeds the default templates and generates today's tasks.
func prepared(t *testing.T, dialect string) *testutil.Env {
	t.Helper()
	env := testutil.NewEnv(t, dialect)
	ctx := context.Background()
	if _, err := env.App.Tasks.EnsureDefaultTemplates(ctx, authz.System("test"), []string{"produce", "meat", "seafood", "deli", "bakery"}); err != nil {
		t.Fatal(err)
	}
	if _, err := env.App.Tasks.Generate(ctx, env.Clock.Now()); err != nil {
		t.Fatal(err)
	}
	return env
}

func count(env *testutil.Env, table, where string, args ...any) int64 {
	var n int64
	env.DB.Table(table).Where(where, args...).Count(&n)
	return n
}

// TestGenerateConcurrently runs the generator twice at once and then again: the tasks of the
// day are there exactly once.
func TestGenerateConcurrently(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		ctx := context.Background()
		if _, err := env.App.Tasks.EnsureDefaultTemplates(ctx, authz.System("test"), []string{"produce", "meat", "seafood", "deli", "bakery"}); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		added := make([]int64, 2)
		errs := make([]error, 2)
		for i := range 2 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				added[i], errs[i] = env.App.Tasks.Generate(ctx, env.Clock.Now())
			}()
		}
		wg.Wait()
		for _, err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
		// 3 stores × 5 fresh departments × 4 templates falling on Monday 2 November.
		const want = 3 * 5 * 4
		if n := count(env, "tasks", "1 = 1"); n != want {
			t.Fatalf("%d tasks after two concurrent runs (added %v), want %d", n, added, want)
		}
		if again, err := env.App.Tasks.Generate(ctx, env.Clock.Now()); err != nil || count(env, "tasks", "1 = 1") != want {
			t.Fatalf("third run added %d (%v)", again, err)
		}
	})
}

// TestTaskLifecycle: super1 sees their departments' tasks of today, completes one with a note
// and photo (twice is 409), cannot reach another store's task (404); manager1 assigns an
// ad-hoc task to super1, announced in the outbox, warned when the day is over capacity.
func TestTaskLifecycle(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := prepared(t, dialect)
		pudong, tianhe := storeID(t, env, "sh-pudong"), storeID(t, env, "gz-tianhe")
		super, manager := env.Login("super1"), env.Login("manager1")
		var list taskList
		testutil.Must(t, super, "GET", fmt.Sprintf("/api/v1/stores/%d/tasks?business_date=2026-11-02", pudong), nil, http.StatusOK).JSON(t, &list)
		// super1 runs produce, meat and seafood: 4 tasks each; at 16:00 three of each are overdue.
		if list.Total != 12 {
			t.Fatalf("super1 sees %d tasks, want 12", list.Total)
		}
		testutil.Must(t, super, "GET", fmt.Sprintf("/api/v1/stores/%d/tasks?status=overdue", pudong), nil, http.StatusOK).JSON(t, &list)
		if list.Total != 9 || !list.Items[0].Overdue || list.Items[0].AllowedActions[0] != "complete" {
			t.Fatalf("overdue: %+v", list)
		}
		first := list.Items[0].ID
		var done taskJSON
		testutil.Must(t, super, "POST", fmt.Sprintf("/api/v1/tasks/%d/complete", first), map[string]any{"note": "已完成"}, http.StatusOK).JSON(t, &done)
		if done.Status != "done" || done.DoneNote != "已完成" || len(done.AllowedActions) != 0 {
			t.Fatalf("done: %+v", done)
		}
		if res := super.Do("POST", fmt.Sprintf("/api/v1/tasks/%d/complete", first), nil); res.Status != http.StatusConflict {
			t.Fatalf("twice: %d %s", res.Status, res.Body)
		}
		var other int64
		env.DB.Table("tasks").Where("store_id = ?", tianhe).Limit(1).Pluck("id", &other)
		if res := super.Do("POST", fmt.Sprintf("/api/v1/tasks/%d/complete", other), nil); res.Status != http.StatusNotFound {
			t.Fatalf("another store's: %d", res.Status)
		}
		var deli int64
		env.DB.Table("tasks").Where("store_id = ? AND department_code = ?", pudong, "deli").Limit(1).Pluck("id", &deli)
		if res := super.Do("POST", fmt.Sprintf("/api/v1/tasks/%d/complete", deli), nil); res.Status != http.StatusNotFound {
			t.Fatalf("another department's: %d", res.Status)
		}
		if res := env.Login("hq1").Do("POST", fmt.Sprintf("/api/v1/tasks/%d/complete", deli), nil); res.Status != http.StatusForbidden {
			t.Fatalf("hq completes: %d", res.Status)
		}

		// The ad-hoc task: to super1, counted in produce's load.
		due := env.Clock.Now().Add(3 * time.Hour).Format(time.RFC3339)
		body := map[string]any{"title": "检查冷库门封条", "note": "门关不严", "assignee_id": userID(env, "super1"),
			"department_code": "produce", "due_at": due, "estimated_minutes": 30}
		if res := super.Do("POST", fmt.Sprintf("/api/v1/stores/%d/tasks", pudong), body); res.Status != http.StatusForbidden {
			t.Fatalf("supervisor assigns: %d", res.Status)
		}
		var created taskJSON
		testutil.Must(t, manager, "POST", fmt.Sprintf("/api/v1/stores/%d/tasks", pudong), body, http.StatusCreated).JSON(t, &created)
		if created.Kind != "adhoc" || created.AssigneeName == nil || len(created.Warnings) != 0 {
			t.Fatalf("created: %+v", created)
		}
		if n := count(env, "outbox_messages", "topic = ? AND dedup_key = ?", "task.assigned", fmt.Sprint(created.ID)); n != 1 {
			t.Fatalf("%d task.assigned messages", n)
		}
		testutil.Must(t, manager, "PUT", fmt.Sprintf("/api/v1/stores/%d/task-capacity/produce", pudong),
			map[string]any{"minutes_per_day": 60}, http.StatusOK)
		testutil.Must(t, manager, "POST", fmt.Sprintf("/api/v1/stores/%d/tasks", pudong), body, http.StatusCreated).JSON(t, &created)
		if len(created.Warnings) != 1 || created.Warnings[0].Code != "over_capacity" {
			t.Fatalf("no warning over capacity: %+v", created)
		}
		var load struct {
			Days []struct {
				DepartmentCode string `json:"department_code"`
				BusinessDate   string `json:"business_date"`
				Minutes        int    `json:"estimated_minutes"`
				Over           bool   `json:"over_capacity"`
			} `json:"days"`
			OverDays int `json:"over_days"`
		}
		testutil.Must(t, manager, "GET", fmt.Sprintf("/api/v1/stores/%d/task-load?from=2026-11-02&to=2026-11-04", pudong), nil, http.StatusOK).JSON(t, &load)
		if load.OverDays < 1 || len(load.Days) != 3*6 {
			t.Fatalf("load: %+v", load)
		}
		for _, d := range load.Days {
			// Today: 20+45+30+40 generated + 2 × 30 ad hoc; tomorrow (Tuesday): 20+45+40 projected.
			if d.DepartmentCode == "produce" && ((d.BusinessDate == "2026-11-02" && d.Minutes != 195) ||
				(d.BusinessDate == "2026-11-03" && d.Minutes != 105)) {
				t.Errorf("produce %s: %d minutes", d.BusinessDate, d.Minutes)
			}
		}
		// super1 sees the assigned task in the list of their own and in Today.
		testutil.Must(t, super, "GET", fmt.Sprintf("/api/v1/stores/%d/tasks?mine=true&status=open", pudong), nil, http.StatusOK).JSON(t, &list)
		found := false
		for _, it := range list.Items {
			found = found || it.ID == created.ID
		}
		if !found {
			t.Fatalf("assigned task not in super1's list: %+v", list)
		}
		var today struct {
			Items []struct {
				Kind string `json:"kind"`
			} `json:"items"`
			Badges map[string]int `json:"badges"`
		}
		testutil.Must(t, super, "GET", "/api/v1/me/today", nil, http.StatusOK).JSON(t, &today)
		kinds := map[string]int{}
		for _, it := range today.Items {
			kinds[it.Kind]++
		}
		if kinds["task.due"] < 3 || kinds["task.overdue"] != 8 || today.Badges["tasks"] < 11 {
			t.Fatalf("today: %v badges %v", kinds, today.Badges)
		}
		// The overdue job announces each overdue task once.
		n, err := env.App.Tasks.NotifyOverdue(context.Background(), env.Clock.Now())
		if err != nil || n == 0 {
			t.Fatalf("overdue: %d %v", n, err)
		}
		if again, _ := env.App.Tasks.NotifyOverdue(context.Background(), env.Clock.Now()); again != 0 {
			t.Fatalf("announced twice: %d", again)
		}
	})
}

// TestTemplates: admins edit the chain's templates, a store manager adds their store's, bad
// input names its fields, a stale version is 409.
func TestTemplates(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := prepared(t, dialect)
		admin, manager := env.Login("admin"), env.Login("manager1")
		res := admin.Do("POST", "/api/v1/task-templates", map[string]any{"department_code": "produce", "recurrence": "weekly",
			"weekdays": []int{9}, "due_time": "25:00", "estimated_minutes": 0})
		f := res.Fields()
		if res.Status != http.StatusBadRequest || f["weekdays"] == "" || f["due_time"] == "" {
			t.Fatalf("bad template: %d %s", res.Status, res.Body)
		}
		var tpl struct {
			ID      int64  `json:"id"`
			StoreID *int64 `json:"store_id"`
			Version int    `json:"version"`
			Active  bool   `json:"active"`
		}
		testutil.Must(t, manager, "POST", "/api/v1/task-templates", map[string]any{"department_code": "produce",
			"title_zh": "水果试吃台补货", "recurrence": "weekly", "weekdays": []int{6, 0}, "due_time": "14:00",
			"estimated_minutes": 15}, http.StatusCreated).JSON(t, &tpl)
		if tpl.StoreID == nil || *tpl.StoreID != storeID(t, env, "sh-pudong") {
			t.Fatalf("manager's template belongs to the store: %+v", tpl)
		}
		var chain int64
		env.DB.Table("task_templates").Where("store_id IS NULL").Limit(1).Pluck("id", &chain)
		if res := manager.Do("PATCH", fmt.Sprintf("/api/v1/task-templates/%d", chain), map[string]any{"active": false, "version": 1}); res.Status != http.StatusForbidden {
			t.Fatalf("manager edits the chain's: %d", res.Status)
		}
		testutil.Must(t, admin, "PATCH", fmt.Sprintf("/api/v1/task-templates/%d", chain), map[string]any{"active": false, "version": 1}, http.StatusOK).JSON(t, &tpl)
		if tpl.Active || tpl.Version != 2 {
			t.Fatalf("patched: %+v", tpl)
		}
		if res := admin.Do("PATCH", fmt.Sprintf("/api/v1/task-templates/%d", chain), map[string]any{"active": true, "version": 1}); res.Status != http.StatusConflict {
			t.Fatalf("stale: %d", res.Status)
		}
		var list struct {
			Items []struct{} `json:"items"`
		}
		testutil.Must(t, env.Login("manager2"), "GET", "/api/v1/task-templates", nil, http.StatusOK).JSON(t, &list)
		if len(list.Items) != 25 {
			t.Fatalf("manager2 sees %d templates, want the chain's 25", len(list.Items))
		}
	})
}
