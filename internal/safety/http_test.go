package safety_test

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"net/http"
	"sync"
	"testing"

	"github.com/storeops/storeops/internal/testutil"
)

// fixture is the demo chain; pudong and tianhe are the two stores' API bases.
type fixture struct {
	env            *testutil.Env
	pudong, tianhe string
}

func newFixture(t *testing.T, dialect string) *fixture {
	t.Helper()
	env := testutil.NewEnv(t, dialect)
	id := func(code string) int64 {
		var n int64
		env.DB.Table("stores").Where("code = ?", code).Pluck("id", &n)
		return n
	}
	return &fixture{env: env, pudong: fmt.Sprintf("/api/v1/stores/%d", id("sh-pudong")),
		tianhe: fmt.Sprintf("/api/v1/stores/%d", id("gz-tianhe"))}
}

// coldRoomAnswers answers the preloaded cold-room checklist (template 1) with the cold room at temp.
func coldRoomAnswers(temp any) []map[string]any {
	answers := []map[string]any{{"item_id": 1, "number": temp}, {"item_id": 2, "number": "-20"}}
	for id := 3; id <= 7; id++ {
		answers = append(answers, map[string]any{"item_id": id, "bool": true})
	}
	return answers
}

type action struct {
	ID             int64    `json:"id"`
	Status         string   `json:"status"`
	Version        int      `json:"version"`
	AllowedActions []string `json:"allowed_actions"`
}

type inspection struct {
	ID              int64    `json:"id"`
	Score           string   `json:"score"`
	Passed          bool     `json:"passed"`
	CriticalFailed  bool     `json:"critical_failed"`
	TemplateVersion int      `json:"template_version"`
	Actions         []action `json:"corrective_actions"`
	Results         []struct {
		Failed bool `json:"failed"`
	} `json:"results"`
}

func (f *fixture) inspect(t *testing.T, user, base, dept string, temp any) inspection {
	t.Helper()
	var in inspection
	testutil.Must(t, f.env.Login(user), "POST", base+"/inspections", map[string]any{"template_id": 1,
		"department_code": dept, "answers": coldRoomAnswers(temp)}, http.StatusCreated).JSON(t, &in)
	return in
}

func (f *fixture) count(table string) int64 {
	var n int64
	f.env.DB.Table(table).Count(&n)
	return n
}

// TestColdRoomFailsAndTheActionIsClosedAndVerified is the walk: super1 runs the
// cold-room inspection with a 7 °C reading, it fails and opens a corrective action; manager1
// sees it, super1 marks it done with a note, manager1 verifies it.
func TestColdRoomFailsAndTheActionIsClosedAndVerified(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		in := f.inspect(t, "super1", f.pudong, "produce", "7")
		if in.Passed || !in.CriticalFailed || in.Score != "80.00" || len(in.Actions) != 1 || !in.Results[0].Failed {
			t.Fatalf("inspection: %+v", in)
		}
		var list struct {
			Items []action `json:"items"`
			Total int      `json:"total"`
		}
		testutil.Must(t, f.env.Login("manager1"), "GET", f.pudong+"/corrective-actions?status=open", nil, http.StatusOK).JSON(t, &list)
		if list.Total != 1 || list.Items[0].ID != in.Actions[0].ID {
			t.Fatalf("manager1's open actions: %+v", list)
		}
		path := fmt.Sprintf("/api/v1/corrective-actions/%d", in.Actions[0].ID)
		super1, manager1 := f.env.Login("super1"), f.env.Login("manager1")
		if res := super1.Do("POST", path+"/complete", map[string]any{"note": " "}); res.Status != 400 || res.Fields()["note"] == "" {
			t.Fatalf("done without a note: %d %s", res.Status, res.Body)
		}
		var a action
		testutil.Must(t, super1, "POST", path+"/complete", map[string]any{"note": "已调整温控器，复测 3.5 °C"}, http.StatusOK).JSON(t, &a)
		if a.Status != "done" || len(a.AllowedActions) != 0 {
			t.Fatalf("after complete (super1): %+v", a)
		}
		testutil.Must(t, manager1, "GET", path, nil, http.StatusOK).JSON(t, &a)
		if fmt.Sprint(a.AllowedActions) != "[verify reject]" {
			t.Fatalf("manager1 may: %v", a.AllowedActions)
		}
		testutil.Must(t, manager1, "POST", path+"/verify", map[string]any{"version": a.Version}, http.StatusOK).JSON(t, &a)
		if a.Status != "verified" {
			t.Fatalf("after verify: %+v", a)
		}
		if res := manager1.Do("POST", path+"/verify", nil); res.Status != 409 || res.ErrorCode() != "wrong_status" {
			t.Errorf("verified twice: %d %s", res.Status, res.Body)
		}
		var n int64
		f.env.DB.Table("audit_log").Where("action LIKE ?", "corrective_action.%").Count(&n)
		if n != 3 {
			t.Errorf("%d corrective_action audit entries, want open, complete, verify", n)
		}
	})
}

func TestNobodyVerifiesWhatTheyMarkedDone(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		in := f.inspect(t, "manager1", f.pudong, "deli", "6")
		path := fmt.Sprintf("/api/v1/corrective-actions/%d", in.Actions[0].ID)
		manager1 := f.env.Login("manager1")
		testutil.Must(t, manager1, "POST", path+"/complete", map[string]any{"note": "已修好"}, http.StatusOK)
		if res := manager1.Do("POST", path+"/verify", nil); res.Status != 403 || res.ErrorCode() != "own_action" {
			t.Fatalf("verifying one's own: %d %s", res.Status, res.Body)
		}
		if res := f.env.Login("super1").Do("POST", path+"/verify", nil); res.Status != 403 {
			t.Errorf("a supervisor verifying: %d %s", res.Status, res.Body)
		}
		testutil.Must(t, manager1, "POST", path+"/reject", map[string]any{"reason": "复测仍偏高"}, http.StatusOK)
		var a action
		testutil.Must(t, manager1, "GET", path, nil, http.StatusOK).JSON(t, &a)
		if a.Status != "open" {
			t.Errorf("after reject: %+v", a)
		}
	})
}

func TestConcurrentVerifiesMoveTheActionOnce(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		in := f.inspect(t, "super1", f.pudong, "produce", "9")
		path := fmt.Sprintf("/api/v1/corrective-actions/%d", in.Actions[0].ID)
		testutil.Must(t, f.env.Login("super1"), "POST", path+"/complete", map[string]any{"note": "已处理"}, http.StatusOK)
		clients := []*testutil.Client{f.env.Login("manager1"), f.env.Login("admin"), f.env.Login("manager1"), f.env.Login("admin")}
		statuses := make([]int, len(clients))
		var wg sync.WaitGroup
		for i, c := range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses[i] = c.Do("POST", path+"/verify", nil).Status
			}()
		}
		wg.Wait()
		ok := 0
		for _, s := range statuses {
			switch s {
			case 200:
				ok++
			case 409:
			default:
				t.Errorf("verify answered %d", s)
			}
		}
		var n int64
		f.env.DB.Table("audit_log").Where("action = ?", "corrective_action.verify").Count(&n)
		if ok != 1 || n != 1 {
			t.Errorf("%d verifies succeeded, %d audited: want 1 and 1 (%v)", ok, n, statuses)
		}
	})
}

func TestBadInspectionsSaveNothing(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		super1 := f.env.Login("super1")
		before := [3]int64{f.count("inspections"), f.count("corrective_actions"), f.count("audit_log")}
		cases := []struct {
			name  string
			body  map[string]any
			field string
		}{
			{"−100 °C", map[string]any{"template_id": 1, "department_code": "produce", "answers": coldRoomAnswers("-100")}, "answers[0].number"},
			{"500 °C", map[string]any{"template_id": 1, "department_code": "produce", "answers": coldRoomAnswers(500)}, "answers[0].number"},
			// The platform's decoder names the top-level field of a value it cannot read at all.
			{"not a number", map[string]any{"template_id": 1, "department_code": "produce", "answers": coldRoomAnswers("warm")}, "answers"},
			{"beyond any column", map[string]any{"template_id": 1, "department_code": "produce", "answers": coldRoomAnswers("123456789012345678901")}, "answers"},
			{"a required item missing", map[string]any{"template_id": 1, "department_code": "produce", "answers": coldRoomAnswers("3")[:6]}, "items[7]"},
			{"an unknown template", map[string]any{"template_id": 999, "department_code": "produce", "answers": coldRoomAnswers("3")}, "template_id"},
			{"another store's photo", map[string]any{"template_id": 1, "department_code": "produce",
				"answers": append(coldRoomAnswers("3"), map[string]any{"item_id": 8, "photos": []int64{f.photo(t, "super2")}})}, "items[8].photos[0]"},
		}
		for _, tc := range cases {
			res := super1.Do("POST", f.pudong+"/inspections", tc.body)
			if res.Status != 400 || res.Fields()[tc.field] == "" {
				t.Errorf("%s: %d %s, want 400 naming %s", tc.name, res.Status, res.Body, tc.field)
			}
		}
		if res := super1.Do("POST", f.pudong+"/inspections", map[string]any{"template_id": 1, "department_code": "deli",
			"answers": coldRoomAnswers("3")}); res.Status != 404 {
			t.Errorf("a supervisor inspecting another department: %d %s", res.Status, res.Body)
		}
		after := [3]int64{f.count("inspections"), f.count("corrective_actions"), f.count("audit_log") - 1} // the upload
		if after != before {
			t.Errorf("refused inspections wrote rows: %v → %v", before, after)
		}
		in := f.inspect(t, "super1", f.pudong, "produce", "3")
		if !in.Passed || in.Score != "100.00" || len(in.Actions) != 0 {
			t.Errorf("a good inspection: %+v", in)
		}
	})
}

func (f *fixture) photo(t *testing.T, user string) int64 {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	res := f.env.Login(user).Upload("/api/v1/attachments", testutil.Part{Name: "file", FileName: "p.png", Data: buf.Bytes()})
	var a struct {
		ID int64 `json:"id"`
	}
	if res.Status != http.StatusCreated {
		t.Fatalf("upload: %d %s", res.Status, res.Body)
	}
	res.JSON(t, &a)
	return a.ID
}
