package complaints_test

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/testutil"
)

type complaintJSON struct {
	ID             int64    `json:"id"`
	Status         string   `json:"status"`
	Category       string   `json:"category"`
	DepartmentCode *string  `json:"department_code"`
	ProductName    *string  `json:"product_name"`
	Compensation   string   `json:"compensation"`
	HoursToResolve *string  `json:"hours_to_resolve"`
	Version        int      `json:"version"`
	AllowedActions []string `json:"allowed_actions"`
	Steps          []struct {
		Note          string `json:"note"`
		CreatedByName string `json:"created_by_name"`
		Photos        []struct {
			ID int64 `json:"id"`
		} `json:"photos"`
	} `json:"steps"`
}

func storeBase(t *testing.T, env *testutil.Env, code string) string {
	t.Helper()
	var id int64
	env.DB.Table("stores").Where("code = ?", code).Pluck("id", &id)
	if id == 0 {
		t.Fatalf("store %s", code)
	}
	return fmt.Sprintf("/api/v1/stores/%d", id)
}

func auditCount(env *testutil.Env, action string) int64 {
	var n int64
	env.DB.Table("audit_log").Where("action LIKE ?", action).Count(&n)
	return n
}

func photo(t *testing.T, c *testutil.Client) int64 {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	res := c.Upload("/api/v1/attachments", testutil.Part{Name: "file", FileName: "p.png", Data: buf.Bytes()})
	if res.Status != http.StatusCreated {
		t.Fatalf("upload: %d %s", res.Status, res.Body)
	}
	var a struct {
		ID int64 `json:"id"`
	}
	res.JSON(t, &a)
	return a.ID
}

// TestComplaintLifecycle records a complaint, handles it with a photo, resolves it with
// compensation and reopens it, on both databases, checking who may do what.
func TestComplaintLifecycle(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		base := storeBase(t, env, "sh-pudong")
		super := env.Login("super1")
		var c complaintJSON
		testutil.Must(t, super, "POST", base+"/complaints", map[string]any{"channel": "hotline", "category": "quality",
			"sku": catalog.FirstDemoSKU, "description": "顾客反映上海青叶子发黄",
			"received_at": env.Clock.Now().Add(-2 * time.Hour).Format(time.RFC3339)}, http.StatusCreated).JSON(t, &c)
		if c.Status != "open" || c.DepartmentCode == nil || *c.DepartmentCode != "produce" || c.ProductName == nil ||
			c.HoursToResolve != nil || fmt.Sprint(c.AllowedActions) != "[add_step resolve]" {
			t.Fatalf("created: %+v", c)
		}
		one := fmt.Sprintf("%s/complaints/%d", base, c.ID)

		own := photo(t, super)
		testutil.Must(t, super, "POST", one+"/steps", map[string]any{"note": "已致电顾客道歉", "photos": []int64{own}},
			http.StatusCreated).JSON(t, &c)
		if len(c.Steps) != 1 || len(c.Steps[0].Photos) != 1 || c.Steps[0].CreatedByName != "super1" {
			t.Fatalf("steps: %+v", c.Steps)
		}
		// Someone else's upload is not linked, and nothing of the step is written.
		other := photo(t, env.Login("manager1"))
		res := testutil.Must(t, super, "POST", one+"/steps", map[string]any{"note": "再次回访", "photos": []int64{other}},
			http.StatusBadRequest)
		if res.Fields()["photos[0]"] == "" {
			t.Fatalf("foreign photo: %s", res.Body)
		}

		hq := env.Login("hq1")
		testutil.Must(t, hq, "GET", one, nil, http.StatusOK)
		testutil.Must(t, hq, "POST", one+"/resolve", map[string]any{"resolution": "退款"}, http.StatusForbidden)

		for _, comp := range []string{"100000.01", "-1", "1.234"} {
			res := testutil.Must(t, super, "POST", one+"/resolve", map[string]any{"resolution": "退款", "compensation": comp},
				http.StatusBadRequest)
			if res.Fields()["compensation"] == "" {
				t.Fatalf("compensation %s: %s", comp, res.Body)
			}
		}
		testutil.Must(t, super, "POST", one+"/resolve", map[string]any{"compensation": "1"}, http.StatusBadRequest)
		testutil.Must(t, super, "POST", one+"/resolve", map[string]any{"resolution": "退款", "version": c.Version + 5},
			http.StatusConflict)
		testutil.Must(t, super, "POST", one+"/resolve", map[string]any{"resolution": "退款并赠送购物券",
			"compensation": "100000.00", "version": c.Version}, http.StatusOK).JSON(t, &c)
		if c.Status != "resolved" || c.Compensation != "100000.00" || c.HoursToResolve == nil || *c.HoursToResolve != "2.00" {
			t.Fatalf("resolved: %+v", c)
		}
		testutil.Must(t, super, "POST", one+"/resolve", map[string]any{"resolution": "again"}, http.StatusConflict)
		testutil.Must(t, super, "POST", one+"/steps", map[string]any{"note": "x"}, http.StatusConflict)
		testutil.Must(t, super, "POST", one+"/reopen", map[string]any{}, http.StatusForbidden)
		testutil.Must(t, env.Login("manager1"), "POST", one+"/reopen", map[string]any{}, http.StatusOK).JSON(t, &c)
		if c.Status != "open" || c.HoursToResolve != nil {
			t.Fatalf("reopened: %+v", c)
		}
		if n := auditCount(env, "complaint.%"); n != 4 {
			t.Fatalf("audit entries: %d, want create, step, resolve, reopen", n)
		}
	})
}

// TestComplaintScopeAndBadInput: another store's complaint is 404 whichever path names it,
// and bad input is a 400 naming the field with nothing written.
func TestComplaintScopeAndBadInput(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		base, other := storeBase(t, env, "sh-pudong"), storeBase(t, env, "gz-tianhe")
		var c complaintJSON
		testutil.Must(t, env.Login("super2"), "POST", other+"/complaints", map[string]any{"channel": "counter",
			"category": "service", "description": "收银员态度差"}, http.StatusCreated).JSON(t, &c)
		super := env.Login("super1")
		testutil.Must(t, super, "GET", fmt.Sprintf("%s/complaints/%d", other, c.ID), nil, http.StatusNotFound)
		testutil.Must(t, super, "GET", fmt.Sprintf("%s/complaints/%d", base, c.ID), nil, http.StatusNotFound)
		testutil.Must(t, super, "POST", fmt.Sprintf("%s/complaints/%d/steps", base, c.ID), map[string]any{"note": "x"},
			http.StatusNotFound)
		testutil.Must(t, super, "GET", other+"/complaints", nil, http.StatusNotFound)
		testutil.Must(t, super, "POST", other+"/complaints", map[string]any{"channel": "counter", "category": "service",
			"description": "x"}, http.StatusNotFound)

		before := auditCount(env, "%")
		bad := []struct {
			name  string
			body  map[string]any
			field string
		}{
			{"no category", map[string]any{"channel": "counter", "description": "菜不新鲜"}, "category"},
			{"unknown category", map[string]any{"channel": "counter", "category": "smell", "description": "x"}, "category"},
			{"unknown channel", map[string]any{"channel": "fax", "category": "price", "description": "x"}, "channel"},
			{"unknown department", map[string]any{"channel": "phone", "category": "price", "description": "x",
				"department_code": "toys"}, "department_code"},
			{"unknown sku", map[string]any{"channel": "phone", "category": "price", "description": "x", "sku": "NOPE"}, "sku"},
			{"future", map[string]any{"channel": "phone", "category": "price", "description": "x",
				"received_at": env.Clock.Now().Add(time.Hour).Format(time.RFC3339)}, "received_at"},
		}
		for _, b := range bad {
			res := testutil.Must(t, super, "POST", base+"/complaints", b.body, http.StatusBadRequest)
			if res.Fields()[b.field] == "" {
				t.Errorf("%s: %s does not name %s", b.name, res.Body, b.field)
			}
		}
		if after := auditCount(env, "%"); after != before {
			t.Fatalf("bad input wrote %d audit entries", after-before)
		}
		var list struct {
			Total int `json:"total"`
		}
		testutil.Must(t, super, "GET", base+"/complaints", nil, http.StatusOK).JSON(t, &list)
		if list.Total != 0 {
			t.Fatalf("bad input left %d complaints", list.Total)
		}
	})
}

// TestComplaintReportAndInbox: the report groups by category and department for a store
// and chain-wide; a complaint open for more than 24 hours shows in the store manager's inbox.
func TestComplaintReportAndInbox(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		base, other := storeBase(t, env, "sh-pudong"), storeBase(t, env, "gz-tianhe")
		super := env.Login("super1")
		create := func(c *testutil.Client, base, category, dept string) int64 {
			var out complaintJSON
			testutil.Must(t, c, "POST", base+"/complaints", map[string]any{"channel": "counter", "category": category,
				"department_code": dept, "description": "投诉"}, http.StatusCreated).JSON(t, &out)
			return out.ID
		}
		first := create(super, base, "quality", "produce")
		create(super, base, "quality", "meat")
		create(env.Login("super2"), other, "hygiene", "deli")
		env.Clock.Advance(25 * time.Hour)
		super = env.Login("super1") // the session ended while the clock moved
		testutil.Must(t, super, "POST", fmt.Sprintf("%s/complaints/%d/resolve", base, first),
			map[string]any{"resolution": "换货", "compensation": "15.50"}, http.StatusOK)

		type report struct {
			Total struct {
				Count              int     `json:"count"`
				Compensation       string  `json:"compensation"`
				MeanHoursToResolve *string `json:"mean_hours_to_resolve"`
			} `json:"total"`
			ByCategory []struct {
				Key   string `json:"key"`
				Count int    `json:"count"`
			} `json:"by_category"`
			ByDepartment []struct {
				Key string `json:"key"`
			} `json:"by_department"`
			ByStore *[]struct {
				StoreID   int64  `json:"store_id"`
				StoreName string `json:"store_name"`
				Count     int    `json:"count"`
			} `json:"by_store"`
		}
		day := env.Clock.Now().Format("2006-01-02")
		var r report
		testutil.Must(t, super, "GET", base+"/complaint-report?from=2026-10-01&to="+day, nil, http.StatusOK).JSON(t, &r)
		if r.Total.Count != 2 || r.Total.Compensation != "15.50" || r.Total.MeanHoursToResolve == nil ||
			*r.Total.MeanHoursToResolve != "25.00" || len(r.ByCategory) != 1 || len(r.ByDepartment) != 2 {
			t.Fatalf("store report: %+v", r)
		}
		if r.ByStore != nil {
			t.Fatalf("a store's report has stores: %+v", *r.ByStore)
		}
		testutil.Must(t, super, "GET", "/api/v1/complaint-report?from=2026-10-01&to="+day, nil, http.StatusForbidden)
		testutil.Must(t, super, "GET", other+"/complaint-report?from=2026-10-01&to="+day, nil, http.StatusNotFound)
		testutil.Must(t, super, "GET", base+"/complaint-report?from=2026-10-01", nil, http.StatusBadRequest)
		testutil.Must(t, env.Login("hq1"), "GET", "/api/v1/complaint-report?from=2026-10-01&to="+day, nil,
			http.StatusOK).JSON(t, &r)
		if r.Total.Count != 3 || len(r.ByCategory) != 2 || r.ByCategory[0].Key != "quality" || r.ByStore == nil {
			t.Fatalf("chain report: %+v", r)
		}
		if s := *r.ByStore; len(s) != 2 || s[0].Count != 2 || s[0].StoreName == "" || s[1].Count != 1 ||
			s[1].StoreName == "" || s[0].StoreName == s[1].StoreName {
			t.Fatalf("chain report by store: %+v", s)
		}

		var today struct {
			Items []struct {
				Kind   string            `json:"kind"`
				Params map[string]string `json:"params"`
			} `json:"items"`
		}
		testutil.Must(t, env.Login("manager1"), "GET", "/api/v1/me/today", nil, http.StatusOK).JSON(t, &today)
		open := 0
		for _, it := range today.Items {
			if it.Kind == "complaint.open_overdue" {
				open++
				if it.Params["category"] != "quality" {
					t.Errorf("entry: %+v", it)
				}
			}
		}
		if open != 1 {
			t.Fatalf("manager1's inbox has %d open complaints, want 1 (the meat one): %+v", open, today.Items)
		}
		testutil.Must(t, super, "GET", "/api/v1/me/today", nil, http.StatusOK).JSON(t, &today)
		for _, it := range today.Items {
			if it.Kind == "complaint.open_overdue" {
				t.Fatalf("a supervisor's inbox lists a complaint: %+v", it)
			}
		}
	})
}

// TestComplaintReportExport: the report downloads as CSV with its tables and as XLSX; HQ
// exports the chain's; a supervisor may not.
func TestComplaintReportExport(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		base := storeBase(t, env, "sh-pudong")
		super := env.Login("super1")
		testutil.Must(t, super, "POST", base+"/complaints", map[string]any{"channel": "counter", "category": "hygiene",
			"department_code": "deli", "description": "员工未戴手套"}, http.StatusCreated)
		day := env.Clock.Now().Format("2006-01-02")
		q := "?from=2026-10-01&to=" + day
		res := testutil.Must(t, super, "GET", base+"/complaint-report/export"+q+"&format=csv&lang=zh-CN", nil, http.StatusOK)
		body := string(res.Body)
		for _, want := range []string{"类别/部门", "hygiene", "deli", "合计"} {
			if !strings.Contains(body, want) {
				t.Errorf("CSV lacks %q:\n%s", want, body)
			}
		}
		res = testutil.Must(t, super, "GET", base+"/complaint-report/export"+q+"&format=xlsx", nil, http.StatusOK)
		if !bytes.HasPrefix(res.Body, []byte("PK")) {
			t.Errorf("XLSX is not a zip: %q", res.Body[:min(len(res.Body), 8)])
		}
		testutil.Must(t, super, "GET", base+"/complaint-report/export"+q, nil, http.StatusBadRequest)
		testutil.Must(t, super, "GET", "/api/v1/complaint-report/export"+q+"&format=csv", nil, http.StatusForbidden)
		res = testutil.Must(t, env.Login("hq1"), "GET", "/api/v1/complaint-report/export"+q+"&format=csv&lang=en", nil, http.StatusOK)
		for _, want := range []string{"Category/department,Complaints", "Store,Complaints"} {
			if !strings.Contains(string(res.Body), want) {
				t.Errorf("chain CSV lacks %q:\n%s", want, res.Body)
			}
		}
		if strings.Contains(body, "门店,投诉数") {
			t.Errorf("a store's CSV has the by-store table:\n%s", body)
		}
	})
}
