// Package civil holds calendar dates without a time of day: business dates, expiry dates.
package civil

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"time"
)

// Date is a calendar day, counted in days since 1970-01-01. It is comparable, usable as a
// map key and free of time zones; the store's time zone decides which Date "today" is.
type Date int32

const layout = "2006-01-02"

// Of returns the date of t in t's location.
func Of(t time.Time) Date {
	y, m, d := t.Date()
	return Date(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// Today returns the current date in the time zone loc.
func Today(now time.Time, loc *time.Location) Date { return Of(now.In(loc)) }

// Parse reads YYYY-MM-DD.
func Parse(s string) (Date, error) {
	t, err := time.Parse(layout, s)
	if err != nil {
		return 0, errors.New("must be a date YYYY-MM-DD")
	}
	return Of(t), nil
}

// Time is midnight UTC of the date.
func (d Date) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// String formats YYYY-MM-DD.
func (d Date) String() string {
	y, m, dd := d.Time().Date()
	if y < 0 || y > 9999 {
		return d.Time().Format(layout)
	}
	b := [10]byte{byte('0' + y/1000), byte('0' + y/100%10), byte('0' + y/10%10), byte('0' + y%10), '-',
		byte('0' + int(m)/10), byte('0' + int(m)%10), '-', byte('0' + dd/10), byte('0' + dd%10)}
	return string(b[:])
}

// AddDays moves the date by n days.
func (d Date) AddDays(n int) Date { return d + Date(n) }

// Weekday is the day of the week.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// MarshalJSON emits "YYYY-MM-DD".
func (d Date) MarshalJSON() ([]byte, error) { return []byte(`"` + d.String() + `"`), nil }

// UnmarshalJSON reads "YYYY-MM-DD".
func (d *Date) UnmarshalJSON(b []byte) error {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return errors.New("must be a date YYYY-MM-DD")
	}
	v, err := Parse(string(b[1 : len(b)-1]))
	*d = v
	return err
}

// Value stores the date as text, which both DATE column kinds accept.
func (d Date) Value() (driver.Value, error) { return d.String(), nil }

// Scan reads a DATE column as MySQL (time.Time with parseTime) or SQLite (text) return it.
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case time.Time:
		*d = Of(v)
		return nil
	case string:
		return d.scanText(v)
	case []byte:
		return d.scanText(string(v))
	}
	return fmt.Errorf("civil: cannot scan %T into a date", src)
}

func (d *Date) scanText(s string) error {
	if len(s) > 10 {
		s = s[:10]
	}
	v, err := Parse(s)
	*d = v
	return err
}
