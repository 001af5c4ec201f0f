package complaints

import (
	"strings"
	"testing"
	"time"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/fixed"
)

var now = time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)

func fields(err error) apperr.FieldErrors {
	fe, _ := err.(apperr.FieldErrors)
	return fe
}

func TestNewComplaintValidate(t *testing.T) {
	ok := NewComplaint{Channel: "counter", Category: "quality", Description: "菜叶发黄", ReceivedAt: now.Add(-time.Hour)}
	tests := []struct {
		name   string
		change func(*NewComplaint)
		field  string
	}{
		{"valid", func(*NewComplaint) {}, ""},
		{"no category", func(n *NewComplaint) { n.Category = "" }, "category"},
		{"unknown category", func(n *NewComplaint) { n.Category = "smell" }, "category"},
		{"unknown channel", func(n *NewComplaint) { n.Channel = "fax" }, "channel"},
		{"blank description", func(n *NewComplaint) { n.Description = "  " }, "description"},
		{"long description", func(n *NewComplaint) { n.Description = strings.Repeat("菜", 2001) }, "description"},
		{"future", func(n *NewComplaint) { n.ReceivedAt = now.Add(time.Hour) }, "received_at"},
		{"too old", func(n *NewComplaint) { n.ReceivedAt = now.AddDate(-1, 0, -1) }, "received_at"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := ok
			tt.change(&n)
			err := n.Validate(now)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("want valid, got %v", err)
				}
				return
			}
			if fields(err)[tt.field] == "" {
				t.Fatalf("want an error naming %s, got %v", tt.field, err)
			}
		})
	}
}

func TestResolutionCompensationRange(t *testing.T) {
	tests := []struct {
		name string
		comp fixed.Money
		ok   bool
	}{
		{"zero", 0, true},
		{"most", fixed.MoneyOf(100000), true},
		{"one fen over", fixed.MoneyOf(100000) + 1, false},
		{"negative", -1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Resolution{Text: "退款", Compensation: tt.comp}
			err := r.Validate()
			if (err == nil) != tt.ok || (!tt.ok && fields(err)["compensation"] == "") {
				t.Fatalf("compensation %s: got %v", tt.comp, err)
			}
		})
	}
	if r := (Resolution{Text: " "}); fields(r.Validate())["resolution"] == "" {
		t.Fatal("a blank resolution was taken")
	}
}

func TestActions(t *testing.T) {
	open, resolved := Complaint{Status: StatusOpen}, Complaint{Status: StatusResolved}
	tests := []struct {
		name             string
		c                Complaint
		handles, reopens bool
		want             string
	}{
		{"staff on open", open, true, false, "add_step,resolve"},
		{"hq on open", open, false, false, ""},
		{"supervisor on resolved", resolved, true, false, ""},
		{"manager on resolved", resolved, true, true, "reopen"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := strings.Join(Actions(tt.c, tt.handles, tt.reopens), ","); got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSummarise(t *testing.T) {
	at := func(h int) *time.Time { v := now.Add(time.Duration(h) * time.Hour); return &v }
	list := []Complaint{
		{StoreID: 2, Category: "quality", DepartmentCode: "produce", ReceivedAt: now, ResolvedAt: at(2), Compensation: fixed.MoneyOf(20)},
		{StoreID: 1, Category: "quality", DepartmentCode: "meat", ReceivedAt: now, ResolvedAt: at(5), Compensation: fixed.MoneyOf(30)},
		{StoreID: 2, Category: "quality", DepartmentCode: "produce", ReceivedAt: now},
		{StoreID: 1, Category: "service", ReceivedAt: now, ResolvedAt: at(1)},
		{StoreID: 3, Category: "price", ReceivedAt: now},
	}
	r := Summarise(list)
	if r.Total.Count != 5 || r.Total.Open != 2 || r.Total.Resolved != 3 || r.Total.Compensation != fixed.MoneyOf(50) {
		t.Fatalf("total: %+v", r.Total)
	}
	if r.Total.MeanHoursToResolve == nil || r.Total.MeanHoursToResolve.String() != "2.67" {
		t.Fatalf("mean hours: %v", r.Total.MeanHoursToResolve)
	}
	if len(r.ByCategory) != 3 || r.ByCategory[0].Key != "quality" || r.ByCategory[0].Count != 3 ||
		r.ByCategory[0].MeanHoursToResolve.String() != "3.50" {
		t.Fatalf("by category: %+v", r.ByCategory)
	}
	if len(r.ByDepartment) != 3 || r.ByDepartment[0].Key != "" || r.ByDepartment[0].Count != 2 ||
		r.ByDepartment[1].Key != "produce" || r.ByDepartment[1].Open != 1 {
		t.Fatalf("by department: %+v", r.ByDepartment)
	}
	for _, g := range r.ByDepartment {
		if g.Key == "" && g.Count != 2 {
			t.Fatalf("no department: %+v", g)
		}
	}
	// By store: largest first, then by id; store 1's two are both resolved, store 2 has 20 paid.
	if len(r.ByStore) != 3 || r.ByStore[0].StoreID != 1 || r.ByStore[1].StoreID != 2 || r.ByStore[2].StoreID != 3 ||
		r.ByStore[0].Resolved != 2 || r.ByStore[0].MeanHoursToResolve.String() != "3.00" ||
		r.ByStore[1].Open != 1 || r.ByStore[1].Compensation != fixed.MoneyOf(20) || r.ByStore[2].MeanHoursToResolve != nil {
		t.Fatalf("by store: %+v", r.ByStore)
	}
	if m := Summarise(nil).Total.MeanHoursToResolve; m != nil {
		t.Fatalf("mean of nothing: %v", m)
	}
}
