package shrink_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/testutil"
)

// fixture is the demo chain with 10 kg of 上海青 (P10001, produce) received into sh-pudong
// yesterday at 5.00/kg in one lot that expires today, and sh-pudong's write-off threshold at
// 10.00; today is the test clock's 2026-11-02 (16:00 in Shanghai).
type fixture struct {
	env     *testutil.Env
	storeID int64
	base    string
	today   civil.Date
	ref     catalog.Ref
}

const sku = catalog.FirstDemoSKU

func newFixture(t *testing.T, dialect string) *fixture {
	t.Helper()
	env := testutil.NewEnv(t, dialect)
	f := &fixture{env: env, today: civil.Of(env.Clock.Now())}
	env.DB.Table("stores").Where("code = ?", "sh-pudong").Pluck("id", &f.storeID)
	f.base = fmt.Sprintf("/api/v1/stores/%d", f.storeID)
	refs, err := env.App.Catalog.RefsBySKU(context.Background(), []string{sku})
	if err != nil || refs[sku].DepartmentCode != "produce" || !refs[sku].Perishable {
		t.Fatalf("%s: %+v %v", sku, refs[sku], err)
	}
	f.ref = refs[sku]
	testutil.Must(t, env.Login("manager1"), "POST", f.base+"/receipts", map[string]any{"lines": []map[string]any{{
		"business_date": f.today.AddDays(-1).String(), "sku": sku, "qty": "10", "cost": "50.00",
		"expiry_date": f.today.String()}}}, http.StatusOK)
	testutil.Must(t, env.Login("manager1"), "PUT", f.base+"/shrink-settings",
		map[string]any{"write_off_threshold": "10.00", "version": 0}, http.StatusOK)
	return f
}

func (f *fixture) onHand(t *testing.T) string {
	t.Helper()
	var out struct {
		Items []struct {
			OnHand string `json:"on_hand"`
		} `json:"items"`
	}
	testutil.Must(t, f.env.Login("manager1"), "GET", f.base+"/inventory?q="+sku, nil, http.StatusOK).JSON(t, &out)
	if len(out.Items) != 1 {
		t.Fatalf("inventory of %s: %+v", sku, out)
	}
	return out.Items[0].OnHand
}

func (f *fixture) lotID(t *testing.T) int64 {
	t.Helper()
	var id int64
	f.env.DB.Table("stock_lots").Where("store_id = ? AND product_id = ?", f.storeID, f.ref.ID).Pluck("id", &id)
	return id
}

func (f *fixture) photo(t *testing.T, user string) int64 {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	res := f.env.Login(user).Upload("/api/v1/attachments", testutil.Part{Name: "file", FileName: "p.png", Data: buf.Bytes()})
	if res.Status != http.StatusCreated {
		t.Fatalf("upload: %d %s", res.Status, res.Body)
	}
	var a struct {
		ID int64 `json:"id"`
	}
	res.JSON(t, &a)
	return a.ID
}

type writeOff struct {
	ID             int64    `json:"id"`
	Status         string   `json:"status"`
	Value          string   `json:"value"`
	UnitCost       string   `json:"unit_cost"`
	Version        int      `json:"version"`
	AllowedActions []string `json:"allowed_actions"`
	Photos         []struct {
		ID int64 `json:"id"`
	} `json:"photos"`
}

type markdown struct {
	ID             int64    `json:"id"`
	Status         string   `json:"status"`
	MarkdownPrice  string   `json:"markdown_price"`
	DiscountPct    string   `json:"discount_pct"`
	Loss           string   `json:"loss"`
	OnLadder       bool     `json:"on_ladder"`
	AllowedActions []string `json:"allowed_actions"`
	Barcode        struct {
		Format string `json:"format"`
		Value  string `json:"value"`
	} `json:"barcode"`
}

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

func TestWriteOffWaitsOverTheThresholdAndMovesStockOnceApproved(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		super1 := f.env.Login("super1")
		photo := f.photo(t, "super1")
		var w writeOff
		testutil.Must(t, super1, "POST", f.base+"/write-offs", map[string]any{"sku": sku, "qty": "3", "reason": "spoiled",
			"note": "冷柜故障", "photos": []int64{photo}}, http.StatusCreated).JSON(t, &w)
		// 3 kg at the lot's 5.00 is 15.00, above the 10.00 threshold: it waits, no stock moved.
		if w.Status != "pending" || w.Value != "15.00" || w.UnitCost != "5.00" || len(w.Photos) != 1 || len(w.AllowedActions) != 0 {
			t.Fatalf("write-off = %+v", w)
		}
		if got := f.onHand(t); got != "10.000" {
			t.Fatalf("on hand %s before approval, want 10.000", got)
		}
		path := fmt.Sprintf("/api/v1/write-offs/%d", w.ID)
		if res := super1.Do("POST", path+"/approve", nil); res.Status != http.StatusForbidden {
			t.Fatalf("a supervisor approving: %d %s", res.Status, res.Body)
		}
		// Even as the store's deputy approver, super1 never approves their own write-off.
		now := f.env.Clock.Now()
		userID := func(name string) int64 {
			var id int64
			f.env.DB.Table("users").Where("username = ?", name).Pluck("id", &id)
			return id
		}
		testutil.Must(t, f.env.Login("manager1"), "POST", f.base+"/delegations", map[string]any{
			"deputy_user_id": userID("super1"), "starts_at": now.Format(time.RFC3339),
			"ends_at": now.Add(48 * time.Hour).Format(time.RFC3339)}, http.StatusCreated)
		if res := super1.Do("POST", path+"/approve", nil); res.Status != http.StatusForbidden || res.ErrorCode() != "own_write_off" {
			t.Fatalf("approving one's own write-off: %d %s", res.Status, res.Body)
		}
		manager := f.env.Login("manager1")
		var today struct {
			Items []struct {
				Kind   string            `json:"kind"`
				Count  int               `json:"count"`
				Link   string            `json:"link"`
				Params map[string]string `json:"params"`
			} `json:"items"`
			Badges map[string]int `json:"badges"`
		}
		testutil.Must(t, manager, "GET", "/api/v1/me/today", nil, http.StatusOK).JSON(t, &today)
		approvals := 0
		for _, e := range today.Items {
			if e.Kind == "shrink.approve" {
				approvals++
				if e.Count != 1 || e.Params["write_offs"] != "1" || e.Link != "/shrink?tab=approvals" {
					t.Errorf("inbox entry %+v", e)
				}
			}
		}
		if approvals != 1 || today.Badges["shrink"] != 1 {
			t.Fatalf("the manager's inbox: %d approval entries, badges %v", approvals, today.Badges)
		}
		testutil.Must(t, super1, "GET", "/api/v1/me/today", nil, http.StatusOK).JSON(t, &today)
		for _, e := range today.Items {
			if e.Kind == "shrink.approve" {
				t.Errorf("super1 is asked to approve their own write-off: %+v", e)
			}
		}
		testutil.Must(t, manager, "GET", path, nil, http.StatusOK).JSON(t, &w)
		if len(w.AllowedActions) != 2 {
			t.Fatalf("the manager may approve or reject: %v", w.AllowedActions)
		}
		if res := manager.Do("POST", path+"/approve", map[string]any{"version": w.Version + 1}); res.Status != http.StatusConflict {
			t.Fatalf("a stale version: %d %s", res.Status, res.Body)
		}
		testutil.Must(t, manager, "POST", path+"/approve", map[string]any{"version": w.Version}, http.StatusOK).JSON(t, &w)
		if w.Status != "posted" || f.onHand(t) != "7.000" {
			t.Fatalf("after approval: %+v, on hand %s", w, f.onHand(t))
		}
		res := manager.Do("POST", path+"/approve", nil)
		if res.Status != http.StatusConflict || res.ErrorCode() != "wrong_status" || f.onHand(t) != "7.000" {
			t.Fatalf("approving twice: %d %s, on hand %s", res.Status, res.Body, f.onHand(t))
		}
		var moves int64
		f.env.DB.Table("inventory_movements").Where("ref_type = ? AND ref_id = ?", "write_off", fmt.Sprint(w.ID)).Count(&moves)
		if moves != 1 {
			t.Fatalf("%d movements for the write-off, want 1", moves)
		}
		// The photo is seen by who sees the write-off, not by another store.
		testutil.Must(t, manager, "GET", fmt.Sprintf("/api/v1/attachments/%d", photo), nil, http.StatusOK)
		if res := f.env.Login("manager2").Do("GET", fmt.Sprintf("/api/v1/attachments/%d", photo), nil); res.Status != http.StatusNotFound {
			t.Fatalf("another store's manager reads the photo: %d", res.Status)
		}
		// The photo cannot be linked again to another write-off.
		res = super1.Do("POST", f.base+"/write-offs", map[string]any{"sku": sku, "qty": "1", "reason": "damaged",
			"photos": []int64{photo}})
		if res.Status != http.StatusBadRequest || res.Fields()["photos[0]"] == "" {
			t.Fatalf("a photo of another write-off: %d %s", res.Status, res.Body)
		}
		// The audit log has every step.
		var actions []string
		f.env.DB.Table("audit_log").Where("entity_type = ? AND entity_id = ?", "write_off", fmt.Sprint(w.ID)).
			Order("id").Pluck("action", &actions)
		if fmt.Sprint(actions) != "[write_off.create write_off.approve write_off.post]" {
			t.Fatalf("audit %v", actions)
		}
		f.checkLedger(t)
	})
}

func TestWriteOffBadInputMovesNothing(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		super1 := f.env.Login("super1")
		post := func(body map[string]any) *testutil.Response { return super1.Do("POST", f.base+"/write-offs", body) }
		cases := []struct {
			body   map[string]any
			status int
			field  string
			code   string
		}{
			{map[string]any{"sku": sku, "qty": "0", "reason": "spoiled"}, 400, "qty", ""},
			{map[string]any{"sku": sku, "qty": "-1", "reason": "spoiled"}, 400, "qty", ""},
			{map[string]any{"sku": sku, "qty": "1.0001", "reason": "spoiled"}, 400, "qty", ""},
			{map[string]any{"sku": sku, "qty": "1", "reason": "lost"}, 400, "reason", ""},
			{map[string]any{"sku": sku, "qty": "1", "reason": "spoiled", "photos": []int64{1, 2, 3, 4, 5, 6}}, 400, "photos", ""},
			{map[string]any{"sku": sku, "qty": "11", "reason": "spoiled"}, 422, "", "insufficient_stock"},
			{map[string]any{"sku": sku, "qty": "11", "reason": "spoiled", "lot_id": f.lotID(t)}, 422, "", "lot_short"},
			{map[string]any{"sku": sku, "qty": "1", "reason": "spoiled", "lot_id": 999999}, 422, "", "lot_unknown"},
			{map[string]any{"sku": "NOPE", "qty": "1", "reason": "spoiled"}, 404, "", ""},
			{map[string]any{"sku": sku, "qty": "1", "reason": "spoiled", "photos": []int64{999999}}, 400, "photos[0]", ""},
		}
		for _, c := range cases {
			res := post(c.body)
			if res.Status != c.status || (c.field != "" && res.Fields()[c.field] == "") || (c.code != "" && res.ErrorCode() != c.code) {
				t.Errorf("%v: %d %s, want %d %s%s", c.body, res.Status, res.Body, c.status, c.field, c.code)
			}
		}
		// A product of a department super1 does not run is not found for them.
		var drySKU string
		f.env.DB.Table("products").Where("department_code = ?", "dry").Order("sku").Limit(1).Pluck("sku", &drySKU)
		if res := post(map[string]any{"sku": drySKU, "qty": "1", "reason": "spoiled"}); res.Status != http.StatusNotFound {
			t.Errorf("another department's product: %d %s", res.Status, res.Body)
		}
		// Another store's manager does not see sh-pudong's write-offs at all.
		if res := f.env.Login("manager2").Do("GET", f.base+"/write-offs", nil); res.Status != http.StatusNotFound {
			t.Errorf("another store's list: %d", res.Status)
		}
		var n int64
		f.env.DB.Table("write_offs").Count(&n)
		if n != 0 || f.onHand(t) != "10.000" {
			t.Fatalf("bad input wrote %d write-offs, on hand %s", n, f.onHand(t))
		}
		// Rejecting needs a reason and moves nothing.
		var w writeOff
		testutil.Must(t, super1, "POST", f.base+"/write-offs", map[string]any{"sku": sku, "qty": "4", "reason": "quality"},
			http.StatusCreated).JSON(t, &w)
		manager := f.env.Login("manager1")
		path := fmt.Sprintf("/api/v1/write-offs/%d", w.ID)
		if res := manager.Do("POST", path+"/reject", map[string]any{}); res.Status != http.StatusBadRequest || res.Fields()["reason"] == "" {
			t.Errorf("reject without a reason: %d %s", res.Status, res.Body)
		}
		testutil.Must(t, manager, "POST", path+"/reject", map[string]any{"reason": "先拍照"}, http.StatusOK).JSON(t, &w)
		if w.Status != "rejected" || f.onHand(t) != "10.000" {
			t.Fatalf("rejected: %+v, on hand %s", w, f.onHand(t))
		}
		if res := manager.Do("POST", path+"/approve", nil); res.Status != http.StatusConflict {
			t.Errorf("approving a rejected write-off: %d", res.Status)
		}
		f.checkLedger(t)
	})
}

func TestConcurrentApprovalsMoveStockOnce(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		var w writeOff
		testutil.Must(t, f.env.Login("super1"), "POST", f.base+"/write-offs", map[string]any{"sku": sku, "qty": "6",
			"reason": "expired", "lot_id": f.lotID(t)}, http.StatusCreated).JSON(t, &w)
		clients := []*testutil.Client{f.env.Login("manager1"), f.env.Login("manager1"), f.env.Login("admin"), f.env.Login("admin"),
			f.env.Login("manager1"), f.env.Login("admin")}
		statuses := make([]int, len(clients))
		var wg sync.WaitGroup
		for i, c := range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses[i] = c.Do("POST", fmt.Sprintf("/api/v1/write-offs/%d/approve", w.ID), nil).Status
			}()
		}
		wg.Wait()
		ok, conflicts := 0, 0
		for _, s := range statuses {
			switch s {
			case http.StatusOK:
				ok++
			case http.StatusConflict:
				conflicts++
			}
		}
		if ok != 1 || conflicts != len(clients)-1 {
			t.Fatalf("statuses %v: want one 200 and the rest 409", statuses)
		}
		if got := f.onHand(t); got != "4.000" {
			t.Fatalf("on hand %s, want 4.000 (10 − 6 once)", got)
		}
		f.checkLedger(t)
	})
}

func TestMarkdownLadderApprovalAndRefusal(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		super1 := f.env.Login("super1")
		regular := f.ref.RetailPrice
		var m markdown
		testutil.Must(t, super1, "POST", f.base+"/markdowns", map[string]any{"sku": sku, "qty": "2", "discount_pct": "30",
			"reason": "near_expiry", "lot_id": f.lotID(t)}, http.StatusCreated).JSON(t, &m)
		if m.Status != "applied" || !m.OnLadder || m.DiscountPct != "30.00" || m.Barcode.Format != "code128" ||
			m.Barcode.Value != sku || fmt.Sprint(m.AllowedActions) != "[print_label]" {
			t.Fatalf("ladder markdown = %+v", m)
		}
		// Off the ladder within 50 %: waits for the manager.
		price := fmt.Sprintf("%d.%02d", int64(regular)*60/100/100, int64(regular)*60/100%100) // about 40 % off
		testutil.Must(t, super1, "POST", f.base+"/markdowns", map[string]any{"sku": sku, "qty": "1",
			"markdown_price": price, "reason": "quality"}, http.StatusCreated).JSON(t, &m)
		if m.Status != "pending" || m.OnLadder {
			t.Fatalf("off-ladder markdown = %+v", m)
		}
		manager := f.env.Login("manager1")
		testutil.Must(t, manager, "POST", fmt.Sprintf("/api/v1/markdowns/%d/approve", m.ID), nil, http.StatusOK).JSON(t, &m)
		if m.Status != "applied" {
			t.Fatalf("approved markdown = %+v", m)
		}
		cases := []struct {
			body   map[string]any
			status int
			field  string
			code   string
		}{
			{map[string]any{"sku": sku, "qty": "1", "discount_pct": "60", "reason": "quality"}, 422, "", "discount_beyond_max"},
			{map[string]any{"sku": sku, "qty": "1", "markdown_price": "9999.00", "reason": "quality"}, 400, "markdown_price", ""},
			{map[string]any{"sku": sku, "qty": "1", "markdown_price": "-1", "reason": "quality"}, 400, "markdown_price", ""},
			{map[string]any{"sku": sku, "qty": "1", "markdown_price": "1", "discount_pct": "30", "reason": "quality"}, 400, "markdown_price", ""},
			{map[string]any{"sku": sku, "qty": "0", "discount_pct": "30", "reason": "quality"}, 400, "qty", ""},
			{map[string]any{"sku": sku, "qty": "20", "discount_pct": "30", "reason": "quality"}, 422, "", "insufficient_stock"},
			{map[string]any{"sku": sku, "qty": "1", "discount_pct": "30", "reason": "cheap"}, 400, "reason", ""},
		}
		for _, c := range cases {
			res := super1.Do("POST", f.base+"/markdowns", c.body)
			if res.Status != c.status || (c.field != "" && res.Fields()[c.field] == "") || (c.code != "" && res.ErrorCode() != c.code) {
				t.Errorf("%v: %d %s, want %d %s%s", c.body, res.Status, res.Body, c.status, c.field, c.code)
			}
		}
		var n int64
		f.env.DB.Table("markdowns").Count(&n)
		if n != 2 || f.onHand(t) != "10.000" {
			t.Fatalf("%d markdowns (want 2), on hand %s: markdowns move no stock", n, f.onHand(t))
		}
		// The chain's layout turns the label into a price-embedded EAN-13.
		testutil.Must(t, f.env.Login("admin"), "PUT", "/api/v1/markdown-label-layout", map[string]any{"enabled": true,
			"prefix": "2", "item_digits": 6, "price_digits": 5, "version": 0}, http.StatusOK)
		testutil.Must(t, super1, "GET", fmt.Sprintf("/api/v1/markdowns/%d", m.ID), nil, http.StatusOK).JSON(t, &m)
		if m.Barcode.Format != "ean13" || len(m.Barcode.Value) != 13 || m.Barcode.Value[:7] != "2010001" {
			t.Fatalf("barcode %+v", m.Barcode)
		}
	})
}

func TestSuggestionsReportAndTheKPICockpit(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		super1 := f.env.Login("super1")
		var sg struct {
			Items []struct {
				LotID            int64  `json:"lot_id"`
				SKU              string `json:"sku"`
				HoursLeft        int    `json:"hours_left"`
				Qty              string `json:"qty"`
				Action           string `json:"action"`
				DiscountPct      string `json:"discount_pct"`
				LossIfWrittenOff string `json:"loss_if_written_off"`
			} `json:"items"`
			Total int `json:"total"`
		}
		testutil.Must(t, super1, "GET", f.base+"/markdown-suggestions?department_code=produce", nil, http.StatusOK).JSON(t, &sg)
		var ours int
		for i, it := range sg.Items {
			if it.LotID == f.lotID(t) {
				ours = i + 1
			}
		}
		if ours == 0 {
			t.Fatalf("the lot expiring today is not suggested: %+v", sg)
		}
		it := sg.Items[ours-1]
		// 16:00 in Shanghai: 8 hours left of the expiry day, the last-day step (30 %).
		if it.HoursLeft != 8 || it.Action != "markdown" || it.DiscountPct != "30.00" || it.Qty != "10.000" || it.LossIfWrittenOff != "50.00" {
			t.Fatalf("suggestion %+v", it)
		}
		// The lot is still in date: among the lots to mark down, not among those to write off.
		var only struct {
			Items []struct {
				LotID  int64  `json:"lot_id"`
				Action string `json:"action"`
			} `json:"items"`
		}
		testutil.Must(t, super1, "GET", f.base+"/markdown-suggestions?action=write_off", nil, http.StatusOK).JSON(t, &only)
		for _, s := range only.Items {
			if s.LotID == it.LotID || s.Action != "write_off" {
				t.Errorf("action=write_off answered %+v", s)
			}
		}
		testutil.Must(t, super1, "GET", f.base+"/markdown-suggestions?action=markdown", nil, http.StatusOK).JSON(t, &only)
		if len(only.Items) == 0 || only.Items[0].Action != "markdown" {
			t.Errorf("action=markdown answered %+v", only.Items)
		}
		if res := super1.Do("GET", f.base+"/markdown-suggestions?action=sell", nil); res.Status != http.StatusBadRequest || res.Fields()["action"] == "" {
			t.Errorf("an unknown action: %d %s", res.Status, res.Body)
		}
		// One tap: the suggestion becomes a markdown, then the lot needs nothing more.
		var m markdown
		testutil.Must(t, super1, "POST", f.base+"/markdowns", map[string]any{"sku": sku, "qty": it.Qty,
			"discount_pct": it.DiscountPct, "lot_id": it.LotID, "reason": "near_expiry"}, http.StatusCreated).JSON(t, &m)
		testutil.Must(t, super1, "GET", f.base+"/markdown-suggestions?department_code=produce", nil, http.StatusOK).JSON(t, &sg)
		for _, s := range sg.Items {
			if s.LotID == it.LotID {
				t.Fatalf("a lot marked down whole is still suggested: %+v", s)
			}
		}
		// A posted write-off (the manager's own: no approval) and the markdown are shrink.
		testutil.Must(t, f.env.Login("manager1"), "POST", f.base+"/write-offs", map[string]any{"sku": sku, "qty": "2",
			"reason": "damaged"}, http.StatusCreated)
		var rep struct {
			Totals struct {
				WriteOff string `json:"write_off"`
				Markdown string `json:"markdown"`
				Total    string `json:"total"`
			} `json:"totals"`
			ByReason []struct {
				Reason string `json:"reason"`
				Amount string `json:"amount"`
				Count  int    `json:"count"`
			} `json:"by_reason"`
			ByDay []struct {
				Date  string `json:"date"`
				Total string `json:"total"`
			} `json:"by_day"`
			TopProducts []struct {
				SKU   string `json:"sku"`
				Total string `json:"total"`
			} `json:"top_products"`
		}
		testutil.Must(t, super1, "GET", f.base+"/shrink?from="+f.today.String()+"&to="+f.today.String(), nil, http.StatusOK).JSON(t, &rep)
		if rep.Totals.WriteOff != "10.00" /* 2 kg of the 5.00 lot */ || rep.Totals.Markdown != m.Loss || len(rep.ByDay) != 1 || len(rep.TopProducts) != 1 ||
			rep.TopProducts[0].SKU != sku {
			t.Fatalf("report %+v (markdown loss %s)", rep, m.Loss)
		}
		var kpis struct {
			Total struct {
				Shrink struct {
					Actual string `json:"actual"`
				} `json:"shrink"`
			} `json:"total"`
		}
		testutil.Must(t, f.env.Login("manager1"), "GET", f.base+"/kpis?from="+f.today.String()+"&to="+f.today.String(), nil,
			http.StatusOK).JSON(t, &kpis)
		if kpis.Total.Shrink.Actual != rep.Totals.Total {
			t.Fatalf("KPI shrink %s, want the report's %s", kpis.Total.Shrink.Actual, rep.Totals.Total)
		}
		// Exports.
		for _, format := range []string{"csv", "xlsx"} {
			res := testutil.Must(t, super1, "GET", f.base+"/shrink/export?format="+format, nil, http.StatusOK)
			if len(res.Body) < 50 {
				t.Errorf("%s export: %d bytes", format, len(res.Body))
			}
		}
		if res := super1.Do("GET", f.base+"/shrink?from=2026-11-02&to=2026-01-01", nil); res.Status != http.StatusBadRequest {
			t.Errorf("from after to: %d", res.Status)
		}
	})
}

func TestRecallTakesTheLotsBackFromEveryStore(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		var gz int64
		f.env.DB.Table("stores").Where("code = ?", "gz-tianhe").Pluck("id", &gz)
		yesterday := f.today.AddDays(-1).String()
		testutil.Must(t, f.env.Login("manager2"), "POST", fmt.Sprintf("/api/v1/stores/%d/receipts", gz), map[string]any{
			"lines": []map[string]any{{"business_date": yesterday, "sku": sku, "qty": "4", "cost": "24.00"},
				{"business_date": f.today.AddDays(-5).String(), "sku": sku, "qty": "1", "cost": "6.00"}}}, http.StatusOK)
		// sh-pudong sold 2 kg of its lot first: what is left goes back.
		testutil.Must(t, f.env.Login("manager1"), "POST", f.base+"/sales", map[string]any{"lines": []map[string]any{{
			"business_date": f.today.String(), "sku": sku, "qty": "2", "net_sales": "12.00", "cost": "10.00"}}}, http.StatusOK)
		admin := f.env.Login("admin")
		bad := []struct {
			body  map[string]any
			field string
		}{
			{map[string]any{"sku": sku, "reason": "召回"}, "lot_ids"},
			{map[string]any{"sku": sku, "lot_ids": []int64{999999}, "reason": "召回"}, "lot_ids[0]"},
			{map[string]any{"sku": sku, "received_from": yesterday, "reason": "召回"}, "received_to"},
			{map[string]any{"sku": sku, "received_from": yesterday, "received_to": yesterday}, "reason"},
			{map[string]any{"sku": sku, "received_from": yesterday, "received_to": yesterday, "reason": "召回",
				"store_ids": []int64{424242}}, "store_ids[0]"},
		}
		for _, c := range bad {
			res := admin.Do("POST", "/api/v1/recalls", c.body)
			if res.Status != http.StatusBadRequest || res.Fields()[c.field] == "" {
				t.Errorf("%v: %d %s, want 400 naming %s", c.body, res.Status, res.Body, c.field)
			}
		}
		if res := f.env.Login("manager1").Do("POST", "/api/v1/recalls", map[string]any{"sku": sku, "reason": "x"}); res.Status != http.StatusForbidden {
			t.Errorf("a store manager recalling: %d", res.Status)
		}
		var rc struct {
			ID         int64  `json:"id"`
			StoreCount int    `json:"store_count"`
			LotCount   int    `json:"lot_count"`
			Qty        string `json:"qty"`
			Value      string `json:"value"`
			Stores     []struct {
				StoreID   int64  `json:"store_id"`
				StoreCode string `json:"store_code"`
				Qty       string `json:"qty"`
				Value     string `json:"value"`
			} `json:"stores"`
		}
		testutil.Must(t, admin, "POST", "/api/v1/recalls", map[string]any{"sku": sku, "received_from": yesterday,
			"received_to": yesterday, "reason": "供应商通知：批次农残超标"}, http.StatusCreated).JSON(t, &rc)
		// sh-pudong: 8 kg left of its 5.00 lot; gz-tianhe: its 4 kg lot at 6.00 (the older lot stays).
		if rc.StoreCount != 2 || rc.LotCount != 2 || rc.Qty != "12.000" || rc.Value != "64.00" || len(rc.Stores) != 2 {
			t.Fatalf("recall %+v", rc)
		}
		if got := f.onHand(t); got != "0.000" {
			t.Errorf("sh-pudong on hand %s after the recall", got)
		}
		testutil.Must(t, f.env.Login("manager1"), "GET", fmt.Sprintf("/api/v1/recalls/%d", rc.ID), nil, http.StatusOK).JSON(t, &rc)
		if len(rc.Stores) != 1 || rc.Stores[0].StoreID != f.storeID || rc.Stores[0].StoreCode != "sh-pudong" || rc.Stores[0].Qty != "8.000" || rc.Stores[0].Value != "40.00" ||
			rc.StoreCount != 1 || rc.Qty != "8.000" || rc.Value != "40.00" {
			t.Errorf("the store manager's view of the recall: %+v", rc)
		}
		// In the list too, a store's staff see their store's figures, not the chain's.
		var mine struct {
			Items []struct {
				StoreCount int    `json:"store_count"`
				Qty        string `json:"qty"`
				Value      string `json:"value"`
			} `json:"items"`
		}
		testutil.Must(t, f.env.Login("super2"), "GET", "/api/v1/recalls", nil, http.StatusOK).JSON(t, &mine)
		if len(mine.Items) != 1 || mine.Items[0].StoreCount != 1 || mine.Items[0].Qty != "4.000" || mine.Items[0].Value != "24.00" {
			t.Errorf("gz-tianhe's list: %+v", mine.Items)
		}
		if res := admin.Do("POST", "/api/v1/recalls", map[string]any{"sku": sku, "received_from": yesterday,
			"received_to": yesterday, "reason": "again"}); res.Status != http.StatusUnprocessableEntity || res.ErrorCode() != "nothing_to_recall" {
			t.Errorf("recalling emptied lots: %d %s", res.Status, res.Body)
		}
		var wos struct {
			Items []struct {
				Reason   string `json:"reason"`
				RecallID *int64 `json:"recall_id"`
			} `json:"items"`
		}
		testutil.Must(t, f.env.Login("manager1"), "GET", f.base+"/write-offs?reason=recall", nil, http.StatusOK).JSON(t, &wos)
		if len(wos.Items) != 1 || wos.Items[0].RecallID == nil || *wos.Items[0].RecallID != rc.ID {
			t.Errorf("the store's recall write-off: %+v", wos.Items)
		}
		var moves int64
		f.env.DB.Table("inventory_movements").Where("kind = ?", "recall").Count(&moves)
		if moves != 2 {
			t.Errorf("%d recall movements, want 2", moves)
		}
		f.checkLedger(t)
	})
}

func TestPhotosAndTheOrderingSeam(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		super1 := f.env.Login("super1")
		// A photo that is not an image, and one of 50 MB, never become attachments.
		res := super1.Upload("/api/v1/attachments", testutil.Part{Name: "file", FileName: "p.png", Data: []byte("not an image")})
		if res.Status != http.StatusBadRequest {
			t.Errorf("a text file as a photo: %d %s", res.Status, res.Body)
		}
		res = super1.Upload("/api/v1/attachments", testutil.Part{Name: "file", FileName: "big.jpg",
			Data: bytes.Repeat([]byte{0xff}, 50<<20)})
		if res.Status != http.StatusRequestEntityTooLarge {
			t.Errorf("a 50 MB photo: %d %.200s", res.Status, res.Body)
		}
		var n int64
		f.env.DB.Table("attachments").Count(&n)
		if n != 0 {
			t.Errorf("%d attachments stored from refused uploads", n)
		}
		// Posted write-offs for expiry count for the ordering forecast; a pending one does not.
		manager := f.env.Login("manager1")
		for range 2 {
			testutil.Must(t, manager, "POST", f.base+"/write-offs", map[string]any{"sku": sku, "qty": "1", "reason": "expired"},
				http.StatusCreated)
		}
		testutil.Must(t, super1, "POST", f.base+"/write-offs", map[string]any{"sku": sku, "qty": "5", "reason": "expired"},
			http.StatusCreated)
		got, err := f.env.App.Shrink.ExpiredWriteOffs(context.Background(), f.storeID, []int64{f.ref.ID}, f.today.AddDays(-28))
		if err != nil || got[f.ref.ID] != 2 {
			t.Fatalf("expired write-offs %v %v, want 2", got, err)
		}
	})
}
