package app_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/storeops/storeops/internal/testutil"
)

// coldRoomAnswers answers the preloaded cold-room checklist (template 1): the cold room at
// coldRoom °C, everything else fine.
func coldRoomAnswers(coldRoom string) []map[string]any {
	answers := []map[string]any{{"item_id": 1, "number": coldRoom}, {"item_id": 2, "number": "-20"}}
	for id := 3; id <= 7; id++ {
		answers = append(answers, map[string]any{"item_id": id, "bool": true})
	}
	return answers
}

// inspectionFixture has username fill the cold-room checklist for the store's department with
// a 7 °C reading, which fails, and answers the inspection's id and its corrective action's.
func inspectionFixture(t *testing.T, env *testutil.Env, storeCode, department, username string) (string, string) {
	t.Helper()
	body := map[string]any{"template_id": 1, "department_code": department, "answers": coldRoomAnswers("7")}
	res := env.Login(username).Do("POST", fmt.Sprintf("/api/v1/stores/%d/inspections", storeID(t, env, storeCode)), body)
	if res.Status != http.StatusCreated {
		t.Fatalf("inspection fixture: %d %s", res.Status, res.Body)
	}
	var in struct {
		ID      int64 `json:"id"`
		Actions []struct {
			ID int64 `json:"id"`
		} `json:"corrective_actions"`
	}
	res.JSON(t, &in)
	if len(in.Actions) != 1 {
		t.Fatalf("inspection fixture: %d corrective actions, want 1: %s", len(in.Actions), res.Body)
	}
	return fmt.Sprint(in.ID), fmt.Sprint(in.Actions[0].ID)
}

// storeChecklistFixture has the store's manager add a checklist of the store's own and
// answers its id: the fixture of /checklists/{checklist_id}, which other stores do not see.
func storeChecklistFixture(t *testing.T, env *testutil.Env, storeCode, manager string) string {
	t.Helper()
	body := map[string]any{"store_id": storeID(t, env, storeCode), "title": "面包房烤箱区检查", "area": "prep_room",
		"items": []map[string]any{{"title": "烤箱周边无杂物", "kind": "bool"}}}
	res := env.Login(manager).Do("POST", "/api/v1/checklists", body)
	if res.Status != http.StatusCreated {
		t.Fatalf("checklist fixture: %d %s", res.Status, res.Body)
	}
	var c struct {
		ID int64 `json:"id"`
	}
	res.JSON(t, &c)
	return fmt.Sprint(c.ID)
}
