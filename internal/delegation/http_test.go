package delegation_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/seed"
	"github.com/storeops/storeops/internal/testutil"
)

type delegationJSON struct {
	ID                int64    `json:"id"`
	DeputyUserID      int64    `json:"deputy_user_id"`
	DeputyDisplayName *string  `json:"deputy_display_name"`
	Status            string   `json:"status"`
	AllowedActions    []string `json:"allowed_actions"`
	RevokeReason      string   `json:"revoke_reason"`
}

type fixture struct {
	env          *testutil.Env
	storeID      int64
	path         string // /api/v1/stores/{id}/delegations
	super1, hq1  int64
	manager1     int64
	super2       int64 // a supervisor of another store
	disabledUser int64
}

func newFixture(t *testing.T, dialect string) *fixture {
	t.Helper()
	env := testutil.NewEnv(t, dialect)
	f := &fixture{env: env}
	env.DB.Table("stores").Where("code = ?", "sh-pudong").Pluck("id", &f.storeID)
	f.path = fmt.Sprintf("/api/v1/stores/%d/delegations", f.storeID)
	f.super1, f.hq1, f.manager1, f.super2 = f.user(t, "super1"), f.user(t, "hq1"), f.user(t, "manager1"), f.user(t, "super2")
	admin := env.Login("admin")
	res := admin.Do("POST", "/api/v1/users", map[string]any{"username": "super9", "display_name": "super9",
		"role": "supervisor", "store_id": f.storeID, "department_codes": []string{"produce"}, "password": seed.DefaultDemoPassword})
	var u struct {
		ID      int64 `json:"id"`
		Version int   `json:"version"`
	}
	res.JSON(t, &u)
	f.disabledUser = u.ID
	if r := admin.Do("PATCH", fmt.Sprintf("/api/v1/users/%d", u.ID), map[string]any{"disabled": true, "version": u.Version}); r.Status != http.StatusOK {
		t.Fatalf("disable: %d %s", r.Status, r.Body)
	}
	return f
}

func (f *fixture) user(tb testing.TB, username string) int64 {
	tb.Helper()
	var id int64
	f.env.DB.Table("users").Where("username = ?", username).Pluck("id", &id)
	if id == 0 {
		tb.Fatalf("user %s", username)
	}
	return id
}

// body is a create request for deputy from now+from for length.
func (f *fixture) body(deputy int64, from, length time.Duration) map[string]any {
	start := f.env.Clock.Now().Add(from)
	return map[string]any{"deputy_user_id": deputy, "starts_at": start.Format(time.RFC3339),
		"ends_at": start.Add(length).Format(time.RFC3339), "note": "年假"}
}

const day = 24 * time.Hour

func TestCreateRefusesWhatIsNotADeputyOrAPeriod(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		manager := f.env.Login("manager1")
		cases := []struct {
			name  string
			body  map[string]any
			field string
		}{
			{"the manager themself", f.body(f.manager1, 0, day), "deputy_user_id"},
			{"an HQ user", f.body(f.hq1, 0, day), "deputy_user_id"},
			{"another store's supervisor", f.body(f.super2, 0, day), "deputy_user_id"},
			{"a disabled supervisor", f.body(f.disabledUser, 0, day), "deputy_user_id"},
			{"nobody", f.body(999999, 0, day), "deputy_user_id"},
			{"ends before it starts", f.body(f.super1, day, -time.Hour), "ends_at"},
			{"longer than 90 days", f.body(f.super1, 0, 91*day), "ends_at"},
			{"starts in the past", f.body(f.super1, -time.Hour, day), "starts_at"},
			{"not a timestamp", map[string]any{"deputy_user_id": f.super1, "starts_at": "2026-11-02", "ends_at": "2026-11-09T00:00:00Z"}, "starts_at"},
		}
		for _, tc := range cases {
			t.Run(tc.name, func(t *testing.T) {
				res := manager.Do("POST", f.path, tc.body)
				if res.Status != http.StatusBadRequest || res.Fields()[tc.field] == "" {
					t.Fatalf("got %d %s, want 400 naming %s", res.Status, res.Body, tc.field)
				}
			})
		}
		testutil.Must(t, f.env.Login("super1"), "POST", f.path, f.body(f.super1, 0, day), http.StatusForbidden)
		testutil.Must(t, f.env.Login("hq1"), "POST", f.path, f.body(f.super1, 0, day), http.StatusForbidden)
		testutil.Must(t, f.env.Login("manager2"), "POST", f.path, f.body(f.super1, 0, day), http.StatusNotFound)
		var n int64
		f.env.DB.Table("delegations").Count(&n)
		if n != 0 {
			t.Fatalf("%d delegations written by refused requests", n)
		}
	})
}

func TestOneDeputyAtATimeAndRevocation(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		manager := f.env.Login("manager1")
		super3, _ := f.addSupervisor(t, "super3")
		var now delegationJSON
		testutil.Must(t, manager, "POST", f.path, f.body(f.super1, 0, 7*day), http.StatusCreated).JSON(t, &now)
		if now.Status != "active" || len(now.AllowedActions) != 1 || now.DeputyDisplayName == nil {
			t.Fatalf("created: %+v", now)
		}
		// Another deputy in an overlapping period is refused, whoever it is.
		if r := manager.Do("POST", f.path, f.body(super3, 6*day, 3*day)); r.Status != http.StatusConflict || r.ErrorCode() != "overlap" {
			t.Fatalf("overlap: %d %s", r.Status, r.Body)
		}
		var later delegationJSON
		testutil.Must(t, f.env.Login("admin"), "POST", f.path, f.body(super3, 7*day, 3*day), http.StatusCreated).JSON(t, &later)

		p := principal(t, f, "super1")
		at := f.env.Clock.Now().Add(time.Hour)
		if ok, err := f.env.App.Delegation.MayApprove(context.Background(), p, f.storeID, at); err != nil || !ok {
			t.Fatalf("the deputy may not approve: %v %v", ok, err)
		}
		if ok, _ := f.env.App.Delegation.MayApprove(context.Background(), p, f.storeID, at.Add(8*day)); ok {
			t.Fatal("the first deputy may approve in the second one's period")
		}

		// Supervisors read the list: the active one first, then the scheduled one.
		var list struct {
			Items []delegationJSON `json:"items"`
			Total int              `json:"total"`
		}
		testutil.Must(t, f.env.Login("super1"), "GET", f.path, nil, http.StatusOK).JSON(t, &list)
		if list.Total != 2 || list.Items[0].ID != now.ID || list.Items[1].Status != "scheduled" || len(list.Items[0].AllowedActions) != 0 {
			t.Fatalf("list as a supervisor: %+v", list)
		}

		revoke := fmt.Sprintf("/api/v1/delegations/%d/revoke", now.ID)
		testutil.Must(t, f.env.Login("super1"), "POST", revoke, map[string]any{}, http.StatusForbidden)
		testutil.Must(t, f.env.Login("manager2"), "POST", revoke, map[string]any{}, http.StatusNotFound)
		var revoked delegationJSON
		testutil.Must(t, manager, "POST", revoke, map[string]any{"reason": "back early"}, http.StatusOK).JSON(t, &revoked)
		if revoked.Status != "revoked" || revoked.RevokeReason != "back early" || len(revoked.AllowedActions) != 0 {
			t.Fatalf("revoked: %+v", revoked)
		}
		if r := manager.Do("POST", revoke, map[string]any{}); r.Status != http.StatusConflict || r.ErrorCode() != "wrong_state" {
			t.Fatalf("second revoke: %d %s", r.Status, r.Body)
		}
		if ok, _ := f.env.App.Delegation.MayApprove(context.Background(), p, f.storeID, f.env.Clock.Now()); ok {
			t.Fatal("a revoked deputy may still approve")
		}
		// The freed time can be given to someone else.
		testutil.Must(t, manager, "POST", f.path, f.body(super3, time.Hour, day), http.StatusCreated)

		var entries int64
		f.env.DB.Table("audit_log").Where("entity_type = ? AND action IN ?", "delegation",
			[]string{"delegation.create", "delegation.revoke"}).Count(&entries)
		if entries != 4 {
			t.Fatalf("%d audit entries, want 3 creations and 1 revocation", entries)
		}
	})
}

func TestRacingDelegationsLeaveOneDeputy(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		super3, _ := f.addSupervisor(t, "super3")
		clients := []*testutil.Client{f.env.Login("manager1"), f.env.Login("admin"), f.env.Login("manager1"), f.env.Login("admin")}
		statuses := make([]int, len(clients))
		var wg sync.WaitGroup
		for i, c := range clients {
			deputy := f.super1
			if i%2 == 1 {
				deputy = super3
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses[i] = c.Do("POST", f.path, f.body(deputy, time.Duration(i)*time.Hour, day)).Status
			}()
		}
		wg.Wait()
		created := 0
		for _, s := range statuses {
			switch s {
			case http.StatusCreated:
				created++
			case http.StatusConflict:
			default:
				t.Errorf("answered %d", s)
			}
		}
		if created != 1 {
			t.Fatalf("%d delegations created (%v), want 1", created, statuses)
		}
	})
}

func TestMayApproveByRole(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		testutil.Must(t, f.env.Login("manager1"), "POST", f.path, f.body(f.super1, time.Hour, day), http.StatusCreated)
		inside, before := f.env.Clock.Now().Add(2*time.Hour), f.env.Clock.Now()
		cases := []struct {
			user string
			at   time.Time
			want bool
		}{
			{"admin", before, true},
			{"manager1", before, true},
			{"manager2", inside, false},
			{"super1", before, false},
			{"super1", inside, true},
			{"super2", inside, false},
			{"hq1", inside, false},
		}
		for _, tc := range cases {
			got, err := f.env.App.Delegation.MayApprove(context.Background(), principal(t, f, tc.user), f.storeID, tc.at)
			if err != nil || got != tc.want {
				t.Errorf("%s at %s: %v %v, want %v", tc.user, tc.at.Format(time.RFC3339), got, err, tc.want)
			}
		}
		if _, err := f.env.App.Delegation.MayApprove(context.Background(), nil, f.storeID, inside); err == nil {
			t.Error("a nil caller was answered")
		}
	})
}

func principal(t *testing.T, f *fixture, username string) *authz.Principal {
	t.Helper()
	p, err := f.env.App.Org.PrincipalOf(context.Background(), f.user(t, username))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// addSupervisor creates another produce supervisor of sh-pudong.
func (f *fixture) addSupervisor(t *testing.T, username string) (int64, *testutil.Client) {
	t.Helper()
	res := testutil.Must(t, f.env.Login("admin"), "POST", "/api/v1/users", map[string]any{"username": username, "display_name": username,
		"role": "supervisor", "store_id": f.storeID, "department_codes": []string{"produce"}, "password": seed.DefaultDemoPassword},
		http.StatusCreated)
	var u struct {
		ID int64 `json:"id"`
	}
	res.JSON(t, &u)
	return u.ID, f.env.Login(username)
}
