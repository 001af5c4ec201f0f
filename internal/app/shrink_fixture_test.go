package app_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/testutil"
)

// stockedSKU receives 10 of the department's first priced product into the store (as
// admin) and answers its SKU.
func stockedSKU(t *testing.T, env *testutil.Env, storeCode, department string) string {
	t.Helper()
	var sku string
	err := env.DB.Table("products").Where("department_code = ? AND retail_price > 0", department).
		Order("sku").Limit(1).Pluck("sku", &sku).Error
	if err != nil || sku == "" {
		t.Fatalf("no %s product: %v", department, err)
	}
	yesterday := civil.Of(env.Clock.Now()).AddDays(-1)
	body := map[string]any{"lines": []map[string]any{{"business_date": yesterday.String(), "sku": sku, "qty": "10",
		"cost": "50.00"}}}
	res := env.Login("admin").Do("POST", fmt.Sprintf("/api/v1/stores/%d/receipts", storeID(t, env, storeCode)), body)
	if res.Status != http.StatusOK {
		t.Fatalf("receipt of %s: %d %s", sku, res.Status, res.Body)
	}
	return sku
}

// writeOffFixture writes off (as admin, so it posts at once) one unit of a stocked product of
// the store's department and answers its id: the fixture of /write-offs/{write_off_id}.
func writeOffFixture(t *testing.T, env *testutil.Env, storeCode, department string) string {
	t.Helper()
	body := map[string]any{"sku": stockedSKU(t, env, storeCode, department), "qty": "1", "reason": "damaged"}
	res := env.Login("admin").Do("POST", fmt.Sprintf("/api/v1/stores/%d/write-offs", storeID(t, env, storeCode)), body)
	if res.Status != http.StatusCreated {
		t.Fatalf("write-off fixture: %d %s", res.Status, res.Body)
	}
	var w struct {
		ID int64 `json:"id"`
	}
	res.JSON(t, &w)
	return fmt.Sprint(w.ID)
}

// markdownFixture marks one unit down 30 % (a ladder step, so it applies) and answers its id.
func markdownFixture(t *testing.T, env *testutil.Env, storeCode, department string) string {
	t.Helper()
	body := map[string]any{"sku": stockedSKU(t, env, storeCode, department), "qty": "1", "discount_pct": "30",
		"reason": "near_expiry"}
	res := env.Login("admin").Do("POST", fmt.Sprintf("/api/v1/stores/%d/markdowns", storeID(t, env, storeCode)), body)
	if res.Status != http.StatusCreated {
		t.Fatalf("markdown fixture: %d %s", res.Status, res.Body)
	}
	var m struct {
		ID int64 `json:"id"`
	}
	res.JSON(t, &m)
	return fmt.Sprint(m.ID)
}
