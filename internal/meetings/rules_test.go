package meetings

import (
	"strings"
	"testing"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/tasks"
)

func fields(err error) apperr.FieldErrors {
	fe, _ := err.(apperr.FieldErrors)
	return fe
}

func TestNewMeetingValidate(t *testing.T) {
	today, _ := civil.Parse("2026-11-30")
	owner := int64(7)
	good := func() NewMeeting {
		return NewMeeting{HeldOn: today.AddDays(-1), Kind: KindWeekly, Title: " 生鲜周例会 ", ChairID: 3,
			Attendees: []int64{3, 7}, Notes: "损耗偏高",
			Items: []NewItem{{Title: "下调叶菜订货", OwnerID: &owner, DueOn: today.AddDays(3)},
				{Title: "清洁冷库", DepartmentCode: "meat", DueOn: today}}}
	}
	many := make([]NewItem, MaxItems+1)
	for i := range many {
		many[i] = NewItem{Title: "x", DepartmentCode: "meat", DueOn: today}
	}
	cases := []struct {
		name   string
		change func(*NewMeeting)
		field  string
	}{
		{"good", func(*NewMeeting) {}, ""},
		{"held today", func(n *NewMeeting) { n.HeldOn = today }, ""},
		{"no date", func(n *NewMeeting) { n.HeldOn = 0 }, "held_on"},
		{"future", func(n *NewMeeting) { n.HeldOn = today.AddDays(1) }, "held_on"},
		{"too old", func(n *NewMeeting) { n.HeldOn = today.AddDays(-MaxAge - 1) }, "held_on"},
		{"unknown kind", func(n *NewMeeting) { n.Kind = "party" }, "kind"},
		{"blank title", func(n *NewMeeting) { n.Title = "  " }, "title"},
		{"no chair", func(n *NewMeeting) { n.ChairID = 0 }, "chair_id"},
		{"no attendees", func(n *NewMeeting) { n.Attendees = nil }, "attendees"},
		{"attendee twice", func(n *NewMeeting) { n.Attendees = []int64{3, 7, 3} }, "attendees[2]"},
		{"notes too long", func(n *NewMeeting) { n.Notes = strings.Repeat("记", MaxNotes+1) }, "notes"},
		{"too many items", func(n *NewMeeting) { n.Items = many }, "items"},
		{"item without title", func(n *NewMeeting) { n.Items[1].Title = " " }, "items[1].title"},
		{"item without owner", func(n *NewMeeting) { n.Items[1].DepartmentCode = "" }, "items[1].owner_id"},
		{"item without due date", func(n *NewMeeting) { n.Items[0].DueOn = 0 }, "items[0].due_on"},
		{"due before the meeting", func(n *NewMeeting) {
			n.HeldOn = today
			n.Items[0].DueOn = today.AddDays(-1)
		}, "items[0].due_on"},
		{"due in the past", func(n *NewMeeting) {
			n.HeldOn = today.AddDays(-5)
			n.Items[0].DueOn = today.AddDays(-2)
		}, "items[0].due_on"},
		{"due too far", func(n *NewMeeting) { n.Items[0].DueOn = n.HeldOn.AddDays(MaxDueAhead + 1) }, "items[0].due_on"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			n := good()
			tc.change(&n)
			err := n.Validate(today)
			if tc.field == "" {
				if err != nil {
					t.Fatalf("want no error, got %v", err)
				}
				return
			}
			if _, ok := fields(err)[tc.field]; !ok {
				t.Fatalf("want a problem with %s, got %v", tc.field, err)
			}
		})
	}
	n := good()
	_ = n.Validate(today)
	if n.Title != "生鲜周例会" {
		t.Errorf("title not trimmed: %q", n.Title)
	}
}

func TestItemField(t *testing.T) {
	for name, want := range map[string]string{"title": "items[2].title", "assignee_id": "items[2].owner_id",
		"due_at": "items[2].due_on", "department_code": "items[2].department_code"} {
		if got := ItemField(2, name); got != want {
			t.Errorf("ItemField(2, %q) = %q, want %q", name, got, want)
		}
	}
}

func TestOpenItems(t *testing.T) {
	items := []Item{{TaskStatus: tasks.StatusOpen}, {TaskStatus: tasks.StatusOverdue}, {TaskStatus: tasks.StatusDone}, {TaskStatus: ""}}
	if got := OpenItems(items); got != 2 {
		t.Errorf("OpenItems = %d, want 2", got)
	}
}
