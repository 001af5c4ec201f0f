package app_test

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/storeops/storeops/internal/testutil"
)

// dailyTaskFixture assigns an open ad-hoc task to a department of the store and answers its id.
func dailyTaskFixture(t *testing.T, env *testutil.Env, storeCode, department string) string {
	t.Helper()
	body := map[string]any{"title": "整理排面", "department_code": department,
		"due_at": env.Clock.Now().Add(6 * time.Hour).Format(time.RFC3339)}
	res := env.Login("admin").Do("POST", fmt.Sprintf("/api/v1/stores/%d/tasks", storeID(t, env, storeCode)), body)
	if res.Status != http.StatusCreated {
		t.Fatalf("task fixture: %d %s", res.Status, res.Body)
	}
	var task struct {
		ID int64 `json:"id"`
	}
	res.JSON(t, &task)
	return fmt.Sprint(task.ID)
}

// taskTemplateFixture has a store manager add a template of their store and answers its id.
func taskTemplateFixture(t *testing.T, env *testutil.Env, manager string) string {
	t.Helper()
	body := map[string]any{"department_code": "produce", "title_zh": "试吃台补货", "recurrence": "daily",
		"due_time": "14:00", "estimated_minutes": 15}
	res := env.Login(manager).Do("POST", "/api/v1/task-templates", body)
	if res.Status != http.StatusCreated {
		t.Fatalf("task template fixture: %d %s", res.Status, res.Body)
	}
	var tpl struct {
		ID int64 `json:"id"`
	}
	res.JSON(t, &tpl)
	return fmt.Sprint(tpl.ID)
}
