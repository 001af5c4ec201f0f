package inbox

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

func at(hour int) *time.Time {
	t := time.Date(2026, 11, 2, hour, 0, 0, 0, time.UTC)
	return &t
}

func id(n int64) *int64 { return &n }

// names lists the entries' kinds (with their department, if any), in order.
func names(es []Entry) string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Kind
		if e.DepartmentCode != "" {
			out[i] += "/" + e.DepartmentCode
		}
	}
	return strings.Join(out, " ")
}

func TestMerge(t *testing.T) {
	tests := []struct {
		name    string
		entries []Entry
		limit   int
		want    string
		total   int
		badges  string
	}{
		{"nothing", nil, 10, "", 0, "map[]"},
		{"priority first, then the earliest deadline, no deadline last", []Entry{
			{Kind: "normal-late", Priority: Normal, DueAt: at(12)},
			{Kind: "low-soon", Priority: Low, DueAt: at(1)},
			{Kind: "high-none", Priority: High},
			{Kind: "normal-none", Priority: Normal},
			{Kind: "high-late", Priority: High, DueAt: at(20)},
			{Kind: "normal-soon", Priority: Normal, DueAt: at(9)},
		}, 10, "high-late high-none normal-soon normal-late normal-none low-soon", 6, "map[]"},
		{"ties break on store, kind, department and resource", []Entry{
			{Kind: "b", Priority: Normal, StoreID: 1, ResourceID: id(2)},
			{Kind: "b", Priority: Normal, StoreID: 1, ResourceID: id(1), DepartmentCode: "meat"},
			{Kind: "a", Priority: Normal, StoreID: 2},
			{Kind: "c", Priority: Normal, StoreID: 1, DepartmentCode: "produce", ResourceID: id(1)},
			{Kind: "b1", Priority: Normal, StoreID: 1, ResourceID: id(1)},
		}, 10, "b b/meat b1 c/produce a", 5, "map[]"},
		{"the limit keeps the most urgent; badges and total count everything", []Entry{
			{Kind: "low", Priority: Low, Menu: "stocktakes"},
			{Kind: "high", Priority: High, Menu: "inventory", Count: 12},
			{Kind: "normal", Priority: Normal, Menu: "stocktakes", Count: 3},
		}, 2, "high normal", 3, "map[inventory:12 stocktakes:4]"},
		{"a count below 1 is 1; no menu, no badge", []Entry{
			{Kind: "x", Priority: Normal, Menu: "tasks"},
			{Kind: "y", Priority: Normal, Count: -4},
		}, 10, "x y", 2, "map[tasks:1]"},
		{"a limit of 0 lists nothing", []Entry{{Kind: "x", Priority: High}}, 0, "", 1, "map[]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := Merge(tc.entries, tc.limit)
			if got := names(m.Items); got != tc.want || m.Total != tc.total || fmt.Sprint(m.Badges) != tc.badges {
				t.Errorf("got %q total %d badges %v, want %q total %d badges %s", got, m.Total, m.Badges, tc.want, tc.total, tc.badges)
			}
			for _, e := range m.Items {
				if e.Count < 1 {
					t.Errorf("%s: count %d", e.Kind, e.Count)
				}
			}
		})
	}
}

func TestMergeLeavesTheInputAlone(t *testing.T) {
	in := []Entry{{Kind: "b", Priority: Low}, {Kind: "a", Priority: High}}
	Merge(in, 10)
	if names(in) != "b a" || in[0].Count != 0 {
		t.Errorf("Merge changed its input: %+v", in)
	}
}

func TestPriorityAndTitle(t *testing.T) {
	if High.String() != "high" || Normal.String() != "normal" || Low.String() != "low" || Priority(0).String() != "normal" {
		t.Error("priority names")
	}
	title := Title{Zh: "盘点", En: "Stocktake"}
	if title.In("en") != "Stocktake" || title.In("zh-CN") != "盘点" || title.In("") != "盘点" {
		t.Error("title languages")
	}
}
