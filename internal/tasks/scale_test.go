package tasks_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/tasks"
	"github.com/storeops/storeops/internal/testutil"
)

// TestScale measures, on each database, generating one day's tasks for 500 stores (limit
// 2 s) against a raw multi-row INSERT of the same rows, and GET /me/today for super1 whose
// store has a year of task history (p95 limit 50 ms) against the raw indexed SELECT the
// tasks source runs. Run with STOREOPS_TASKS_SCALE=1 (it takes a minute or two).
func TestScale(t *testing.T) {
	if os.Getenv("STOREOPS_TASKS_SCALE") == "" {
		t.Skip("set STOREOPS_TASKS_SCALE=1 to measure")
	}
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		ctx := context.Background()
		now := env.Clock.Now()
		if _, err := env.App.Tasks.EnsureDefaultTemplates(ctx, authz.System("test"), []string{"produce", "meat", "seafood", "deli", "bakery"}); err != nil {
			t.Fatal(err)
		}
		addStores(t, env, 497) // beside the demo's 3
		// A year of history in sh-pudong: every day's tasks generated, nine in ten done.
		for back := 365; back >= 1; back-- {
			if _, err := env.App.Tasks.GenerateStores(ctx, now.AddDate(0, 0, -back), []int64{1}); err != nil {
				t.Fatal(err)
			}
		}
		testutil.MustExec(t, env.DB, "UPDATE tasks SET status = 'done', done_at = due_at WHERE store_id = 1 AND id % 10 <> 0")
		var before int64
		env.DB.Table("tasks").Count(&before)

		start := time.Now()
		added, err := env.App.Tasks.Generate(ctx, now)
		generate := time.Since(start)
		if err != nil {
			t.Fatal(err)
		}
		raw := rawInsert(t, env, added)
		t.Logf("%s: generated %d tasks for 500 stores in %s; raw INSERT of the same rows %s (%.2f× raw); history rows %d",
			dialect, added, generate.Round(time.Millisecond), raw.Round(time.Millisecond), float64(generate)/float64(raw), before)
		if added < 500*5*4 || generate > 2*time.Second {
			t.Errorf("generate: %d tasks in %s, want 10000 within 2 s", added, generate)
		}

		token := env.Login("super1").Token
		today := percentile95(200, func() {
			req := httptest.NewRequest(http.MethodGet, "/api/v1/me/today?lang=zh-CN", nil)
			req.Header.Set("Authorization", "Bearer "+token)
			rec := httptest.NewRecorder()
			env.App.Handler.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				t.Fatalf("today: %d %s", rec.Code, rec.Body)
			}
		})
		p, err := env.App.Org.PrincipalOf(ctx, 3)
		if err != nil {
			t.Fatal(err)
		}
		source := tasks.NewInboxSource(env.App.Tasks)
		own := percentile95(200, func() {
			if _, err := source.Today(ctx, p, now); err != nil {
				t.Fatal(err)
			}
		})
		rawSelect := percentile95(200, func() {
			var n []int64
			env.DB.Raw(`SELECT id FROM tasks WHERE store_id = 1 AND status = 'open' AND business_date >= ? AND business_date <= ?
				AND (assignee_id = ? OR (assignee_id IS NULL AND department_code IN ?)) ORDER BY due_at, id LIMIT 200`,
				now.AddDate(0, 0, -7).Format("2006-01-02"), now.Format("2006-01-02"), 3, []string{"produce", "meat", "seafood"}).Scan(&n)
		})
		t.Logf("%s: GET /me/today (all sources) p95 %s; the tasks source alone p95 %s; raw indexed SELECT of the tasks source p95 %s (source %.1f× raw)",
			dialect, today.Round(10*time.Microsecond), own.Round(10*time.Microsecond), rawSelect.Round(10*time.Microsecond), float64(own)/float64(rawSelect))
		if today > 50*time.Millisecond {
			t.Errorf("GET /me/today p95 %s, want under 50 ms", today)
		}
	})
}

func addStores(t *testing.T, env *testutil.Env, n int) {
	t.Helper()
	now := env.Clock.Now()
	for start := 0; start < n; start += 100 {
		var sb strings.Builder
		args := []any{}
		for i := start; i < min(start+100, n); i++ {
			if i > start {
				sb.WriteByte(',')
			}
			sb.WriteString("(?, ?, ?, ?, ?, ?, ?, ?)")
			args = append(args, fmt.Sprintf("bench-%03d", i), fmt.Sprintf("门店%d", i), "华东", "Asia/Shanghai", true, 1, now, now)
		}
		testutil.MustExec(t, env.DB, "INSERT INTO stores (code, name, region, timezone, active, version, created_at, updated_at) VALUES "+sb.String(), args...)
	}
	testutil.MustExec(t, env.DB, `INSERT INTO store_departments (store_id, department_code)
		SELECT s.id, d.code FROM stores s JOIN departments d ON d.kind = 'fresh' WHERE s.code LIKE 'bench-%'`)
}

// rawInsert writes as many task rows again, on a day far ahead, with plain multi-row INSERT
// statements of the same size and nothing else: the limit the generator is measured against.
func rawInsert(t *testing.T, env *testutil.Env, rows int64) time.Duration {
	t.Helper()
	day := env.Clock.Now().AddDate(3, 0, 0)
	const per = 500
	tuple := "(?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
	start := time.Now()
	err := env.DB.Transaction(func(tx *gorm.DB) error {
		for done := int64(0); done < rows; done += per {
			k := min(per, rows-done)
			args := make([]any, 0, k*14)
			for i := range k {
				n := done + i
				args = append(args, 1+n%500, 1+n%25, day.Format("2006-01-02"), "produce", "开店检查", "Opening", "", day, 20, "open",
					"raw", 1, day, day)
			}
			q := "INSERT INTO tasks (store_id, template_id, business_date, department_code, title_zh, title_en, note, due_at, estimated_minutes, status, created_by_name, version, created_at, updated_at) VALUES " +
				strings.TrimSuffix(strings.Repeat(tuple+",", int(k)), ",")
			if _, err := tx.Statement.ConnPool.ExecContext(context.Background(), q, args...); err != nil {
				return err
			}
			day = day.AddDate(0, 0, 1) // keeps (template, store, day) unique
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return time.Since(start)
}

func percentile95(n int, fn func()) time.Duration {
	times := make([]time.Duration, n)
	for i := range n {
		start := time.Now()
		fn()
		times[i] = time.Since(start)
	}
	slices.Sort(times)
	return times[n*95/100]
}
