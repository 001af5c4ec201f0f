package jobs_test

import (
	"context"
	"testing"

	"github.com/storeops/storeops/internal/platform/jobs"
	"github.com/storeops/storeops/internal/testutil"
)

func TestJobsEndpointAnswersAdminsOnly(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		admin := env.Login("admin")
		list := func() map[string]jobs.Status {
			t.Helper()
			res := admin.Do("GET", "/api/v1/jobs", nil)
			if res.Status != 200 {
				t.Fatalf("GET jobs: %d %s", res.Status, res.Body)
			}
			var page struct {
				Items []jobs.Status `json:"items"`
				Total int64         `json:"total"`
			}
			res.JSON(t, &page)
			out := map[string]jobs.Status{}
			for _, s := range page.Items {
				out[s.Name] = s
			}
			if int(page.Total) != len(out) {
				t.Fatalf("total %d for %d items", page.Total, len(out))
			}
			return out
		}
		before := list()
		for _, name := range []string{"auth.sweep_sessions", "outbox.deliver"} {
			if s, ok := before[name]; !ok || s.Runs != 0 || !s.NextRunAt.Equal(env.Clock.Now()) {
				t.Fatalf("%s before any run: %+v (registered: %v)", name, s, ok)
			}
		}
		if n, err := env.App.Jobs.RunDue(context.Background()); err != nil || n != len(before) {
			t.Fatalf("ran %d jobs (err %v), want every registered one (%d)", n, err, len(before))
		}
		for name, s := range list() {
			if s.Runs != 1 || s.LastOKAt == nil || s.LastError != nil || s.Running || !s.NextRunAt.After(env.Clock.Now()) {
				t.Errorf("%s after a run: %+v", name, s)
			}
		}
		if res := admin.Do("GET", "/api/v1/jobs?page_size=0", nil); res.Status != 400 || res.Fields()["page_size"] == "" {
			t.Errorf("page_size=0: %d %s", res.Status, res.Body)
		}
		for _, user := range []string{"manager1", "super1", "hq1"} {
			if res := env.Login(user).Do("GET", "/api/v1/jobs", nil); res.Status != 403 {
				t.Errorf("%s: %d, want 403", user, res.Status)
			}
		}
	})
}
