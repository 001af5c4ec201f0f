// Package supplier keeps the chain's suppliers: who delivers a product, how many days an
// order takes (lead time) and the last time of day to order for that lead time (cut-off, in
// the store's own time). Ordering plans group their lines by supplier and the Today inbox
// warns before the cut-off. Admins edit; every role reads.
package supplier

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/storeops/storeops/internal/platform/apperr"
)

// Limits of a supplier's fields.
const (
	MaxLeadTimeDays = 60
	MaxNameLen      = 100
	MaxContactLen   = 100
)

// Supplier is one supplier of the chain.
type Supplier struct {
	ID           int64
	Code         string
	Name         string
	LeadTimeDays int
	// OrderCutoff is 'HH:MM', the last time of day (store time) to order for LeadTimeDays.
	OrderCutoff string
	// Contact is a phone number or e-mail address, free text.
	Contact   string
	Active    bool
	Version   int
	CreatedAt time.Time
	UpdatedAt time.Time
}

var codePattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,31}$`)

// ValidCode reports whether code is a supplier code: 1-32 lowercase letters, digits, '_' or
// '-', starting with a letter or digit.
func ValidCode(code string) bool { return codePattern.MatchString(code) }

// ParseCutoff reads an order cut-off 'HH:MM' (00:00 to 23:59, two digits each) and answers
// the minutes after midnight.
func ParseCutoff(s string) (int, error) {
	if len(s) != 5 || s[2] != ':' {
		return 0, fmt.Errorf("must be HH:MM")
	}
	h, errH := strconv.Atoi(s[:2])
	m, errM := strconv.Atoi(s[3:])
	if errH != nil || errM != nil || s[0] == '+' || s[3] == '+' || s[0] == '-' || s[3] == '-' {
		return 0, fmt.Errorf("must be HH:MM")
	}
	if h > 23 || m > 59 {
		return 0, fmt.Errorf("must be between 00:00 and 23:59")
	}
	return h*60 + m, nil
}

// Validate checks a supplier's rules, naming every field that is wrong. Lengths are counted
// in characters (a Chinese name of 100 characters fits).
func Validate(s Supplier) error {
	fe := apperr.FieldErrors{}
	if !ValidCode(s.Code) {
		fe.Add("code", "must be 1-32 lowercase letters, digits, '_' or '-'")
	}
	switch n := len([]rune(strings.TrimSpace(s.Name))); {
	case n == 0:
		fe.Add("name", "required")
	case len([]rune(s.Name)) > MaxNameLen:
		fe.Add("name", fmt.Sprintf("must be at most %d characters", MaxNameLen))
	}
	if s.LeadTimeDays < 0 || s.LeadTimeDays > MaxLeadTimeDays {
		fe.Add("lead_time_days", fmt.Sprintf("must be between 0 and %d", MaxLeadTimeDays))
	}
	if _, err := ParseCutoff(s.OrderCutoff); err != nil {
		fe.Add("order_cutoff", err.Error())
	}
	if len([]rune(s.Contact)) > MaxContactLen {
		fe.Add("contact", fmt.Sprintf("must be at most %d characters", MaxContactLen))
	}
	return fe.Err()
}
