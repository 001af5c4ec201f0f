package meetings

import (
	"time"

	"github.com/storeops/storeops/internal/platform/civil"
)

type attendeeJSON struct {
	UserID int64  `json:"user_id"`
	Name   string `json:"name"`
}

type itemJSON struct {
	ID             int64      `json:"id"`
	LineNo         int        `json:"line_no"`
	Title          string     `json:"title"`
	DepartmentCode *string    `json:"department_code"`
	OwnerID        *int64     `json:"owner_id"`
	OwnerName      *string    `json:"owner_name"`
	DueOn          civil.Date `json:"due_on"`
	TaskID         int64      `json:"task_id"`
	TaskStatus     *string    `json:"task_status"`
	DoneAt         *time.Time `json:"done_at"`
}

type meetingJSON struct {
	ID             int64      `json:"id"`
	StoreID        int64      `json:"store_id"`
	DepartmentCode *string    `json:"department_code"`
	HeldOn         civil.Date `json:"held_on"`
	Kind           string     `json:"kind"`
	Title          string     `json:"title"`
	ChairID        int64      `json:"chair_id"`
	ChairName      string     `json:"chair_name"`
	Notes          string     `json:"notes"`
	AttendeeCount  int        `json:"attendee_count"`
	ItemCount      int        `json:"item_count"`
	OpenItemCount  int        `json:"open_item_count"`
	CreatedByName  string     `json:"created_by_name"`
	Version        int        `json:"version"`
	CreatedAt      time.Time  `json:"created_at"`
}

// detailJSON is a meeting with its attendees and action items.
type detailJSON struct {
	meetingJSON
	Attendees []attendeeJSON `json:"attendees"`
	Items     []itemJSON     `json:"items"`
}

type personJSON struct {
	ID              int64    `json:"id"`
	Username        string   `json:"username"`
	DisplayName     string   `json:"display_name"`
	Role            string   `json:"role"`
	DepartmentCodes []string `json:"department_codes"`
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// toJSON answers a listed meeting.
func toJSON(m Meeting) meetingJSON {
	return meetingJSON{ID: m.ID, StoreID: m.StoreID, DepartmentCode: optional(m.DepartmentCode), HeldOn: m.HeldOn,
		Kind: m.Kind, Title: m.Title, ChairID: m.ChairID, ChairName: m.ChairName, Notes: m.Notes,
		AttendeeCount: m.Attendees, ItemCount: m.Items, OpenItemCount: m.OpenItems, CreatedByName: m.CreatedByName,
		Version: m.Version, CreatedAt: m.CreatedAt}
}

// toDetailJSON answers a meeting with its attendees and action items.
func toDetailJSON(d Detail) detailJSON {
	out := detailJSON{meetingJSON: toJSON(d.Meeting)}
	out.Attendees = make([]attendeeJSON, len(d.AttendeeList))
	for i, a := range d.AttendeeList {
		out.Attendees[i] = attendeeJSON(a)
	}
	out.Items = make([]itemJSON, len(d.ItemList))
	for i, it := range d.ItemList {
		out.Items[i] = itemJSON{ID: it.ID, LineNo: it.LineNo, Title: it.Title, DepartmentCode: optional(it.DepartmentCode),
			OwnerID: it.OwnerID, OwnerName: optional(it.OwnerName), DueOn: it.DueOn, TaskID: it.TaskID,
			TaskStatus: optional(it.TaskStatus), DoneAt: it.DoneAt}
	}
	return out
}
