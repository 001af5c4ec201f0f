package safety_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/paging"
	"github.com/storeops/storeops/internal/safety"
	"github.com/storeops/storeops/internal/testutil"
)

// TestPreloadedChecklistsFollowTheRules: the six checklists the migration preloads pass the
// same checks as one sent through the API, one per area.
func TestPreloadedChecklistsFollowTheRules(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		list, total, err := env.App.Safety.ListChecklists(context.Background(), authz.System("test"),
			safety.ChecklistFilter{}, paging.First())
		if err != nil || total != 6 {
			t.Fatalf("%d checklists, %v", total, err)
		}
		areas := map[string]bool{}
		for _, c := range list {
			tpl := c.Template
			if err := tpl.Validate(); err != nil {
				t.Errorf("%s: %v", c.Title, err)
			}
			areas[c.Area] = true
		}
		if len(areas) != len(safety.Areas) {
			t.Errorf("areas covered: %v", areas)
		}
	})
}

// TestPhotosAndReassignment: a photo answer links the inspector's upload to the inspection,
// seen by the store and not by another; a corrective action is marked done with a photo; the
// manager reassigns an open one and moves its due date, but not to the past nor to another
// store's user.
func TestPhotosAndReassignment(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		photo := f.photo(t, "super1")
		in := f.inspectWith(t, "super1", f.pudong, map[string]any{"template_id": 1, "department_code": "produce",
			"answers": append(coldRoomAnswers("6.5"), map[string]any{"item_id": 8, "photos": []int64{photo}})})
		var got struct {
			Photos []struct {
				ID int64 `json:"id"`
			} `json:"photos"`
		}
		testutil.Must(t, f.env.Login("manager1"), "GET", fmt.Sprintf("/api/v1/inspections/%d", in.ID), nil, http.StatusOK).JSON(t, &got)
		if len(got.Photos) != 1 || got.Photos[0].ID != photo {
			t.Errorf("the inspection's photos: %+v", got)
		}
		if res := f.env.Login("super2").Do("GET", fmt.Sprintf("/api/v1/attachments/%d", photo), nil); res.Status != 404 {
			t.Errorf("another store reading the photo: %d", res.Status)
		}
		path := fmt.Sprintf("/api/v1/corrective-actions/%d", in.Actions[0].ID)
		manager1 := f.env.Login("manager1")
		var super1b, manager2 int64
		f.env.DB.Table("users").Where("username = ?", "super1b").Pluck("id", &super1b)
		f.env.DB.Table("users").Where("username = ?", "manager2").Pluck("id", &manager2)
		if res := manager1.Do("PATCH", path, map[string]any{"owner_id": manager2}); res.Status != 400 || res.Fields()["owner_id"] == "" {
			t.Errorf("another store's user as owner: %d %s", res.Status, res.Body)
		}
		if res := manager1.Do("PATCH", path, map[string]any{"due_date": "2026-10-01"}); res.Status != 400 || res.Fields()["due_date"] == "" {
			t.Errorf("a due date in the past: %d %s", res.Status, res.Body)
		}
		if res := f.env.Login("super1").Do("PATCH", path, map[string]any{"owner_id": super1b}); res.Status != 403 {
			t.Errorf("a supervisor reassigning: %d", res.Status)
		}
		var a struct {
			OwnerID   int64  `json:"owner_id"`
			OwnerName string `json:"owner_name"`
			DueDate   string `json:"due_date"`
			Photos    []any  `json:"photos"`
		}
		testutil.Must(t, manager1, "PATCH", path, map[string]any{"owner_id": super1b, "due_date": "2026-11-05"}, http.StatusOK).JSON(t, &a)
		if a.OwnerID != super1b || a.OwnerName == "" || a.DueDate != "2026-11-05" {
			t.Errorf("after reassigning: %+v", a)
		}
		if !f.todayHas(t, "super1b", "safety.actions_assigned") || f.todayHas(t, "super1", "safety.actions_assigned") {
			t.Error("the reassigned action is in the new owner's Today only")
		}
		done := f.photo(t, "super1b")
		testutil.Must(t, f.env.Login("super1b"), "POST", path+"/complete", map[string]any{"note": "温控器已校准",
			"photos": []int64{done}}, http.StatusOK).JSON(t, &a)
		if len(a.Photos) != 1 {
			t.Errorf("the completion's photos: %+v", a)
		}
		if res := manager1.Do("PATCH", path, map[string]any{"due_date": "2026-11-06"}); res.Status != 409 {
			t.Errorf("reassigning a done action: %d", res.Status)
		}
	})
}
