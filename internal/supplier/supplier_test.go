package supplier

import (
	"strings"
	"testing"

	"github.com/storeops/storeops/internal/platform/apperr"
)

func TestParseCutoff(t *testing.T) {
	cases := []struct {
		in      string
		minutes int
		err     string
	}{
		{"00:00", 0, ""},
		{"10:00", 600, ""},
		{"23:59", 1439, ""},
		{"24:00", 0, "must be between 00:00 and 23:59"},
		{"12:60", 0, "must be between 00:00 and 23:59"},
		{"9:00", 0, "must be HH:MM"},
		{"09:0", 0, "must be HH:MM"},
		{"0900", 0, "must be HH:MM"},
		{"ab:cd", 0, "must be HH:MM"},
		{"+1:00", 0, "must be HH:MM"},
		{"01:-1", 0, "must be HH:MM"},
		{"", 0, "must be HH:MM"},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			got, err := ParseCutoff(c.in)
			msg := ""
			if err != nil {
				msg = err.Error()
			}
			if msg != c.err || (err == nil && got != c.minutes) {
				t.Fatalf("ParseCutoff(%q) = %d, %q; want %d, %q", c.in, got, msg, c.minutes, c.err)
			}
		})
	}
}

func TestValidate(t *testing.T) {
	good := Supplier{Code: "farm-base", Name: "果蔬基地", LeadTimeDays: 1, OrderCutoff: "10:00", Contact: "021-5888 1001", Active: true}
	with := func(edit func(*Supplier)) Supplier {
		s := good
		edit(&s)
		return s
	}
	cases := []struct {
		name  string
		s     Supplier
		field string
	}{
		{"good", good, ""},
		{"lead time 0 and 60", with(func(s *Supplier) { s.LeadTimeDays = 60 }), ""},
		{"a 100-character Chinese name", with(func(s *Supplier) { s.Name = strings.Repeat("果", 100) }), ""},
		{"upper-case code", with(func(s *Supplier) { s.Code = "Farm" }), "code"},
		{"code with a space", with(func(s *Supplier) { s.Code = "farm base" }), "code"},
		{"code of 33", with(func(s *Supplier) { s.Code = strings.Repeat("a", 33) }), "code"},
		{"blank name", with(func(s *Supplier) { s.Name = " " }), "name"},
		{"name of 101", with(func(s *Supplier) { s.Name = strings.Repeat("果", 101) }), "name"},
		{"negative lead time", with(func(s *Supplier) { s.LeadTimeDays = -1 }), "lead_time_days"},
		{"lead time 61", with(func(s *Supplier) { s.LeadTimeDays = 61 }), "lead_time_days"},
		{"cut-off 24:00", with(func(s *Supplier) { s.OrderCutoff = "24:00" }), "order_cutoff"},
		{"contact of 101", with(func(s *Supplier) { s.Contact = strings.Repeat("1", 101) }), "contact"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := Validate(c.s)
			if c.field == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				return
			}
			fe, ok := err.(apperr.FieldErrors)
			if !ok || fe[c.field] == "" || len(fe) != 1 {
				t.Fatalf("got %v, want one error naming %s", err, c.field)
			}
		})
	}
}
