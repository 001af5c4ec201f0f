package forecast

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// Event is a named holiday or occasion and the days it covers. Its effect on sales is not
// given: the engine learns it from past years where the history holds the event.
type Event struct {
	Name  string
	Dates []Day
}

// Calendar is the chain's editable list of events.
type Calendar struct {
	Events []Event
}

// On returns the names of the events covering day, in calendar order.
func (c *Calendar) On(day Day) []string {
	var names []string
	for _, e := range c.Events {
		for _, d := range e.Dates {
			if d == day {
				names = append(names, e.Name)
				break
			}
		}
	}
	return names
}

// springFestival is the first day of the lunar year (正月初一), 2010–2035.
var springFestival = map[int][2]int{
	2010: {2, 14}, 2011: {2, 3}, 2012: {1, 23}, 2013: {2, 10}, 2014: {1, 31}, 2015: {2, 19},
	2016: {2, 8}, 2017: {1, 28}, 2018: {2, 16}, 2019: {2, 5}, 2020: {1, 25}, 2021: {2, 12},
	2022: {2, 1}, 2023: {1, 22}, 2024: {2, 10}, 2025: {1, 29}, 2026: {2, 17}, 2027: {2, 6},
	2028: {1, 26}, 2029: {2, 13}, 2030: {2, 3}, 2031: {1, 23}, 2032: {2, 11}, 2033: {1, 31},
	2034: {2, 19}, 2035: {2, 8},
}

// midAutumn is the 15th day of the 8th lunar month (中秋节), 2010–2035.
var midAutumn = map[int][2]int{
	2010: {9, 22}, 2011: {9, 12}, 2012: {9, 30}, 2013: {9, 19}, 2014: {9, 8}, 2015: {9, 27},
	2016: {9, 15}, 2017: {10, 4}, 2018: {9, 24}, 2019: {9, 13}, 2020: {10, 1}, 2021: {9, 21},
	2022: {9, 10}, 2023: {9, 29}, 2024: {9, 17}, 2025: {10, 6}, 2026: {9, 25}, 2027: {9, 15},
	2028: {10, 3}, 2029: {9, 22}, 2030: {9, 12}, 2031: {10, 1}, 2032: {9, 19}, 2033: {9, 8},
	2034: {9, 27}, 2035: {9, 16},
}

// DefaultCalendar is the built-in calendar of Chinese retail events, 2010–2035: the
// Spring Festival run-up (10 to 2 days before) and holiday (eve to the 6th day), Labour
// Day (May 1–5), Mid-Autumn (the 2 days before and the day), National Day (Oct 1–7),
// Double 11 (Nov 11) and New Year's Day.
func DefaultCalendar() Calendar {
	span := func(from Day, days int) []Day {
		out := make([]Day, days)
		for i := range out {
			out[i] = from + Day(i)
		}
		return out
	}
	events := map[string][]Day{}
	for y := 2010; y <= 2035; y++ {
		sf := springFestival[y]
		first := Date(y, time.Month(sf[0]), sf[1])
		events["spring_festival_run_up"] = append(events["spring_festival_run_up"], span(first-10, 9)...)
		events["spring_festival"] = append(events["spring_festival"], span(first-1, 7)...)
		ma := midAutumn[y]
		events["mid_autumn"] = append(events["mid_autumn"], span(Date(y, time.Month(ma[0]), ma[1])-2, 3)...)
		events["labour_day"] = append(events["labour_day"], span(Date(y, time.May, 1), 5)...)
		events["national_day"] = append(events["national_day"], span(Date(y, time.October, 1), 7)...)
		events["double_11"] = append(events["double_11"], Date(y, time.November, 11))
		events["new_year"] = append(events["new_year"], Date(y, time.January, 1))
	}
	order := []string{"spring_festival_run_up", "spring_festival", "new_year", "labour_day",
		"mid_autumn", "national_day", "double_11"}
	var c Calendar
	for _, name := range order {
		c.Events = append(c.Events, Event{Name: name, Dates: events[name]})
	}
	return c
}

// ReadCalendar reads a calendar from CSV lines `date,name` (a header line `date,name` is
// allowed); lines with the same name form one event. Errors name the line.
func ReadCalendar(r io.Reader) (Calendar, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	byName := map[string][]Day{}
	var order []string
	for line := 1; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Calendar{}, fmt.Errorf("calendar line %d: %w", line, err)
		}
		if len(rec) < 2 {
			return Calendar{}, fmt.Errorf("calendar line %d: want date,name, got %d column(s)", line, len(rec))
		}
		date, name := strings.TrimSpace(strings.TrimPrefix(rec[0], "\ufeff")), strings.TrimSpace(rec[1])
		if line == 1 && strings.EqualFold(date, "date") {
			continue
		}
		day, err := ParseDay(date)
		if err != nil {
			return Calendar{}, fmt.Errorf("calendar line %d, column date: %w", line, err)
		}
		if name == "" {
			return Calendar{}, fmt.Errorf("calendar line %d, column name: empty", line)
		}
		if _, ok := byName[name]; !ok {
			order = append(order, name)
		}
		byName[name] = append(byName[name], day)
	}
	var c Calendar
	for _, name := range order {
		days := byName[name]
		sort.Slice(days, func(i, j int) bool { return days[i] < days[j] })
		c.Events = append(c.Events, Event{Name: name, Dates: days})
	}
	return c, nil
}

// eventIndex answers "which events cover this day" in constant time for the fitting loops.
type eventIndex struct {
	names []string
	byDay map[Day][]int
}

func newEventIndex(c Calendar) *eventIndex {
	ix := &eventIndex{byDay: map[Day][]int{}}
	for i, e := range c.Events {
		ix.names = append(ix.names, e.Name)
		for _, d := range e.Dates {
			ix.byDay[d] = append(ix.byDay[d], i)
		}
	}
	return ix
}

func (ix *eventIndex) on(d Day) []int { return ix.byDay[d] }
