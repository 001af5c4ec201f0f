package meetings_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/storeops/storeops/internal/testutil"
)

type itemJSON struct {
	Title          string  `json:"title"`
	OwnerName      *string `json:"owner_name"`
	DepartmentCode *string `json:"department_code"`
	DueOn          string  `json:"due_on"`
	TaskID         int64   `json:"task_id"`
	TaskStatus     *string `json:"task_status"`
}

type meetingJSON struct {
	ID            int64  `json:"id"`
	Title         string `json:"title"`
	ChairName     string `json:"chair_name"`
	AttendeeCount int    `json:"attendee_count"`
	ItemCount     int    `json:"item_count"`
	OpenItemCount int    `json:"open_item_count"`
	Attendees     []struct {
		UserID int64  `json:"user_id"`
		Name   string `json:"name"`
	} `json:"attendees"`
	Items []itemJSON `json:"items"`
}

type taskJSON struct {
	ID           int64   `json:"id"`
	Title        string  `json:"title"`
	Status       string  `json:"status"`
	AssigneeName *string `json:"assignee_name"`
	Source       *struct {
		Kind string `json:"kind"`
		ID   int64  `json:"id"`
	} `json:"source"`
}

// today is the demo stores' business day at the test clock (2026-11-02 16:00 in Shanghai).
const today = "2026-11-02"

func storeID(t *testing.T, env *testutil.Env, code string) int64 {
	t.Helper()
	var id int64
	env.DB.Table("stores").Where("code = ?", code).Pluck("id", &id)
	if id == 0 {
		t.Fatalf("store %s", code)
	}
	return id
}

func userID(t *testing.T, env *testutil.Env, username string) int64 {
	t.Helper()
	var id int64
	env.DB.Table("users").Where("username = ?", username).Pluck("id", &id)
	if id == 0 {
		t.Fatalf("user %s", username)
	}
	return id
}

func count(env *testutil.Env, table string) int64 {
	var n int64
	env.DB.Table(table).Count(&n)
	return n
}

func meetingBody(t *testing.T, env *testutil.Env) map[string]any {
	super1 := userID(t, env, "super1")
	return map[string]any{"held_on": today, "kind": "weekly", "title": "生鲜周例会", "department_code": "produce",
		"attendees": []int64{userID(t, env, "manager1"), super1}, "notes": "周末叶菜报损偏高",
		"items": []map[string]any{
			{"title": "周末叶菜订货下调 10%", "owner_id": super1, "due_on": "2026-11-06"},
			{"title": "冷库除霜", "department_code": "meat", "due_on": today},
		}}
}

// TestCreateMakesTasks records a meeting: its action items are tasks of the store, assigned,
// announced and linked back to the meeting; the owner sees theirs, and the meeting shows each
// item's task status, which follows the task.
func TestCreateMakesTasks(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		store := storeID(t, env, "sh-pudong")
		outboxBefore := count(env, "outbox_messages")
		res := env.Login("manager1").Do("POST", fmt.Sprintf("/api/v1/stores/%d/meetings", store), meetingBody(t, env))
		if res.Status != http.StatusCreated {
			t.Fatalf("create: %d %s", res.Status, res.Body)
		}
		var m meetingJSON
		res.JSON(t, &m)
		if m.ChairName != "王店长" || m.AttendeeCount != 2 || len(m.Attendees) != 2 || len(m.Items) != 2 || m.OpenItemCount != 2 {
			t.Fatalf("meeting: %s", res.Body)
		}
		if m.Items[0].TaskStatus == nil || *m.Items[0].TaskStatus != "open" || m.Items[0].OwnerName == nil || *m.Items[0].OwnerName != "李主管（生鲜）" {
			t.Fatalf("item 1: %+v", m.Items[0])
		}
		if n := count(env, "outbox_messages") - outboxBefore; n != 2 {
			t.Errorf("outbox messages: %d, want two task.assigned", n)
		}
		var topics []string
		env.DB.Table("outbox_messages").Order("id DESC").Limit(2).Pluck("topic", &topics)
		for _, tp := range topics {
			if tp != "task.assigned" {
				t.Errorf("topic %s, want task.assigned", tp)
			}
		}
		super := env.Login("super1")
		res = super.Do("GET", fmt.Sprintf("/api/v1/tasks/%d", m.Items[0].TaskID), nil)
		var task taskJSON
		res.JSON(t, &task)
		if res.Status != http.StatusOK || task.Title != "周末叶菜订货下调 10%" || task.AssigneeName == nil ||
			task.Source == nil || task.Source.Kind != "meeting" || task.Source.ID != m.ID {
			t.Fatalf("super1's task: %d %s", res.Status, res.Body)
		}
		if res := super.Do("POST", fmt.Sprintf("/api/v1/tasks/%d/complete", task.ID), map[string]any{"note": "已下调"}); res.Status != http.StatusOK {
			t.Fatalf("complete: %d %s", res.Status, res.Body)
		}
		res = super.Do("GET", fmt.Sprintf("/api/v1/meetings/%d", m.ID), nil)
		res.JSON(t, &m)
		if *m.Items[0].TaskStatus != "done" || m.OpenItemCount != 1 {
			t.Errorf("after completing: %s", res.Body)
		}
		var audits int64
		env.DB.Table("audit_log").Where("action = ? AND entity_id = ?", "meeting.create", fmt.Sprint(m.ID)).Count(&audits)
		if audits != 1 {
			t.Errorf("meeting.create audit entries: %d", audits)
		}
		res = env.Login("hq1").Do("GET", fmt.Sprintf("/api/v1/stores/%d/meetings?department_code=produce&from=%s&to=%s", store, today, today), nil)
		var list struct {
			Items []meetingJSON `json:"items"`
			Total int           `json:"total"`
		}
		res.JSON(t, &list)
		if res.Status != http.StatusOK || list.Total != 1 || list.Items[0].ItemCount != 2 || list.Items[0].OpenItemCount != 1 {
			t.Errorf("HQ's list: %d %s", res.Status, res.Body)
		}
		res = env.Login("hq1").Do("GET", fmt.Sprintf("/api/v1/stores/%d/meetings?department_code=meat", store), nil)
		res.JSON(t, &list)
		if list.Total != 0 {
			t.Errorf("meat meetings: %s", res.Body)
		}
		if res := env.Login("hq1").Do("POST", fmt.Sprintf("/api/v1/stores/%d/meetings", store), meetingBody(t, env)); res.Status != http.StatusForbidden {
			t.Errorf("HQ records a meeting: %d", res.Status)
		}
	})
}

// TestBadMeetingsWriteNothing sends meetings with one problem each: 400 naming the field, and
// neither a meeting nor a task nor an outbox message is written.
func TestBadMeetingsWriteNothing(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		store := storeID(t, env, "sh-pudong")
		item := func(b map[string]any, i int) map[string]any { return b["items"].([]map[string]any)[i] }
		many := make([]map[string]any, 31)
		for i := range many {
			many[i] = map[string]any{"title": "x", "department_code": "meat", "due_on": today}
		}
		cases := []struct {
			name   string
			change func(map[string]any)
			field  string
		}{
			{"no attendees", func(b map[string]any) { b["attendees"] = []int64{} }, "attendees"},
			{"attendee of another store", func(b map[string]any) {
				b["attendees"] = []int64{userID(t, env, "manager1"), userID(t, env, "super2")}
			}, "attendees[1]"},
			{"item without title", func(b map[string]any) { item(b, 1)["title"] = "" }, "items[1].title"},
			{"due before the meeting", func(b map[string]any) {
				b["held_on"] = today
				item(b, 1)["due_on"] = "2026-11-01"
			}, "items[1].due_on"},
			{"held in the future", func(b map[string]any) { b["held_on"] = "2026-11-03" }, "held_on"},
			{"too many items", func(b map[string]any) { b["items"] = many }, "items"},
			{"notes too long", func(b map[string]any) { b["notes"] = strings.Repeat("记", 5001) }, "notes"},
			{"owner of another store", func(b map[string]any) { item(b, 0)["owner_id"] = userID(t, env, "super2") }, "items[0].owner_id"},
			{"department the store does not run", func(b map[string]any) { item(b, 1)["department_code"] = "nope" }, "items[1].department_code"},
			{"unknown kind", func(b map[string]any) { b["kind"] = "party" }, "kind"},
		}
		meetings, tasks, outbox := count(env, "meetings"), count(env, "tasks"), count(env, "outbox_messages")
		for _, tc := range cases {
			body := meetingBody(t, env)
			tc.change(body)
			res := env.Login("manager1").Do("POST", fmt.Sprintf("/api/v1/stores/%d/meetings", store), body)
			if res.Status != http.StatusBadRequest {
				t.Errorf("%s: %d %s, want 400", tc.name, res.Status, res.Body)
				continue
			}
			if _, ok := res.Fields()[tc.field]; !ok {
				t.Errorf("%s: fields %v, want %s", tc.name, res.Fields(), tc.field)
			}
		}
		if m, tk, o := count(env, "meetings"), count(env, "tasks"), count(env, "outbox_messages"); m != meetings || tk != tasks || o != outbox {
			t.Errorf("bad meetings wrote meetings %d→%d, tasks %d→%d, outbox %d→%d", meetings, m, tasks, tk, outbox, o)
		}
	})
}

// TestOtherStoresMeetingsAreHidden: another store's meeting, list and people are 404 to its
// manager and supervisors, and recording a meeting there too.
func TestOtherStoresMeetingsAreHidden(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		store := storeID(t, env, "sh-pudong")
		res := env.Login("super1").Do("POST", fmt.Sprintf("/api/v1/stores/%d/meetings", store), meetingBody(t, env))
		if res.Status != http.StatusCreated {
			t.Fatalf("super1 records: %d %s", res.Status, res.Body)
		}
		var m meetingJSON
		res.JSON(t, &m)
		for _, who := range []string{"manager2", "super2"} {
			c := env.Login(who)
			for _, path := range []string{fmt.Sprintf("/api/v1/meetings/%d", m.ID), fmt.Sprintf("/api/v1/stores/%d/meetings", store),
				fmt.Sprintf("/api/v1/stores/%d/meeting-people", store)} {
				if res := c.Do("GET", path, nil); res.Status != http.StatusNotFound {
					t.Errorf("%s GET %s: %d, want 404", who, path, res.Status)
				}
			}
			if res := c.Do("POST", fmt.Sprintf("/api/v1/stores/%d/meetings", store), meetingBody(t, env)); res.Status != http.StatusNotFound {
				t.Errorf("%s records in another store: %d, want 404", who, res.Status)
			}
		}
		res = env.Login("super1b").Do("GET", fmt.Sprintf("/api/v1/meetings/%d", m.ID), nil)
		res.JSON(t, &m)
		if res.Status != http.StatusOK || len(m.Items) != 2 || m.Items[1].TaskStatus == nil {
			t.Errorf("another supervisor of the store: %d %s", res.Status, res.Body)
		}
		res = env.Login("super1").Do("GET", fmt.Sprintf("/api/v1/stores/%d/meeting-people", store), nil)
		var people struct {
			Items []struct {
				Username string `json:"username"`
			} `json:"items"`
		}
		res.JSON(t, &people)
		if len(people.Items) != 3 {
			t.Errorf("people of sh-pudong: %s", res.Body)
		}
	})
}
