package calendar

import (
	"sort"

	"github.com/storeops/storeops/internal/forecast"
	"github.com/storeops/storeops/internal/platform/civil"
)

// The built-in events' names in the calendar the chain edits, and their kinds. The
// forecast's default calendar keys them by code.
var defaultNames = map[string]struct{ name, kind string }{
	"spring_festival_run_up": {"春节备货期", KindEvent},
	"spring_festival":        {"春节", KindHoliday},
	"new_year":               {"元旦", KindHoliday},
	"labour_day":             {"劳动节", KindHoliday},
	"mid_autumn":             {"中秋节", KindHoliday},
	"national_day":           {"国庆节", KindHoliday},
	"double_11":              {"双十一", KindEvent},
}

// Defaults are the forecast's built-in Chinese calendar (Spring Festival and its run-up, New
// Year, Labour Day, Mid-Autumn, National Day, Double 11) as entries from `from` to `to`: one
// entry per contiguous run of days, so a chain starts with them and edits from there.
func Defaults(from, to civil.Date) []Event {
	var out []Event
	for _, ev := range forecast.DefaultCalendar().Events {
		meta, ok := defaultNames[ev.Name]
		if !ok {
			continue
		}
		for _, run := range runs(ev.Dates) {
			start, end := civil.Date(run[0]), civil.Date(run[1])
			if end < from || start > to {
				continue
			}
			out = append(out, Event{Name: meta.name, Kind: meta.kind, StartsOn: start, EndsOn: end})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].StartsOn != out[j].StartsOn {
			return out[i].StartsOn < out[j].StartsOn
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// runs splits days into [first, last] runs of consecutive days.
func runs(days []forecast.Day) [][2]forecast.Day {
	sorted := append([]forecast.Day(nil), days...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	var out [][2]forecast.Day
	for _, d := range sorted {
		if n := len(out); n > 0 && d <= out[n-1][1]+1 {
			out[n-1][1] = max(out[n-1][1], d)
			continue
		}
		out = append(out, [2]forecast.Day{d, d})
	}
	return out
}

// ForForecast turns the chain's entries into the forecast's calendar: one event per name
// with every day its entries cover, so the effect is learned across the years.
func ForForecast(events []Event) forecast.Calendar {
	byName := map[string][]forecast.Day{}
	var order []string
	for _, e := range events {
		if _, seen := byName[e.Name]; !seen {
			order = append(order, e.Name)
		}
		for d := e.StartsOn; d <= e.EndsOn; d++ {
			byName[e.Name] = append(byName[e.Name], forecast.Day(d))
		}
	}
	var c forecast.Calendar
	for _, name := range order {
		c.Events = append(c.Events, forecast.Event{Name: name, Dates: byName[name]})
	}
	return c
}
