package safety_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/safety"
	"github.com/storeops/storeops/internal/testutil"
)

// addInspections inserts n inspections a day for each store from..to (template 1, the
// preloaded cold-room checklist): scores cycle 70, 80, 90, 100 and the 70s fail. Multi-row
// statements of rows at a time.
func addInspections(tb testing.TB, db *gorm.DB, stores []int64, from, to civil.Date, perDay, rows int) int {
	tb.Helper()
	depts := []string{"produce", "meat", "deli", "seafood"}
	var vals []string
	var args []any
	total := 0
	flush := func() {
		if len(vals) == 0 {
			return
		}
		q := "INSERT INTO inspections (store_id, department_code, area, template_id, template_version, title, business_date, " +
			"score, pass_score, passed, critical_failed, failed_count, created_at) VALUES " + strings.Join(vals, ",")
		if err := db.Exec(q, args...).Error; err != nil {
			tb.Fatal(err)
		}
		vals, args = vals[:0], args[:0]
	}
	for _, s := range stores {
		for d := from; d <= to; d++ {
			for i := range perDay {
				score := 70 + 10*((int(d)+i)%4)
				vals = append(vals, "(?, ?, 'cold_room', 1, 1, '冷库检查', ?, ?, 80, ?, FALSE, 0, '2026-01-01 00:00:00')")
				args = append(args, s, depts[i%len(depts)], d, fmt.Sprintf("%d.00", score), score >= 80)
				total++
				if len(vals) == rows {
					flush()
				}
			}
		}
	}
	flush()
	return total
}

func TestInspectionScoreReport(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		var pudong, tianhe int64
		env.DB.Table("stores").Where("code = ?", "sh-pudong").Pluck("id", &pudong)
		env.DB.Table("stores").Where("code = ?", "gz-tianhe").Pluck("id", &tianhe)
		from, _ := civil.Parse("2026-09-28") // a Monday
		to, _ := civil.Parse("2026-10-11")
		addInspections(t, env.DB, []int64{pudong, tianhe}, from, to, 2, 100)
		var rep struct {
			Rows []struct {
				Group       string `json:"group"`
				Label       string `json:"label"`
				Period      string `json:"period"`
				Inspections int    `json:"inspections"`
				Failed      int    `json:"failed"`
				MeanScore   string `json:"mean_score"`
			} `json:"rows"`
		}
		q := "/api/v1/reports/inspection-scores?from=2026-09-28&to=2026-10-11"
		testutil.Must(t, env.Login("qa1"), "GET", q+"&group_by=store&period=month", nil, http.StatusOK).JSON(t, &rep)
		// Two stores × (September: 3 days, October: 11 days).
		if len(rep.Rows) != 4 || rep.Rows[0].Period != "2026-09-01" || rep.Rows[0].Inspections != 6 || rep.Rows[1].Inspections != 22 {
			t.Fatalf("by store and month: %+v", rep.Rows)
		}
		testutil.Must(t, env.Login("manager1"), "GET", q+"&group_by=department&period=week", nil, http.StatusOK).JSON(t, &rep)
		// One store, two departments, two weeks; each day one 70/80/90/100 pair: mean per week.
		if len(rep.Rows) != 4 || rep.Rows[0].Group != "meat" || rep.Rows[0].Period != "2026-09-28" || rep.Rows[0].Inspections != 7 {
			t.Fatalf("manager by department and week: %+v", rep.Rows)
		}
		failed, sum := 0, 0
		for _, r := range rep.Rows {
			failed += r.Failed
			sum += r.Inspections
		}
		if sum != 28 || failed != 7 {
			t.Fatalf("manager sees %d inspections, %d failed", sum, failed)
		}
		testutil.Must(t, env.Login("manager1"), "GET", fmt.Sprintf("%s&store_id=%d", q, tianhe), nil, http.StatusNotFound)
		testutil.Must(t, env.Login("qa1"), "GET", q+"&group_by=shelf", nil, http.StatusBadRequest)
		testutil.Must(t, env.Login("qa1"), "GET", "/api/v1/reports/inspection-scores?from=2026-10-11&to=2026-09-01", nil, http.StatusBadRequest)
		res := testutil.Must(t, env.Login("qa1"), "GET", q+"&group_by=area&format=csv&lang=en", nil, http.StatusOK)
		if !strings.Contains(string(res.Body), "Mean score") || !strings.Contains(string(res.Body), "cold_room,cold_room,2026-09-01,12,2,85.00") {
			t.Fatalf("csv: %s", res.Body)
		}
		testutil.Must(t, env.Login("qa1"), "GET", q+"&format=xlsx", nil, http.StatusOK)
	})
}

func TestMean(t *testing.T) {
	if got := safety.Mean(25500, 3); got != 8500 {
		t.Fatalf("mean: %d", got)
	}
	if got := safety.Mean(100, 3); got != 33 {
		t.Fatalf("mean rounds: %d", got)
	}
}
