package delegation

import (
	"testing"
	"time"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
)

var t0 = time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)

const day = 24 * time.Hour

func TestValidateNamesEachBadField(t *testing.T) {
	cases := []struct {
		name         string
		starts, ends time.Time
		note         string
		want         []string // fields refused
	}{
		{"from now for two weeks", t0, t0.Add(14 * day), "年假", nil},
		{"a clock 30 s behind", t0.Add(-30 * time.Second), t0.Add(day), "", nil},
		{"exactly 90 days", t0, t0.Add(90 * day), "", nil},
		{"in the past", t0.Add(-2 * time.Minute), t0.Add(day), "", []string{"starts_at"}},
		{"over a year ahead", t0.Add(366 * day), t0.Add(367 * day), "", []string{"starts_at"}},
		{"ends before it starts", t0.Add(day), t0, "", []string{"ends_at"}},
		{"ends when it starts", t0, t0, "", []string{"ends_at"}},
		{"91 days", t0, t0.Add(91 * day), "", []string{"ends_at"}},
		{"long note and past start", t0.Add(-day), t0.Add(day), string(make([]rune, 501)), []string{"starts_at", "note"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := Validate(Delegation{StartsAt: tc.starts, EndsAt: tc.ends, Note: tc.note}, t0)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			fe, ok := err.(apperr.FieldErrors)
			if !ok || len(fe) != len(tc.want) {
				t.Fatalf("got %v, want fields %v", err, tc.want)
			}
			for _, f := range tc.want {
				if fe[f] == "" {
					t.Errorf("field %s not named in %v", f, fe)
				}
			}
		})
	}
}

func TestStatusAndActivity(t *testing.T) {
	d := Delegation{StartsAt: t0, EndsAt: t0.Add(day)}
	revokedEarly := d
	at := t0.Add(time.Hour)
	revokedEarly.RevokedAt = &at
	cancelledAt := t0.Add(-time.Hour)
	cancelled := d
	cancelled.RevokedAt = &cancelledAt
	cases := []struct {
		name   string
		d      Delegation
		now    time.Time
		status string
		active bool
	}{
		{"before it starts", d, t0.Add(-time.Second), StatusScheduled, false},
		{"at its start", d, t0, StatusActive, true},
		{"just before its end", d, t0.Add(day - time.Microsecond), StatusActive, true},
		{"at its end", d, t0.Add(day), StatusEnded, false},
		{"revoked: before the revocation", revokedEarly, t0.Add(30 * time.Minute), StatusActive, true},
		{"revoked: at the revocation", revokedEarly, at, StatusRevoked, false},
		{"revoked: after the end", revokedEarly, t0.Add(2 * day), StatusRevoked, false},
		{"cancelled before it started", cancelled, t0.Add(time.Hour), StatusRevoked, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.d.Status(tc.now); got != tc.status {
				t.Errorf("status %s, want %s", got, tc.status)
			}
			if got := tc.d.ActiveAt(tc.now); got != tc.active {
				t.Errorf("active %v, want %v", got, tc.active)
			}
			if tc.d.Open(tc.now) != (tc.status == StatusActive || tc.status == StatusScheduled) {
				t.Errorf("open disagrees with status %s", tc.status)
			}
		})
	}
}

func TestOverlaps(t *testing.T) {
	a := Delegation{StartsAt: t0, EndsAt: t0.Add(2 * day)}
	revokedAt := t0.Add(day)
	revoked := a
	revoked.RevokedAt = &revokedAt
	cases := []struct {
		name string
		a, b Delegation
		want bool
	}{
		{"inside", a, Delegation{StartsAt: t0.Add(time.Hour), EndsAt: t0.Add(day)}, true},
		{"straddles the start", a, Delegation{StartsAt: t0.Add(-day), EndsAt: t0.Add(time.Hour)}, true},
		{"back to back", a, Delegation{StartsAt: t0.Add(2 * day), EndsAt: t0.Add(3 * day)}, false},
		{"before", a, Delegation{StartsAt: t0.Add(-2 * day), EndsAt: t0}, false},
		{"after a revocation that freed the time", revoked, Delegation{StartsAt: t0.Add(day), EndsAt: t0.Add(3 * day)}, false},
		{"before that revocation", revoked, Delegation{StartsAt: t0.Add(time.Hour), EndsAt: t0.Add(3 * day)}, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if Overlaps(tc.a, tc.b) != tc.want || Overlaps(tc.b, tc.a) != tc.want {
				t.Errorf("overlaps %v, want %v both ways", !tc.want, tc.want)
			}
		})
	}
}

func TestCapacityAndActions(t *testing.T) {
	store, other := int64(1), int64(2)
	admin := &authz.Principal{UserID: 1, Role: authz.RoleAdmin}
	manager := &authz.Principal{UserID: 2, Role: authz.RoleStoreManager, StoreID: &store}
	otherManager := &authz.Principal{UserID: 3, Role: authz.RoleStoreManager, StoreID: &other}
	deputy := &authz.Principal{UserID: 4, Role: authz.RoleSupervisor, StoreID: &store}
	supervisor := &authz.Principal{UserID: 5, Role: authz.RoleSupervisor, StoreID: &store}
	hq := &authz.Principal{UserID: 6, Role: authz.RoleHQPromotions}
	open := Delegation{StoreID: store, DeputyUserID: 4, StartsAt: t0, EndsAt: t0.Add(day)}
	cases := []struct {
		name    string
		p       *authz.Principal
		deputy  int64
		as      string
		actions int
	}{
		{"admin", admin, 0, AsAdmin, 1},
		{"the store's manager", manager, 0, AsStoreManager, 1},
		{"another store's manager", otherManager, 0, "", 0},
		{"the active deputy", deputy, 4, AsDeputy, 0},
		{"a supervisor while someone else is deputy", supervisor, 4, "", 0},
		{"the deputy when no delegation is active", deputy, 0, "", 0},
		{"HQ", hq, 4, "", 0},
		{"nobody", nil, 4, "", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Capacity(tc.p, store, tc.deputy); got != tc.as {
				t.Errorf("capacity %q, want %q", got, tc.as)
			}
			if got := AllowedActions(tc.p, open, t0); len(got) != tc.actions {
				t.Errorf("allowed actions %v, want %d", got, tc.actions)
			}
		})
	}
	if got := AllowedActions(admin, open, t0.Add(day)); len(got) != 0 {
		t.Errorf("an ended delegation can be revoked: %v", got)
	}
}
