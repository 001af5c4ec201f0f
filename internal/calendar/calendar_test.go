package calendar

import (
	"strings"
	"testing"

	"github.com/storeops/storeops/internal/forecast"
	"github.com/storeops/storeops/internal/platform/apperr"
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

func TestValidateNamesTheWrongField(t *testing.T) {
	today := day(t, "2026-11-30")
	ok := Event{Name: "店庆", Kind: KindEvent, StartsOn: day(t, "2027-05-18"), EndsOn: day(t, "2027-05-20")}
	if err := Validate(ok, today); err != nil {
		t.Fatalf("a good entry: %v", err)
	}
	cases := []struct {
		name  string
		edit  func(*Event)
		field string
	}{
		{"blank name", func(e *Event) { e.Name = " \u3000 " }, "name"},
		{"unknown kind", func(e *Event) { e.Kind = "festival" }, "kind"},
		{"before 2000", func(e *Event) { e.StartsOn, e.EndsOn = day(t, "1999-12-31"), day(t, "2000-01-02") }, "starts_on"},
		{"more than ten years ahead", func(e *Event) { e.StartsOn, e.EndsOn = day(t, "2036-12-01"), day(t, "2036-12-02") }, "starts_on"},
		{"ends before it starts", func(e *Event) { e.EndsOn = day(t, "2027-05-17") }, "ends_on"},
		{"longer than 31 days", func(e *Event) { e.EndsOn = e.StartsOn.AddDays(31) }, "ends_on"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := ok
			tc.edit(&e)
			var fe apperr.FieldErrors
			err := Validate(e, today)
			if !asFields(err, &fe) || fe[tc.field] == "" {
				t.Fatalf("got %v, want a field error on %s", err, tc.field)
			}
		})
	}
	long := ok
	long.EndsOn = long.StartsOn.AddDays(30)
	if err := Validate(long, today); err != nil || long.Days() != 31 {
		t.Fatalf("31 days is the limit, allowed: %v (%d days)", err, long.Days())
	}
}

func asFields(err error, fe *apperr.FieldErrors) bool {
	f, ok := err.(apperr.FieldErrors)
	*fe = f
	return ok
}

func TestDefaultsAreTheBuiltInCalendarAsSpans(t *testing.T) {
	got := Defaults(day(t, "2026-01-01"), day(t, "2026-12-31"))
	want := map[string]string{
		"元旦":    "2026-01-01..2026-01-01",
		"春节备货期": "2026-02-07..2026-02-15", // Spring Festival 2026 is 17 February
		"春节":    "2026-02-16..2026-02-22",
		"劳动节":   "2026-05-01..2026-05-05",
		"中秋节":   "2026-09-23..2026-09-25",
		"国庆节":   "2026-10-01..2026-10-07",
		"双十一":   "2026-11-11..2026-11-11",
	}
	if len(got) != len(want) {
		t.Fatalf("%d entries in 2026, want %d: %+v", len(got), len(want), got)
	}
	for _, e := range got {
		span := e.StartsOn.String() + ".." + e.EndsOn.String()
		if want[e.Name] != span {
			t.Errorf("%s: %s, want %s", e.Name, span, want[e.Name])
		}
		if err := Validate(e, day(t, "2026-11-30")); err != nil {
			t.Errorf("%s: %v", e.Name, err)
		}
	}
	for i := 1; i < len(got); i++ {
		if got[i].StartsOn < got[i-1].StartsOn {
			t.Fatalf("not in date order: %s after %s", got[i].StartsOn, got[i-1].StartsOn)
		}
	}
}

func TestForForecastJoinsTheYearsOfOneName(t *testing.T) {
	events := []Event{
		{Name: "国庆节", StartsOn: day(t, "2025-10-01"), EndsOn: day(t, "2025-10-07")},
		{Name: "店庆", StartsOn: day(t, "2026-05-18"), EndsOn: day(t, "2026-05-19")},
		{Name: "国庆节", StartsOn: day(t, "2026-10-01"), EndsOn: day(t, "2026-10-07")},
	}
	c := ForForecast(events)
	if len(c.Events) != 2 || c.Events[0].Name != "国庆节" || len(c.Events[0].Dates) != 14 || len(c.Events[1].Dates) != 2 {
		t.Fatalf("calendar: %+v", c.Events)
	}
	names := c.On(forecastDay(day(t, "2026-10-03")))
	if strings.Join(names, ",") != "国庆节" {
		t.Fatalf("2026-10-03 is in %v", names)
	}
}

func forecastDay(d civil.Date) forecast.Day { return forecast.Day(d) }
