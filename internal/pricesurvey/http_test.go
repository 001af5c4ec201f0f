package pricesurvey_test

import (
	"bytes"
	"context"
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

type lineJSON struct {
	LineNo          int      `json:"line_no"`
	SKU             string   `json:"sku"`
	OurPrice        string   `json:"our_price"`
	TheirPrice      string   `json:"their_price"`
	Gap             string   `json:"gap"`
	GapPct          string   `json:"gap_pct"`
	CampaignID      *int64   `json:"campaign_id"`
	ChangeRequestID *int64   `json:"change_request_id"`
	AllowedActions  []string `json:"allowed_actions"`
}

type surveyJSON struct {
	ID    int64      `json:"id"`
	Lines []lineJSON `json:"lines"`
}

type fixture struct {
	env           *testutil.Env
	storeID       int64
	base, other   string
	day           string
	ref           catalog.Ref
	second, third string
	secondRetail  string
}

func newFixture(t *testing.T, dialect string) *fixture {
	t.Helper()
	env := testutil.NewEnv(t, dialect)
	f := &fixture{env: env, day: env.Clock.Now().Format("2006-01-02")}
	var ids []int64
	env.DB.Table("stores").Where("code IN ?", []string{"sh-pudong", "gz-tianhe"}).Order("code DESC").Pluck("id", &ids)
	f.storeID = ids[0]
	f.base, f.other = fmt.Sprintf("/api/v1/stores/%d", ids[0]), fmt.Sprintf("/api/v1/stores/%d", ids[1])
	var skus []string
	env.DB.Table("products").Where("active = ? AND cost_price > 1", true).Order("sku").Limit(3).Pluck("sku", &skus)
	refs, err := env.App.Catalog.RefsBySKU(context.Background(), skus)
	if err != nil || len(refs) != 3 {
		t.Fatalf("products: %v %v", skus, err)
	}
	f.ref, f.second, f.third = refs[skus[0]], skus[1], skus[2]
	f.secondRetail = refs[skus[1]].RetailPrice.String()
	return f
}

func (f *fixture) survey(t *testing.T, user string, lines []map[string]any) surveyJSON {
	t.Helper()
	var s surveyJSON
	testutil.Must(t, f.env.Login(user), "POST", f.base+"/price-surveys", map[string]any{"competitor": "永辉超市（张江店）",
		"survey_date": f.day, "lines": lines}, http.StatusCreated).JSON(t, &s)
	return s
}

// TestPromoteAGapEndToEnd: a store manager turns a survey line into a draft in-store
// promotion of the store with that SKU at the competitor's price; a second promote is 409
// naming the campaign; under cost needs below_cost.
func TestPromoteAGapEndToEnd(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		cheap := f.ref.CostPrice - 1 // a fen under cost
		under := cheap.String()
		above := (f.ref.CostPrice + 1).String()
		our := (f.ref.CostPrice + 500).String()
		s := f.survey(t, "super1", []map[string]any{
			{"sku": f.ref.SKU, "our_price": our, "their_price": above, "note": "堆头特价"},
			{"sku": f.second, "their_price": "0.50"},
			{"sku": f.third, "our_price": our, "their_price": under},
		})
		if s.Lines[1].OurPrice != f.secondRetail {
			t.Fatalf("our price defaults to the retail price %s: %+v", f.secondRetail, s.Lines[1])
		}
		if fmt.Sprint(s.Lines[0].AllowedActions) != "[request_price_change]" {
			t.Fatalf("a supervisor's actions: %v", s.Lines[0].AllowedActions)
		}
		line := func(n int) string { return fmt.Sprintf("%s/price-surveys/%d/lines/%d", f.base, s.ID, n) }
		testutil.Must(t, f.env.Login("super1"), "POST", line(1)+"/promote", nil, http.StatusForbidden)
		manager := f.env.Login("manager1")
		var promoted struct {
			CampaignID int64  `json:"campaign_id"`
			Status     string `json:"status"`
		}
		testutil.Must(t, manager, "POST", line(1)+"/promote", nil, http.StatusCreated).JSON(t, &promoted)
		var c struct {
			Status       string  `json:"status"`
			OwnerStoreID *int64  `json:"owner_store_id"`
			TargetIDs    []int64 `json:"target_store_ids"`
			Items        []struct {
				SKU        string `json:"sku"`
				PromoPrice string `json:"promo_price"`
			} `json:"items"`
		}
		testutil.Must(t, manager, "GET", fmt.Sprintf("/api/v1/campaigns/%d", promoted.CampaignID), nil, http.StatusOK).JSON(t, &c)
		if c.Status != "draft" || c.OwnerStoreID == nil || *c.OwnerStoreID != f.storeID || len(c.Items) != 1 ||
			c.Items[0].SKU != f.ref.SKU || c.Items[0].PromoPrice != above {
			t.Fatalf("campaign: %+v", c)
		}
		res := testutil.Must(t, manager, "POST", line(1)+"/promote", nil, http.StatusConflict)
		if res.ErrorCode() != "already_promoted" || !strings.Contains(string(res.Body), fmt.Sprint(promoted.CampaignID)) {
			t.Fatalf("second promote: %s", res.Body)
		}
		res = testutil.Must(t, manager, "POST", line(3)+"/promote", map[string]any{}, http.StatusUnprocessableEntity)
		if res.ErrorCode() != "below_cost" {
			t.Fatalf("under cost: %s", res.Body)
		}
		testutil.Must(t, manager, "POST", line(3)+"/promote", map[string]any{"below_cost": true}, http.StatusCreated)
		testutil.Must(t, manager, "POST", line(4)+"/promote", nil, http.StatusNotFound)

		var got surveyJSON
		testutil.Must(t, manager, "GET", fmt.Sprintf("%s/price-surveys/%d", f.base, s.ID), nil, http.StatusOK).JSON(t, &got)
		if got.Lines[0].CampaignID == nil || *got.Lines[0].CampaignID != promoted.CampaignID ||
			fmt.Sprint(got.Lines[0].AllowedActions) != "[request_price_change]" {
			t.Fatalf("line 1 after promote: %+v", got.Lines[0])
		}
		var n int64
		f.env.DB.Table("audit_log").Where("action = ?", "price_survey.promote").Count(&n)
		if n != 2 {
			t.Fatalf("promote audit entries: %d", n)
		}
	})
}

// TestSurveyBadInputWritesNothing: a price of 0 or 1,000,000 on any line refuses the whole
// survey naming that line's field; nothing is written.
func TestSurveyBadInputWritesNothing(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		super := f.env.Login("super1")
		good := map[string]any{"sku": f.ref.SKU, "their_price": "5.00"}
		cases := []struct {
			name  string
			lines []map[string]any
			field string
		}{
			{"their 0", []map[string]any{good, {"sku": f.second, "their_price": "1"}, {"sku": f.third, "their_price": 0}}, "lines[2].their_price"},
			{"their 1,000,000", []map[string]any{good, {"sku": f.second, "their_price": "1000000"}}, "lines[1].their_price"},
			{"our 1,000,000", []map[string]any{{"sku": f.ref.SKU, "our_price": "1000000.00", "their_price": "5"}}, "lines[0].our_price"},
			{"unknown sku", []map[string]any{good, {"sku": "NOPE", "their_price": "1"}}, "lines[1].sku"},
			{"three decimals", []map[string]any{good, {"sku": f.second, "their_price": "1.234"}}, "lines[1].their_price"},
			{"text", []map[string]any{{"sku": f.ref.SKU, "our_price": "abc", "their_price": "1"}}, "lines[0].our_price"},
			{"no their price", []map[string]any{good, {"sku": f.second}}, "lines[1].their_price"},
		}
		for _, tc := range cases {
			res := testutil.Must(t, super, "POST", f.base+"/price-surveys", map[string]any{"competitor": "盒马",
				"survey_date": f.day, "lines": tc.lines}, http.StatusBadRequest)
			if res.Fields()[tc.field] == "" {
				t.Errorf("%s: %s does not name %s", tc.name, res.Body, tc.field)
			}
		}
		future := time.Now().AddDate(0, 0, 400).Format("2006-01-02")
		res := testutil.Must(t, super, "POST", f.base+"/price-surveys", map[string]any{"competitor": "盒马",
			"survey_date": future, "lines": []map[string]any{good}}, http.StatusBadRequest)
		if res.Fields()["survey_date"] == "" {
			t.Errorf("future day: %s", res.Body)
		}
		for _, table := range []string{"price_surveys", "price_survey_lines", "audit_log"} {
			var n int64
			q := f.env.DB.Table(table)
			if table == "audit_log" {
				q = q.Where("action LIKE ?", "price_%")
			}
			q.Count(&n)
			if n != 0 {
				t.Errorf("%s has %d rows after refused surveys", table, n)
			}
		}
	})
}

// TestScopeGapsAndPriceChanges: another store's survey is 404; the gap report keeps the
// latest price per competitor, largest gap first; a price-change request waits in the store
// manager's inbox until decided.
func TestScopeGapsAndPriceChanges(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		s := f.survey(t, "super1", []map[string]any{{"sku": f.ref.SKU, "our_price": "10.00", "their_price": "8.00"},
			{"sku": f.second, "our_price": "10.00", "their_price": "9.00"}})
		super2 := f.env.Login("super2")
		testutil.Must(t, super2, "GET", fmt.Sprintf("%s/price-surveys/%d", f.base, s.ID), nil, http.StatusNotFound)
		testutil.Must(t, super2, "GET", fmt.Sprintf("%s/price-surveys/%d", f.other, s.ID), nil, http.StatusNotFound)
		testutil.Must(t, super2, "POST", fmt.Sprintf("%s/price-surveys/%d/lines/1/price-change-request", f.other, s.ID), nil,
			http.StatusNotFound)
		testutil.Must(t, super2, "GET", f.base+"/price-gaps?from="+f.day+"&to="+f.day, nil, http.StatusNotFound)

		// A later survey of the same competitor replaces its price of the first SKU.
		f.survey(t, "super1", []map[string]any{{"sku": f.ref.SKU, "our_price": "10.00", "their_price": "9.90"}})
		var gaps struct {
			Items []struct {
				SKU    string `json:"sku"`
				Gap    string `json:"gap"`
				GapPct string `json:"gap_pct"`
			} `json:"items"`
		}
		testutil.Must(t, f.env.Login("super1"), "GET", f.base+"/price-gaps?from="+f.day+"&to="+f.day, nil, http.StatusOK).JSON(t, &gaps)
		if len(gaps.Items) != 2 || gaps.Items[0].SKU != f.second || gaps.Items[0].Gap != "1.00" ||
			gaps.Items[0].GapPct != "10.00" || gaps.Items[1].Gap != "0.10" {
			t.Fatalf("gaps: %+v", gaps.Items)
		}
		testutil.Must(t, f.env.Login("hq1"), "GET", "/api/v1/price-gaps?from="+f.day+"&to="+f.day, nil, http.StatusOK)
		testutil.Must(t, f.env.Login("super1"), "GET", "/api/v1/price-gaps?from="+f.day+"&to="+f.day, nil, http.StatusForbidden)

		super := f.env.Login("super1")
		reqPath := fmt.Sprintf("%s/price-surveys/%d/lines/2/price-change-request", f.base, s.ID)
		res := testutil.Must(t, super, "POST", reqPath, map[string]any{"requested_price": "0"}, http.StatusBadRequest)
		if res.Fields()["requested_price"] == "" {
			t.Fatalf("price 0: %s", res.Body)
		}
		var r struct {
			ID             int64  `json:"id"`
			RequestedPrice string `json:"requested_price"`
			Status         string `json:"status"`
		}
		testutil.Must(t, super, "POST", reqPath, map[string]any{"note": "对面便宜一元"}, http.StatusCreated).JSON(t, &r)
		if r.RequestedPrice != "9.00" || r.Status != "open" {
			t.Fatalf("request: %+v", r)
		}
		testutil.Must(t, super, "POST", reqPath, nil, http.StatusConflict)

		kinds := func() map[string]string {
			var today struct {
				Items []struct {
					Kind   string            `json:"kind"`
					Params map[string]string `json:"params"`
				} `json:"items"`
			}
			testutil.Must(t, f.env.Login("manager1"), "GET", "/api/v1/me/today", nil, http.StatusOK).JSON(t, &today)
			out := map[string]string{}
			for _, it := range today.Items {
				out[it.Kind] = it.Params["requests"]
			}
			return out
		}
		if kinds()["price_change.decide"] != "1" {
			t.Fatalf("manager1's inbox lacks the request: %v", kinds())
		}
		decide := fmt.Sprintf("%s/price-change-requests/%d/", f.base, r.ID)
		testutil.Must(t, super, "POST", decide+"accept", nil, http.StatusForbidden)
		manager := f.env.Login("manager1")
		res = testutil.Must(t, manager, "POST", decide+"reject", map[string]any{}, http.StatusBadRequest)
		if res.Fields()["reason"] == "" {
			t.Fatalf("reject without reason: %s", res.Body)
		}
		testutil.Must(t, manager, "POST", decide+"reject", map[string]any{"reason": "本周已有促销"}, http.StatusOK).JSON(t, &r)
		if r.Status != "rejected" {
			t.Fatalf("rejected: %+v", r)
		}
		testutil.Must(t, manager, "POST", decide+"accept", nil, http.StatusConflict)
		if _, ok := kinds()["price_change.decide"]; ok {
			t.Fatal("a decided request still shows in the inbox")
		}
		testutil.Must(t, super2, "POST", fmt.Sprintf("%s/price-change-requests/%d/accept", f.other, r.ID), nil, http.StatusForbidden)
		testutil.Must(t, f.env.Login("manager2"), "POST", fmt.Sprintf("%s/price-change-requests/%d/accept", f.other, r.ID), nil,
			http.StatusNotFound)
	})
}

// TestSurveyLinePhotos: a line's photos are the caller's uploads, shown on the survey; a
// colleague's upload refuses the whole survey naming the line's photo.
func TestSurveyLinePhotos(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		super := f.env.Login("super1")
		upload := func(c *testutil.Client) int64 {
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
		theirs := upload(f.env.Login("manager1"))
		res := testutil.Must(t, super, "POST", f.base+"/price-surveys", map[string]any{"competitor": "盒马", "survey_date": f.day,
			"lines": []map[string]any{{"sku": f.ref.SKU, "their_price": "5"}, {"sku": f.second, "their_price": "5",
				"photos": []int64{theirs}}}}, http.StatusBadRequest)
		if res.Fields()["lines[1].photos[0]"] == "" {
			t.Fatalf("a colleague's photo: %s", res.Body)
		}
		var n int64
		f.env.DB.Table("price_surveys").Count(&n)
		if n != 0 {
			t.Fatalf("%d surveys written", n)
		}
		mine := upload(super)
		s := f.survey(t, "super1", []map[string]any{{"sku": f.ref.SKU, "their_price": "5", "photos": []int64{mine}}})
		var got struct {
			Lines []struct {
				Photos []struct {
					ID int64 `json:"id"`
				} `json:"photos"`
			} `json:"lines"`
		}
		testutil.Must(t, f.env.Login("hq1"), "GET", fmt.Sprintf("%s/price-surveys/%d", f.base, s.ID), nil, http.StatusOK).JSON(t, &got)
		if len(got.Lines) != 1 || len(got.Lines[0].Photos) != 1 || got.Lines[0].Photos[0].ID != mine {
			t.Fatalf("photos: %+v", got.Lines)
		}
		testutil.Must(t, f.env.Login("super2"), "GET", fmt.Sprintf("/api/v1/attachments/%d", mine), nil, http.StatusNotFound)
	})
}

// TestConcurrentPromotesLeaveOneCampaign: managers promoting the same line at the same moment
// get one 201 and 409s, and only the winner's draft campaign exists; the losers' drafts are
// undone with their failed link, never left behind unlinked.
func TestConcurrentPromotesLeaveOneCampaign(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		our := (f.ref.CostPrice + 500).String()
		s := f.survey(t, "super1", []map[string]any{{"sku": f.ref.SKU, "our_price": our, "their_price": (f.ref.CostPrice + 1).String()}})
		manager := f.env.Login("manager1")
		path := fmt.Sprintf("%s/price-surveys/%d/lines/1/promote", f.base, s.ID)
		const n = 6
		codes := make(chan int, n)
		start := make(chan struct{})
		for range n {
			go func() {
				<-start
				codes <- manager.Do("POST", path, nil).Status
			}()
		}
		close(start)
		created, conflicts := 0, 0
		for range n {
			switch c := <-codes; c {
			case http.StatusCreated:
				created++
			case http.StatusConflict:
				conflicts++
			default:
				t.Errorf("promote answered %d", c)
			}
		}
		var campaigns int64
		f.env.DB.Table("campaigns").Where("note LIKE ?", fmt.Sprintf("由市调 #%d %%", s.ID)).Count(&campaigns)
		if created != 1 || conflicts != n-1 || campaigns != 1 {
			t.Fatalf("created %d, conflicts %d, campaigns of the survey %d", created, conflicts, campaigns)
		}
	})
}
