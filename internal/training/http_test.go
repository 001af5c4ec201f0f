package training_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/seed"
	"github.com/storeops/storeops/internal/testutil"
)

type certJSON struct {
	ID           *int64 `json:"id"`
	EmployeeName string `json:"employee_name"`
	State        string `json:"state"`
	DaysLeft     *int   `json:"days_left"`
	Version      int    `json:"version"`
}

func storeBase(t *testing.T, env *testutil.Env, code string) (int64, string) {
	t.Helper()
	var id int64
	env.DB.Table("stores").Where("code = ?", code).Pluck("id", &id)
	if id == 0 {
		t.Fatalf("store %s", code)
	}
	return id, fmt.Sprintf("/api/v1/stores/%d", id)
}

func todayKinds(t *testing.T, c *testutil.Client) string {
	t.Helper()
	var today struct {
		Items []struct {
			Kind string `json:"kind"`
		} `json:"items"`
	}
	testutil.Must(t, c, "GET", "/api/v1/me/today", nil, http.StatusOK).JSON(t, &today)
	var kinds []string
	for _, e := range today.Items {
		kinds = append(kinds, e.Kind)
	}
	return strings.Join(kinds, ",")
}

// TestTrainingAndCertificates runs the manager's path on both databases: the staff register,
// a session with attendance, what is overdue, certificates with their states, reminders
// sent once, Today entries, and the bad inputs.
func TestTrainingAndCertificates(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		storeID, base := storeBase(t, env, "sh-pudong")
		_, otherBase := storeBase(t, env, "gz-tianhe")
		manager, super, qa := env.Login("manager1"), env.Login("super1"), env.Login("qa1")
		var id struct {
			ID int64 `json:"id"`
		}
		testutil.Must(t, manager, "POST", base+"/employees", map[string]any{"name": "王芳", "department_code": "produce",
			"role_title": "理货员", "food_handler": true}, http.StatusCreated).JSON(t, &id)
		fang := id.ID
		testutil.Must(t, manager, "POST", base+"/employees", map[string]any{"name": "李强", "food_handler": true}, http.StatusCreated).JSON(t, &id)
		qiang := id.ID
		testutil.Must(t, env.Login("manager2"), "POST", otherBase+"/employees", map[string]any{"name": "外店员工"}, http.StatusCreated).JSON(t, &id)
		stranger := id.ID
		testutil.Must(t, super, "POST", base+"/employees", map[string]any{"name": "x"}, http.StatusForbidden)
		if res := manager.Do("POST", base+"/employees", map[string]any{"name": "x", "department_code": "nope"}); res.Fields()["department_code"] == "" {
			t.Fatalf("unknown department: %d %s", res.Status, res.Body)
		}
		testutil.Must(t, manager, "PATCH", fmt.Sprintf("/api/v1/employees/%d", stranger), map[string]any{"version": 1, "name": "y"}, http.StatusNotFound)
		testutil.Must(t, manager, "PATCH", fmt.Sprintf("/api/v1/employees/%d", qiang), map[string]any{"version": 1, "department_code": "meat"}, http.StatusOK)
		testutil.Must(t, manager, "PATCH", fmt.Sprintf("/api/v1/employees/%d", qiang), map[string]any{"version": 1, "name": "z"}, http.StatusConflict)

		// Both food handlers have never had food-safety training.
		var overdue struct {
			Items []struct {
				EmployeeID int64 `json:"employee_id"`
				Topic      string
			} `json:"items"`
		}
		testutil.Must(t, qa, "GET", base+"/training-overdue", nil, http.StatusOK).JSON(t, &overdue)
		if len(overdue.Items) != 2 {
			t.Fatalf("overdue before training: %+v", overdue)
		}
		var session struct {
			ID         int64 `json:"id"`
			Attended   int   `json:"attended"`
			Attendance []struct {
				EmployeeID int64   `json:"employee_id"`
				Status     *string `json:"status"`
			} `json:"attendance"`
			AllowedActions []string `json:"allowed_actions"`
		}
		testutil.Must(t, manager, "POST", base+"/training-sessions", map[string]any{"topic": "food_safety", "title": "食品安全培训",
			"scheduled_on": "2026-10-30", "food_handlers": true, "trainer": "品控部"}, http.StatusCreated).JSON(t, &session)
		sid := fmt.Sprintf("/api/v1/training-sessions/%d", session.ID)
		testutil.Must(t, super, "GET", sid, nil, http.StatusOK).JSON(t, &session)
		if len(session.Attendance) != 2 || session.Attendance[0].Status != nil || len(session.AllowedActions) != 1 {
			t.Fatalf("session before attendance: %+v", session)
		}
		testutil.Must(t, super, "POST", sid+"/attendance", map[string]any{"attendance": []map[string]any{
			{"employee_id": fang, "status": "attended", "score": 92}, {"employee_id": stranger, "status": "attended"}}}, http.StatusNotFound)
		testutil.Must(t, super, "POST", sid+"/attendance", map[string]any{"attendance": []map[string]any{
			{"employee_id": fang, "status": "present"}}}, http.StatusBadRequest)
		testutil.Must(t, super, "POST", sid+"/attendance", map[string]any{"attendance": []map[string]any{
			{"employee_id": fang, "status": "attended", "score": 92}, {"employee_id": qiang, "status": "absent"}}}, http.StatusOK).JSON(t, &session)
		if session.Attended != 1 {
			t.Fatalf("after attendance: %+v", session)
		}
		testutil.Must(t, env.Login("super2"), "GET", sid, nil, http.StatusNotFound)
		testutil.Must(t, qa, "GET", base+"/training-overdue", nil, http.StatusOK).JSON(t, &overdue)
		if len(overdue.Items) != 1 || overdue.Items[0].EmployeeID != qiang {
			t.Fatalf("overdue after training: %+v", overdue)
		}

		// Certificates: expiry before issue is 400, another store's employee 404.
		testutil.Must(t, manager, "POST", base+"/health-certificates", map[string]any{"employee_id": fang, "number": "A1",
			"issued_on": "2026-05-01", "expires_on": "2026-04-01"}, http.StatusBadRequest)
		testutil.Must(t, manager, "POST", base+"/health-certificates", map[string]any{"employee_id": stranger, "number": "A1",
			"issued_on": "2026-01-01", "expires_on": "2027-01-01"}, http.StatusNotFound)
		var cert certJSON
		// Today is 2026-11-02: expires in 20 days.
		testutil.Must(t, manager, "POST", base+"/health-certificates", map[string]any{"employee_id": fang, "number": "JK001",
			"issued_on": "2025-11-22", "expires_on": "2026-11-22"}, http.StatusCreated).JSON(t, &cert)
		if cert.State != "expiring" || cert.DaysLeft == nil || *cert.DaysLeft != 20 {
			t.Fatalf("certificate: %+v", cert)
		}
		var list struct {
			Items []certJSON `json:"items"`
		}
		testutil.Must(t, qa, "GET", base+"/health-certificates?expiring_within=30", nil, http.StatusOK).JSON(t, &list)
		if len(list.Items) != 2 || list.Items[0].State != "missing" || list.Items[1].State != "expiring" {
			t.Fatalf("expiring: %+v", list.Items)
		}
		if k := todayKinds(t, manager); !strings.Contains(k, "training.certificate_expiring") || !strings.Contains(k, "training.overdue") {
			t.Fatalf("manager's Today: %s", k)
		}

		// Reminders: the 30-day one goes once however often the job runs.
		svc := env.App.Training
		today := civil.Of(env.Clock.Now())
		for range 2 {
			if _, err := svc.RemindCertificates(context.Background(), storeID, today); err != nil {
				t.Fatal(err)
			}
		}
		count := func() int64 {
			var n int64
			env.DB.Table("outbox_messages").Where("topic = ?", "training.certificate_expiring").Count(&n)
			return n
		}
		if n := count(); n != 1 {
			t.Fatalf("reminders after two runs: %d", n)
		}
		if _, err := svc.RemindCertificates(context.Background(), storeID, today.AddDays(14)); err != nil {
			t.Fatal(err)
		}
		if n := count(); n != 2 {
			t.Fatalf("reminders after the 7-day one: %d", n)
		}
		// Renewed: valid again.
		testutil.Must(t, manager, "PATCH", fmt.Sprintf("/api/v1/health-certificates/%d", *cert.ID), map[string]any{"version": 1,
			"expires_on": "2027-11-22"}, http.StatusOK).JSON(t, &cert)
		if cert.State != "valid" || cert.Version != 2 {
			t.Fatalf("renewed: %+v", cert)
		}
		testutil.Must(t, manager, "PATCH", fmt.Sprintf("/api/v1/health-certificates/%d", *cert.ID), map[string]any{"version": 2,
			"issued_on": "2028-01-01"}, http.StatusBadRequest)
		testutil.Must(t, env.Login("manager2"), "PATCH", fmt.Sprintf("/api/v1/health-certificates/%d", *cert.ID), map[string]any{"version": 2}, http.StatusNotFound)
	})
}

// TestDemoTraining seeds the demo's staff and checks the manager's Today shows the
// certificate expiring soon and the one expired.
func TestDemoTraining(t *testing.T) {
	env := testutil.NewEnv(t, "sqlite")
	today := civil.Of(env.Clock.Now())
	res, err := seed.Training(context.Background(), seed.TrainingServices{Org: env.App.Org, Training: env.App.Training}, today)
	if err != nil || res.Employees == 0 || res.Certificates == 0 {
		t.Fatalf("seed: %+v %v", res, err)
	}
	if again, err := seed.Training(context.Background(), seed.TrainingServices{Org: env.App.Org, Training: env.App.Training}, today); err != nil || again.SkippedStores != 3 {
		t.Fatalf("second run: %+v %v", again, err)
	}
	_, base := storeBase(t, env, "sh-pudong")
	var list struct {
		Items []certJSON `json:"items"`
	}
	testutil.Must(t, env.Login("manager1"), "GET", base+"/health-certificates?expiring_within=30", nil, http.StatusOK).JSON(t, &list)
	states := map[string]int{}
	for _, c := range list.Items {
		states[c.State]++
	}
	if states["expiring"] != 1 || states["expired"] != 1 || states["missing"] != 1 {
		t.Fatalf("demo certificates: %+v", list.Items)
	}
	if k := todayKinds(t, env.Login("manager1")); !strings.Contains(k, "training.certificate_expiring") || !strings.Contains(k, "training.overdue") {
		t.Fatalf("manager's Today: %s", k)
	}
}
