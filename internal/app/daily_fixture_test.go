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
