package seed_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"

	"github.com/storeops/storeops/internal/seed"
	"github.com/storeops/storeops/internal/testutil"
)

// TestDemoMeetings: sh-pudong has three past team meetings whose action items are tasks,
// some done and some open; super1 sees theirs on the task list, linked back to the meeting.
// A second run adds nothing.
func TestDemoMeetings(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		env := testutil.NewEnv(t, dialect)
		ctx := context.Background()
		services := seed.MeetingServices{Org: env.App.Org, Meetings: env.App.Meetings, Tasks: env.App.Tasks}
		res, err := seed.Meetings(ctx, services, env.Clock.Now())
		if err != nil || res != (seed.MeetingResult{Meetings: 3, Items: 6, Done: 3}) {
			t.Fatalf("meetings: %+v %v", res, err)
		}
		var pudong int64
		env.DB.Table("stores").Where("code = ?", "sh-pudong").Pluck("id", &pudong)
		var list struct {
			Items []struct {
				ID            int64  `json:"id"`
				HeldOn        string `json:"held_on"`
				ItemCount     int    `json:"item_count"`
				OpenItemCount int    `json:"open_item_count"`
			} `json:"items"`
			Total int `json:"total"`
		}
		super := env.Login("super1")
		testutil.Must(t, super, "GET", fmt.Sprintf("/api/v1/stores/%d/meetings", pudong), nil, http.StatusOK).JSON(t, &list)
		if list.Total != 3 || list.Items[0].HeldOn <= list.Items[1].HeldOn {
			t.Fatalf("sh-pudong's meetings, latest first: %+v", list)
		}
		open, items := 0, 0
		for _, m := range list.Items {
			open, items = open+m.OpenItemCount, items+m.ItemCount
		}
		if items != 6 || open != 3 {
			t.Errorf("items %d, open %d: want 6 and 3", items, open)
		}
		var tasks struct {
			Items []struct {
				Source *struct {
					Kind string `json:"kind"`
				} `json:"source"`
			} `json:"items"`
		}
		testutil.Must(t, super, "GET", fmt.Sprintf("/api/v1/stores/%d/tasks?mine=true&page_size=500", pudong), nil, http.StatusOK).JSON(t, &tasks)
		fromMeetings := 0
		for _, tk := range tasks.Items {
			if tk.Source != nil && tk.Source.Kind == "meeting" {
				fromMeetings++
			}
		}
		if fromMeetings != 3 {
			t.Errorf("super1's tasks from meetings: %d, want 3", fromMeetings)
		}
		again, err := seed.Meetings(ctx, services, env.Clock.Now())
		if err != nil || again != (seed.MeetingResult{}) {
			t.Errorf("second run: %+v %v", again, err)
		}
	})
}
