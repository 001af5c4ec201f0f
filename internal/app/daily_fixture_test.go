package app_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/storeops/storeops/internal/testutil"
)

// complaintFixture records an open quality complaint in the store and answers its id.
func complaintFixture(t *testing.T, env *testutil.Env, storeCode string) string {
	t.Helper()
	body := map[string]any{"channel": "counter", "category": "quality", "description": "菜叶发黄"}
	res := env.Login("admin").Do("POST", fmt.Sprintf("/api/v1/stores/%d/complaints", storeID(t, env, storeCode)), body)
	if res.Status != http.StatusCreated {
		t.Fatalf("complaint fixture: %d %s", res.Status, res.Body)
	}
	var c struct {
		ID int64 `json:"id"`
	}
	res.JSON(t, &c)
	return fmt.Sprint(c.ID)
}

// priceSurveyFixture records a survey of two lines in the store, competitors dearer on the
// first SKU and cheaper on the second, with a price-change request on line 2, and answers
// the survey's and the request's ids.
func priceSurveyFixture(t *testing.T, env *testutil.Env, storeCode string) (string, string) {
	t.Helper()
	skus := stockedSKUs(t, env, 2)
	body := map[string]any{"competitor": "永辉超市", "survey_date": env.Clock.Now().Format("2006-01-02"),
		"lines": []map[string]any{{"sku": skus[0], "our_price": "10.00", "their_price": "12.00"},
			{"sku": skus[1], "our_price": "10.00", "their_price": "9.50"}}}
	base := fmt.Sprintf("/api/v1/stores/%d", storeID(t, env, storeCode))
	res := env.Login("admin").Do("POST", base+"/price-surveys", body)
	if res.Status != http.StatusCreated {
		t.Fatalf("price survey fixture: %d %s", res.Status, res.Body)
	}
	var s struct {
		ID int64 `json:"id"`
	}
	res.JSON(t, &s)
	res = env.Login("admin").Do("POST", fmt.Sprintf("%s/price-surveys/%d/lines/2/price-change-request", base, s.ID), nil)
	if res.Status != http.StatusCreated {
		t.Fatalf("price change fixture: %d %s", res.Status, res.Body)
	}
	var r struct {
		ID int64 `json:"id"`
	}
	res.JSON(t, &r)
	return fmt.Sprint(s.ID), fmt.Sprint(r.ID)
}

// stockedSKUs answers n active SKUs of the catalogue.
func stockedSKUs(t *testing.T, env *testutil.Env, n int) []string {
	t.Helper()
	var skus []string
	if err := env.DB.Table("products").Where("active = ?", true).Order("sku").Limit(n).Pluck("sku", &skus).Error; err != nil || len(skus) < n {
		t.Fatalf("products: %v %v", skus, err)
	}
	return skus
}
