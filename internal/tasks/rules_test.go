package tasks

import (
	"strings"
	"testing"
	"time"

	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/civil"
)

func day(t *testing.T, s string) civil.Date {
	t.Helper()
	d, err := civil.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestTemplateFalls(t *testing.T) {
	mwf, _ := WeekdayBits([]int{1, 3, 5})
	cases := []struct {
		name string
		tpl  Template
		date string
		want bool
	}{
		{"daily", Template{Recurrence: Daily, Active: true}, "2026-11-03", true},
		{"inactive", Template{Recurrence: Daily}, "2026-11-03", false},
		{"weekly on a Monday", Template{Recurrence: Weekly, Weekdays: mwf, Active: true}, "2026-11-02", true},
		{"weekly on a Tuesday", Template{Recurrence: Weekly, Weekdays: mwf, Active: true}, "2026-11-03", false},
		{"monthly on its day", Template{Recurrence: Monthly, MonthDay: 15, Active: true}, "2026-11-15", true},
		{"monthly another day", Template{Recurrence: Monthly, MonthDay: 15, Active: true}, "2026-11-14", false},
		{"31st in a 30-day month", Template{Recurrence: Monthly, MonthDay: 31, Active: true}, "2026-11-30", true},
		{"31st in February", Template{Recurrence: Monthly, MonthDay: 31, Active: true}, "2026-02-28", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.tpl.Falls(day(t, c.date)); got != c.want {
				t.Errorf("Falls(%s) = %v, want %v", c.date, got, c.want)
			}
		})
	}
}

func TestTemplateValidate(t *testing.T) {
	cases := []struct {
		name   string
		tpl    Template
		fields []string
	}{
		{"good", Template{TitleZh: "开店检查", DepartmentCode: "produce", Recurrence: Daily, DueMinute: 480, EstimatedMinutes: 20}, nil},
		{"english title only", Template{TitleEn: "Open", DepartmentCode: "produce", Recurrence: Daily, DueMinute: 480, EstimatedMinutes: 20}, nil},
		{"no title", Template{DepartmentCode: "produce", Recurrence: Daily, DueMinute: 480, EstimatedMinutes: 20}, []string{"title_zh"}},
		{"weekly without days", Template{TitleZh: "x", DepartmentCode: "produce", Recurrence: Weekly, DueMinute: 480, EstimatedMinutes: 20}, []string{"weekdays"}},
		{"monthly day 32", Template{TitleZh: "x", DepartmentCode: "produce", Recurrence: Monthly, MonthDay: 32, DueMinute: 480, EstimatedMinutes: 20}, []string{"month_day"}},
		{"everything wrong", Template{Recurrence: "yearly", DueMinute: 1440}, []string{"title_zh", "department_code", "recurrence", "due_time", "estimated_minutes"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.tpl.Validate()
			if len(c.fields) == 0 {
				if err != nil {
					t.Fatalf("unexpected %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("want errors on %v", c.fields)
			}
			for _, f := range c.fields {
				if !strings.Contains(err.Error(), f) {
					t.Errorf("%v does not name %s", err, f)
				}
			}
		})
	}
}

func TestTimeOfDay(t *testing.T) {
	for in, want := range map[string]int{"08:00": 480, "23:59": 1439, "00:00": 0, "24:00": -1, "8:00": -1, "ab:cd": -1, "12:60": -1} {
		if got := ParseTimeOfDay(in); got != want {
			t.Errorf("ParseTimeOfDay(%q) = %d, want %d", in, got, want)
		}
	}
	if TimeOfDay(1290) != "21:30" {
		t.Error(TimeOfDay(1290))
	}
}

// TestPlan makes each store's tasks on its own business day: a store east of UTC has
// turned its day when a store west of it has not.
func TestPlan(t *testing.T) {
	own := int64(2)
	templates := []Template{
		{ID: 1, DepartmentCode: "produce", TitleZh: "开店", Recurrence: Daily, DueMinute: 8 * 60, EstimatedMinutes: 20, Active: true},
		{ID: 2, DepartmentCode: "meat", TitleZh: "肉", Recurrence: Daily, DueMinute: 9 * 60, EstimatedMinutes: 10, Active: true},
		{ID: 3, StoreID: &own, DepartmentCode: "produce", TitleZh: "自有", Recurrence: Daily, DueMinute: 600, EstimatedMinutes: 5, Active: true},
	}
	stores := []org.ActiveStoreDepartments{
		{StoreID: 1, Timezone: "Asia/Shanghai", Departments: []string{"produce", "meat"}},
		{StoreID: 2, Timezone: "America/New_York", Departments: []string{"produce"}},
	}
	now := time.Date(2026, 11, 2, 20, 0, 0, 0, time.UTC) // 3 Nov 04:00 Shanghai, 2 Nov 15:00 New York
	rows, err := Plan(stores, templates, now)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 {
		t.Fatalf("%d rows, want 4: %+v", len(rows), rows)
	}
	if rows[0].BusinessDate.String() != "2026-11-03" || !rows[0].DueAt.Equal(time.Date(2026, 11, 3, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("Shanghai task %s due %s", rows[0].BusinessDate, rows[0].DueAt)
	}
	if rows[2].StoreID != 2 || rows[2].BusinessDate.String() != "2026-11-02" || *rows[2].TemplateID != 1 {
		t.Errorf("New York task %+v", rows[2])
	}
	if rows[3].StoreID != 2 || *rows[3].TemplateID != 3 {
		t.Errorf("store's own template: %+v", rows[3])
	}
}

func TestLoadOver(t *testing.T) {
	l := Load{EstimatedMinutes: 241, CapacityMinutes: 240}
	if !l.Over() || (Load{EstimatedMinutes: 240, CapacityMinutes: 240}).Over() {
		t.Error("over capacity means more minutes than capacity")
	}
}
