package civil

import "time"

// MonthShare is the part of one month a range of days covers.
type MonthShare struct {
	Month     string // YYYY-MM
	Days      int    // days of the range in the month
	MonthDays int    // days of the month
}

// MonthShares splits the range from..to (inclusive) into the months it touches: what pro-rates
// a monthly budget to a range of days.
func MonthShares(from, to Date) []MonthShare {
	var out []MonthShare
	for d := from; d <= to; {
		y, m, day := d.Time().Date()
		monthDays := time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()
		end := min(d.AddDays(monthDays-day), to)
		out = append(out, MonthShare{Month: d.String()[:7], Days: int(end-d) + 1, MonthDays: monthDays})
		d = end + 1
	}
	return out
}
