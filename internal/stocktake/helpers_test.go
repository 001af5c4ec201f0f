package stocktake_test

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"testing"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/seed"
	"github.com/storeops/storeops/internal/testutil"
)

// fixture is the demo chain with stock of the produce department's leafy greens (叶菜) in
// sh-pudong: 10 of each, received the day before the test clock's today.
type fixture struct {
	env     *testutil.Env
	storeID int64
	base    string // /api/v1/stores/{id}
	skus    []string
	refs    map[string]catalog.Ref
}

const leafy = "叶菜"

func newFixture(t *testing.T, dialect string) *fixture {
	t.Helper()
	env := testutil.NewEnv(t, dialect)
	var storeID int64
	env.DB.Table("stores").Where("code = ?", "sh-pudong").Pluck("id", &storeID)
	f := &fixture{env: env, storeID: storeID, base: fmt.Sprintf("/api/v1/stores/%d", storeID)}
	refs, err := env.App.Catalog.FindRefs(context.Background(), catalog.Filter{DepartmentCode: "produce", Category: leafy})
	if err != nil || len(refs) < 10 {
		t.Fatalf("leafy greens: %d %v", len(refs), err)
	}
	f.refs = map[string]catalog.Ref{}
	var lines []map[string]any
	for _, r := range refs {
		f.skus = append(f.skus, r.SKU)
		f.refs[r.SKU] = r
		lines = append(lines, map[string]any{"business_date": "2026-11-01", "sku": r.SKU, "qty": "10", "cost": "30.00"})
	}
	sort.Strings(f.skus)
	res := env.Login("manager1").Do("POST", f.base+"/receipts", map[string]any{"lines": lines})
	if res.Status != http.StatusOK {
		t.Fatalf("receipts: %d %s", res.Status, res.Body)
	}
	return f
}

// addSupervisor creates another produce supervisor of sh-pudong and signs them in.
func (f *fixture) addSupervisor(t *testing.T, username string) (*testutil.Client, int64) {
	t.Helper()
	res := f.env.Login("admin").Do("POST", "/api/v1/users", map[string]any{"username": username, "display_name": username,
		"role": "supervisor", "store_id": f.storeID, "department_codes": []string{"produce"}, "password": seed.DefaultDemoPassword})
	if res.Status != http.StatusCreated {
		t.Fatalf("create %s: %d %s", username, res.Status, res.Body)
	}
	var u struct {
		ID int64 `json:"id"`
	}
	res.JSON(t, &u)
	return f.env.Login(username), u.ID
}

type stocktakeJSON struct {
	ID       int64   `json:"id"`
	Status   string  `json:"status"`
	Accuracy *string `json:"accuracy"`
	Summary  struct {
		Uncounted        int      `json:"uncounted"`
		NeedsRecount     int      `json:"needs_recount"`
		NeedsRecountSKUs []string `json:"needs_recount_skus"`
	} `json:"summary"`
}

// plan creates a stocktake and answers its path.
func (f *fixture) plan(t *testing.T, c *testutil.Client, body map[string]any) string {
	t.Helper()
	res := c.Do("POST", f.base+"/stocktakes", body)
	if res.Status != http.StatusCreated {
		t.Fatalf("plan: %d %s", res.Status, res.Body)
	}
	var st stocktakeJSON
	res.JSON(t, &st)
	return fmt.Sprintf("/api/v1/stocktakes/%d", st.ID)
}

// sheet builds a count sheet body.
func sheet(zone string, qty map[string]string) map[string]any {
	var lines []map[string]any
	keys := make([]string, 0, len(qty))
	for k := range qty {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		lines = append(lines, map[string]any{"sku": k, "qty": qty[k]})
	}
	return map[string]any{"zone": zone, "lines": lines}
}

func (f *fixture) onHand(t *testing.T, sku string) string {
	t.Helper()
	q, err := f.env.App.Inventory.OnHand(context.Background(), f.storeID, []int64{f.refs[sku].ID})
	if err != nil {
		t.Fatal(err)
	}
	return q[f.refs[sku].ID].String()
}

func (f *fixture) movements(t *testing.T, kind string) int64 {
	var n int64
	f.env.DB.Table("inventory_movements").Where("kind = ?", kind).Count(&n)
	return n
}

// checkLedger runs inventory.Check over the whole ledger.
func (f *fixture) checkLedger(t *testing.T) {
	t.Helper()
	all, err := f.env.App.Catalog.AllRefs(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	perishable := map[int64]bool{}
	for _, r := range all {
		perishable[r.ID] = r.Perishable
	}
	problems, err := f.env.App.Inventory.Check(context.Background(), func(id int64) bool { return perishable[id] })
	if err != nil || len(problems) > 0 {
		t.Fatalf("ledger check: %v %v", problems, err)
	}
}
