package promo_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/storeops/storeops/internal/testutil"
)

// TestCampaignWithoutTasksReachesItsStores: a campaign with items and no tasks is in its
// stores' executions; left out of what is open until HQ changes it, then there until someone
// in the store acknowledges.
func TestCampaignWithoutTasksReachesItsStores(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		hq, super1 := f.env.Login("hq1"), f.env.Login("super1")
		body := f.campaign(money(f.ref.RetailPrice-10), f.pudong)
		body["tasks"] = []map[string]any{}
		var c campaignDetail
		testutil.Must(t, hq, "POST", "/api/v1/campaigns", body, http.StatusCreated).JSON(t, &c)
		path := fmt.Sprintf("/api/v1/campaigns/%d", c.ID)
		testutil.Must(t, hq, "POST", path+"/publish", nil, http.StatusOK)

		list := func(query string) changedExecutions {
			t.Helper()
			var ex changedExecutions
			testutil.Must(t, super1, "GET", fmt.Sprintf("/api/v1/stores/%d/campaign-executions%s", f.pudong, query), nil, http.StatusOK).JSON(t, &ex)
			return ex
		}
		has := func(ex changedExecutions) (found, changed bool) {
			for _, e := range ex.Items {
				if e.CampaignID == c.ID {
					if len(e.Tasks) != 0 {
						t.Errorf("a campaign without tasks lists %d", len(e.Tasks))
					}
					return true, e.ChangedSinceAck
				}
			}
			return false, false
		}
		if found, _ := has(list("")); !found {
			t.Fatalf("sh-pudong's executions lack the campaign without tasks")
		}
		if found, _ := has(list(fmt.Sprintf("?campaign_id=%d", c.ID))); !found {
			t.Fatalf("the campaign's own execution is missing")
		}
		if found, _ := has(list("?open=true")); found {
			t.Errorf("nothing to do, yet listed as open")
		}

		testutil.Must(t, hq, "GET", path, nil, http.StatusOK).JSON(t, &c)
		body["version"], body["name"] = c.Version, "双十二生鲜节（延长）"
		testutil.Must(t, hq, "PATCH", path, body, http.StatusOK)
		if found, changed := has(list("?open=true")); !found || !changed {
			t.Fatalf("after HQ's change: listed %v, changed %v; want both", found, changed)
		}
		testutil.Must(t, super1, "POST", fmt.Sprintf("/api/v1/stores/%d/campaign-executions/%d/ack", f.pudong, c.ID), nil, http.StatusNoContent)
		if found, _ := has(list("?open=true")); found {
			t.Errorf("acknowledged, still open")
		}
	})
}
