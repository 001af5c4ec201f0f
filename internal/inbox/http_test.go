package inbox_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/testutil"
)

type todayJSON struct {
	Items []struct {
		Kind           string            `json:"kind"`
		Title          string            `json:"title"`
		Params         map[string]string `json:"params"`
		Priority       string            `json:"priority"`
		DueAt          *string           `json:"due_at"`
		Link           string            `json:"link"`
		ResourceType   *string           `json:"resource_type"`
		ResourceID     *int64            `json:"resource_id"`
		StoreID        *int64            `json:"store_id"`
		DepartmentCode *string           `json:"department_code"`
		Count          int               `json:"count"`
	} `json:"items"`
	Total       int            `json:"total"`
	Badges      map[string]int `json:"badges"`
	Partial     bool           `json:"partial"`
	Unavailable []string       `json:"unavailable"`
}

// lines shows the items as "kind department priority count due" lines, with "#" for the
// stocktake named by the ids map.
func (d todayJSON) lines(names map[int64]string) string {
	var b strings.Builder
	for _, it := range d.Items {
		dept, due, what := "-", "-", ""
		if it.DepartmentCode != nil {
			dept = *it.DepartmentCode
		}
		if it.DueAt != nil {
			due = *it.DueAt
		}
		if it.ResourceID != nil {
			what = " " + names[*it.ResourceID]
		}
		fmt.Fprintf(&b, "%s%s %s %s %d %s\n", it.Kind, what, dept, it.Priority, it.Count, due)
	}
	return b.String()
}

// world is sh-pudong with lots expiring around the test clock's today (2026-11-02 in
// Shanghai) and stocktakes in every open state across departments.
type world struct {
	env     *testutil.Env
	storeID int64
	names   map[int64]string // stocktake id → name in expectations
}

func newWorld(t *testing.T, dialect string) *world {
	t.Helper()
	env := testutil.NewEnv(t, dialect)
	w := &world{env: env, names: map[int64]string{}}
	env.DB.Table("stores").Where("code = ?", "sh-pudong").Pluck("id", &w.storeID)
	base := fmt.Sprintf("/api/v1/stores/%d", w.storeID)
	byCategory := map[string][]catalog.Product{}
	for _, p := range catalog.DemoProducts() {
		byCategory[p.Category] = append(byCategory[p.Category], p)
	}
	leafy, fruit, pork, beef, bread := byCategory["叶菜"], byCategory["水果"], byCategory["猪肉"], byCategory["牛肉"], byCategory["面包"]
	receipt := func(p catalog.Product, qty, expiry string) map[string]any {
		return map[string]any{"business_date": "2026-11-01", "sku": p.SKU, "qty": qty, "cost": "10.00", "expiry_date": expiry}
	}
	second := receipt(fruit[1], "3", "2026-11-03") // a second lot of it, delivered the day before
	second["business_date"] = "2026-10-31"
	manager := env.Login("manager1")
	do := func(c *testutil.Client, method, path string, body any, want int) *testutil.Response {
		t.Helper()
		res := c.Do(method, path, body)
		if res.Status != want {
			t.Fatalf("%s %s: %d %s", method, path, res.Status, res.Body)
		}
		return res
	}
	do(manager, "POST", base+"/receipts", map[string]any{"lines": []any{
		receipt(fruit[0], "5", "2026-11-02"), // produce, today
		receipt(fruit[1], "5", "2026-11-03"), // produce, tomorrow
		second,
		receipt(fruit[2], "2", "2026-11-03"), // sold out below: no longer counts
		receipt(fruit[3], "5", "2026-11-04"), // beyond tomorrow
		receipt(fruit[4], "5", "2026-11-01"), // expired yesterday
		receipt(pork[0], "5", "2026-11-03"),  // meat, tomorrow
		receipt(bread[0], "5", "2026-11-03"), // bakery: not super1's
	}}, http.StatusOK)
	do(manager, "POST", base+"/sales", map[string]any{"lines": []any{map[string]any{"business_date": "2026-11-02",
		"sku": fruit[2].SKU, "qty": "2", "net_sales": "30.00", "cost": "20.00"}}}, http.StatusOK)

	plan := func(c *testutil.Client, name string, body map[string]any) string {
		t.Helper()
		body["blind"], body["zones"] = false, []string{"销售区"}
		var st struct {
			ID int64 `json:"id"`
		}
		do(c, "POST", base+"/stocktakes", body, http.StatusCreated).JSON(t, &st)
		w.names[st.ID] = name
		return fmt.Sprintf("/api/v1/stocktakes/%d", st.ID)
	}
	super1 := env.Login("super1")
	produce := plan(super1, "produce", map[string]any{"scope": "cycle", "department_code": "produce", "categories": []string{"叶菜"}})
	do(super1, "POST", produce+"/start", map[string]any{}, http.StatusOK)
	bakery := plan(manager, "bakery", map[string]any{"scope": "full", "department_code": "bakery"})
	do(manager, "POST", bakery+"/start", map[string]any{}, http.StatusOK)
	meat := plan(manager, "meat", map[string]any{"scope": "cycle", "department_code": "meat", "skus": []string{beef[0].SKU, beef[1].SKU}})
	do(manager, "POST", meat+"/start", map[string]any{}, http.StatusOK)
	do(manager, "POST", meat+"/confirm-zero", map[string]any{"all": true}, http.StatusOK)
	do(manager, "POST", meat+"/submit", map[string]any{}, http.StatusOK)
	plan(manager, "deli", map[string]any{"scope": "full", "department_code": "deli"})

	// The manager counts a leafy SKU and asks super1 to recount it.
	var super1ID int64
	env.DB.Table("users").Where("username = ?", "super1").Pluck("id", &super1ID)
	do(manager, "POST", produce+"/counts", map[string]any{"zone": "销售区", "lines": []any{
		map[string]any{"sku": leafy[0].SKU, "qty": "4"}}}, http.StatusCreated)
	do(manager, "POST", produce+"/recounts", map[string]any{"skus": []string{leafy[0].SKU}, "counter_user_id": super1ID}, http.StatusOK)
	return w
}

func (w *world) today(t *testing.T, user, query string) todayJSON {
	t.Helper()
	res := w.env.Login(user).Do("GET", "/api/v1/me/today"+query, nil)
	if res.Status != http.StatusOK {
		t.Fatalf("%s: %d %s", user, res.Status, res.Body)
	}
	var d todayJSON
	res.JSON(t, &d)
	return d
}

// Due times are the end of the expiry day in Shanghai (UTC+8).
const (
	endOfToday    = "2026-11-02T16:00:00Z"
	endOfTomorrow = "2026-11-03T16:00:00Z"
)

func TestToday(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		w := newWorld(t, dialect)
		cases := []struct {
			user   string
			want   string
			badges map[string]int
		}{
			{"super1", "inventory.lots_expiring produce high 3 " + endOfToday + "\n" +
				"stocktake.recount produce produce high 1 -\n" +
				"inventory.lots_expiring meat normal 1 " + endOfTomorrow + "\n" +
				"stocktake.count produce produce normal 1 -\n",
				map[string]int{"inventory": 4, "stocktakes": 2}},
			{"manager1", "inventory.lots_expiring produce high 3 " + endOfToday + "\n" +
				"stocktake.approve meat meat high 1 -\n" +
				// The central bakery takes tomorrow's orders until 20:00 today (12:00 UTC).
				"order_plan.create bakery normal 1 2026-11-02T12:00:00Z\n" +
				"inventory.lots_expiring bakery normal 1 " + endOfTomorrow + "\n" +
				"inventory.lots_expiring meat normal 1 " + endOfTomorrow + "\n" +
				"stocktake.count bakery bakery normal 1 -\n" +
				"stocktake.count produce produce normal 1 -\n" +
				"stocktake.start deli deli low 1 -\n",
				map[string]int{"inventory": 5, "ordering": 1, "stocktakes": 4}},
			{"hq1", "", map[string]int{}},
			{"admin", "", map[string]int{}},
		}
		for _, tc := range cases {
			d := w.today(t, tc.user, "")
			if got := d.lines(w.names); got != tc.want || fmt.Sprint(d.Badges) != fmt.Sprint(tc.badges) ||
				d.Total != strings.Count(tc.want, "\n") || d.Partial || len(d.Unavailable) != 0 {
				t.Errorf("%s:\n%swant\n%sbadges %v total %d partial %v", tc.user, got, tc.want, d.Badges, d.Total, d.Partial)
			}
		}

		d := w.today(t, "super1", "")
		first, recount := d.Items[0], d.Items[1]
		if first.Title != "3 个批次明天前到期（今天 1 个）" || first.Link != "/inventory?department_code=produce&expiring_within_days=1&only_expiring=true" ||
			first.ResourceID != nil || first.ResourceType != nil || first.StoreID == nil || *first.StoreID != w.storeID ||
			fmt.Sprint(first.Params) != "map[department_code:produce expiring_today:1 lots:3 products:2]" {
			t.Errorf("expiring entry: %+v", first)
		}
		if !strings.HasPrefix(recount.Link, "/stocktakes?id=") || !strings.HasSuffix(recount.Link, "&view=count") ||
			*recount.ResourceType != "stocktake" || recount.Params["skus"] != "1" || recount.Params["scope"] != "cycle" {
			t.Errorf("recount entry: %+v", recount)
		}
		en := w.today(t, "manager1", "?lang=en")
		if en.Items[0].Title != "3 lots expire by tomorrow (1 today)" || !strings.HasPrefix(en.Items[1].Title, "Approve stocktake #") {
			t.Errorf("English titles: %q, %q", en.Items[0].Title, en.Items[1].Title)
		}
		res := w.env.Login("super1").Do("GET", "/api/v1/me/today?lang=fr", nil)
		if res.Status != http.StatusBadRequest || res.Fields()["lang"] == "" {
			t.Errorf("lang=fr: %d %s", res.Status, res.Body)
		}
		if res := w.env.Anonymous().Do("GET", "/api/v1/me/today", nil); res.Status != http.StatusUnauthorized {
			t.Errorf("anonymous: %d", res.Status)
		}
	})
}

// TestRecountLeavesTheInbox: once super1 recounts, the entry goes; the count stays.
func TestRecountLeavesTheInbox(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		w := newWorld(t, dialect)
		d := w.today(t, "super1", "")
		sku := ""
		for _, p := range catalog.DemoProducts() {
			if p.Category == "叶菜" {
				sku = p.SKU
				break
			}
		}
		var link string
		for _, it := range d.Items {
			if it.Kind == "stocktake.recount" {
				link = fmt.Sprintf("/api/v1/stocktakes/%d", *it.ResourceID)
			}
		}
		res := w.env.Login("super1").Do("POST", link+"/counts", map[string]any{"zone": "销售区", "recount": true,
			"lines": []any{map[string]any{"sku": sku, "qty": "4"}}})
		if res.Status != http.StatusCreated {
			t.Fatalf("recount: %d %s", res.Status, res.Body)
		}
		d = w.today(t, "super1", "")
		if got := d.lines(w.names); strings.Contains(got, "stocktake.recount") || !strings.Contains(got, "stocktake.count produce") ||
			d.Badges["stocktakes"] != 1 {
			t.Errorf("after the recount:\n%s%v", got, d.Badges)
		}
	})
}
