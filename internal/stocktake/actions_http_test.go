package stocktake_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync/atomic"
	"testing"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/stocktake"
	"github.com/storeops/storeops/internal/testutil"
)

type actionsJSON struct {
	ID             int64    `json:"id"`
	AllowedActions []string `json:"allowed_actions"`
}

func actionsOf(t *testing.T, c *testutil.Client, st string) string {
	t.Helper()
	var a actionsJSON
	testutil.Must(t, c, "GET", st, nil, http.StatusOK).JSON(t, &a)
	return strings.Join(a.AllowedActions, " ")
}

// refusedUnlessAllowed tries each state-changing action the caller was not offered and
// expects a refusal (403, 409 or 422) that changes nothing.
func refusedUnlessAllowed(t *testing.T, f *fixture, c *testutil.Client, who, st string) {
	t.Helper()
	offered := strings.Fields(actionsOf(t, c, st))
	recount := sheet("销售区", map[string]string{f.skus[1]: "10"})
	recount["recount"] = true
	tries := map[string]struct {
		path string
		body any
	}{
		stocktake.ActionStart:          {"/start", map[string]any{}},
		stocktake.ActionCount:          {"/counts", sheet("销售区", map[string]string{f.skus[1]: "10"})},
		stocktake.ActionRecount:        {"/counts", recount},
		stocktake.ActionConfirmZero:    {"/confirm-zero", map[string]any{"all": true}},
		stocktake.ActionAssignRecounts: {"/recounts", map[string]any{"skus": []string{f.skus[1]}}},
		stocktake.ActionSubmit:         {"/submit", map[string]any{}},
		stocktake.ActionApprove:        {"/approve", map[string]any{}},
		stocktake.ActionReject:         {"/reject", map[string]any{"reason": "no"}},
	}
	for action, try := range tries {
		if slices.Contains(offered, action) {
			continue
		}
		res := c.Do("POST", st+try.path, try.body)
		if !slices.Contains([]int{http.StatusForbidden, http.StatusConflict, http.StatusUnprocessableEntity}, res.Status) {
			t.Errorf("%s was not offered %s but the server answered %d %s", who, action, res.Status, res.Body)
		}
	}
	if got := strings.Join(strings.Fields(actionsOf(t, c, st)), " "); got != strings.Join(offered, " ") {
		t.Errorf("refused actions changed what %s may do: %s → %s", who, strings.Join(offered, " "), got)
	}
}

// TestAllowedActionsAgreeWithTheServer follows a stocktake through its states and checks, for
// each kind of caller, the allowed_actions of every answer and that what is left out is
// refused.
func TestAllowedActionsAgreeWithTheServer(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f, st := countedFixture(t, dialect) // counting, counted by super1
		manager, super1, hq := f.env.Login("manager1"), f.env.Login("super1"), f.env.Login("hq1")
		super3, _ := f.addSupervisor(t, "super3")
		all := "count recount confirm_zero assign_recounts submit view_variance print_sheet"
		for who, c := range map[string]*testutil.Client{"manager": manager, "super1": super1, "super3": super3} {
			if got := actionsOf(t, c, st); got != all {
				t.Errorf("counting, %s: %s", who, got)
			}
		}
		if got := actionsOf(t, hq, st); got != "view_variance print_sheet" {
			t.Errorf("counting, HQ: %s", got)
		}
		refusedUnlessAllowed(t, f, hq, "HQ", st)

		recount := sheet("销售区", map[string]string{f.skus[0]: "4"})
		recount["recount"] = true
		testutil.Must(t, manager, "POST", st+"/counts", recount, http.StatusCreated)
		var submitted actionsJSON
		testutil.Must(t, super1, "POST", st+"/submit", map[string]any{}, http.StatusOK).JSON(t, &submitted)
		if got := strings.Join(submitted.AllowedActions, " "); got != "recount assign_recounts view_variance print_sheet" {
			t.Errorf("submit answered %s", got)
		}
		if got := actionsOf(t, manager, st); got != "recount assign_recounts approve reject view_variance print_sheet" {
			t.Errorf("submitted, manager: %s", got)
		}
		refusedUnlessAllowed(t, f, super3, "a supervisor", st)

		f.nameDeputy(t, f.userID(t, "super1"))
		if got := actionsOf(t, super1, st); got != "recount assign_recounts reject view_variance print_sheet" {
			t.Errorf("submitted, deputy who counted: %s", got)
		}
		refusedUnlessAllowed(t, f, super1, "the deputy who counted", st)
		var list struct {
			Items []actionsJSON `json:"items"`
		}
		testutil.Must(t, super1, "GET", f.base+"/stocktakes", nil, http.StatusOK).JSON(t, &list)
		if len(list.Items) != 1 || strings.Join(list.Items[0].AllowedActions, " ") != actionsOf(t, super1, st) {
			t.Errorf("the list's actions differ from the stocktake's: %+v", list.Items)
		}

		var approved actionsJSON
		testutil.Must(t, manager, "POST", st+"/approve", map[string]any{}, http.StatusOK).JSON(t, &approved)
		if got := strings.Join(approved.AllowedActions, " "); got != "view_variance print_sheet" {
			t.Errorf("approve answered %s", got)
		}
		refusedUnlessAllowed(t, f, manager, "the manager", st)
	})
}

// TestListQueriesDoNotGrowWithItsLength: allowed_actions of a page, even a deputy's, cost
// the same queries for one stocktake as for many.
func TestListQueriesDoNotGrowWithItsLength(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		super1 := f.env.Login("super1")
		f.nameDeputy(t, f.userID(t, "super1"))
		var queries atomic.Int64
		count := func(*gorm.DB) { queries.Add(1) }
		cb := f.env.DB.Callback()
		for _, err := range []error{cb.Query().Register("test:count", count), cb.Row().Register("test:count", count),
			cb.Raw().Register("test:count", count)} {
			if err != nil {
				t.Fatal(err)
			}
		}
		listQueries := func() int64 {
			queries.Store(0)
			testutil.Must(t, super1, "GET", f.base+"/stocktakes", nil, http.StatusOK)
			return queries.Load()
		}
		plan := func(sku string) {
			f.plan(t, super1, map[string]any{"scope": "cycle", "department_code": "produce", "skus": []string{sku},
				"blind": false, "zones": []string{"销售区"}})
		}
		plan(f.skus[0])
		one := listQueries()
		for _, sku := range f.skus[1:8] {
			plan(sku)
		}
		eight := listQueries()
		t.Logf("list queries: %d for one stocktake, %d for eight", one, eight)
		if eight != one || one == 0 {
			t.Fatalf("listing 1 stocktake took %d queries, 8 took %d", one, eight)
		}
	})
}

// TestSpecNamesEveryAction holds the spec's StocktakeAction enum and the Go list together.
func TestSpecNamesEveryAction(t *testing.T) {
	doc, _ := testutil.Spec(t)
	s := doc.Components.Schemas["StocktakeAction"]
	if s == nil || s.Value == nil {
		t.Fatal("api/openapi.yaml has no StocktakeAction schema")
	}
	var enum []string
	for _, v := range s.Value.Enum {
		enum = append(enum, fmt.Sprint(v))
	}
	if !slices.Equal(enum, stocktake.AllActions) {
		t.Fatalf("spec enum %v, Go %v", enum, stocktake.AllActions)
	}
}
