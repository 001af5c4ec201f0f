package promo

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// Limits of promoters and their shifts.
const (
	MaxShiftLines = 200
	MaxShiftUnits = 100000
)

// Promoter is a temporary promoter (临时促销员) working a campaign in one store.
type Promoter struct {
	ID         int64
	CampaignID int64
	StoreID    int64
	Name       string
	Phone      string
	Agency     string
	Shifts     []Shift
}

// Shift is one promoter's shift on a day, in store time (minutes after midnight), with the
// units of campaign items they report having sold.
type Shift struct {
	ID          int64
	PromoterID  int64
	Date        civil.Date
	StartMinute int
	EndMinute   int
	Lines       []ShiftLine
}

// ShiftLine is the units of one campaign item sold in a shift.
type ShiftLine struct {
	ProductID int64
	SKU       string
	Qty       fixed.Qty
}

var phonePattern = regexp.MustCompile(`^[0-9+\- ]{3,32}$`)

// Validate checks a promoter's own fields.
func (p *Promoter) Validate() error {
	fe := apperr.FieldErrors{}
	p.Name, p.Phone, p.Agency = strings.TrimSpace(p.Name), strings.TrimSpace(p.Phone), strings.TrimSpace(p.Agency)
	if p.Name == "" || utf8.RuneCountInString(p.Name) > 100 {
		fe.Add("name", "is required, at most 100 characters")
	}
	if p.Phone != "" && !phonePattern.MatchString(p.Phone) {
		fe.Add("phone", "must be 3 to 32 digits, spaces, + or -")
	}
	if utf8.RuneCountInString(p.Agency) > 100 {
		fe.Add("agency", "must be at most 100 characters")
	}
	return fe.Err()
}

// ParseClock reads a store-time clock "HH:MM" as minutes after midnight.
func ParseClock(s string) (int, bool) {
	if len(s) != 5 || s[2] != ':' {
		return 0, false
	}
	for _, i := range []int{0, 1, 3, 4} {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	h, m := int(s[0]-'0')*10+int(s[1]-'0'), int(s[3]-'0')*10+int(s[4]-'0')
	if h > 23 || m > 59 {
		return 0, false
	}
	return h*60 + m, true
}

// Clock formats minutes after midnight as "HH:MM".
func Clock(minutes int) string { return fmt.Sprintf("%02d:%02d", minutes/60, minutes%60) }

// CheckShift checks a shift against its campaign: the day within the campaign's period, the
// end after the start, each line a campaign item (once) with units above 0 and at most
// 100000. The lines get their items' product ids.
func CheckShift(sh *Shift, c Campaign) error {
	fe := apperr.FieldErrors{}
	if sh.Date < c.StartsOn || sh.Date > c.EndsOn {
		fe.Add("date", fmt.Sprintf("must be within the campaign, %s to %s", c.StartsOn, c.EndsOn))
	}
	if sh.EndMinute <= sh.StartMinute {
		fe.Add("end_time", "must be after start_time")
	}
	if len(sh.Lines) > MaxShiftLines {
		fe.Add("lines", "at most 200 lines")
	}
	items := make(map[string]int64, len(c.Items))
	for _, it := range c.Items {
		items[it.SKU] = it.ProductID
	}
	seen := map[string]int{}
	for i := range sh.Lines {
		l := &sh.Lines[i]
		field := fmt.Sprintf("lines[%d]", i)
		id, ok := items[l.SKU]
		switch j, dup := seen[l.SKU]; {
		case !ok:
			fe.Add(field+".sku", fmt.Sprintf("%s is not an item of the campaign", l.SKU))
		case dup:
			fe.Add(field+".sku", fmt.Sprintf("%s is already lines[%d]", l.SKU, j))
		case l.Qty <= 0 || l.Qty > fixed.QtyOf(MaxShiftUnits):
			fe.Add(field+".qty", "must be above 0 and at most 100000")
		}
		seen[l.SKU] = i
		l.ProductID = id
	}
	return fe.Err()
}

// Overlap reports whether two shifts of one day share a minute.
func (sh Shift) Overlap(o Shift) bool {
	return sh.Date == o.Date && sh.StartMinute < o.EndMinute && o.StartMinute < sh.EndMinute
}

// Units is the shift's units sold.
func (sh Shift) Units() fixed.Qty {
	var n fixed.Qty
	for _, l := range sh.Lines {
		n += l.Qty
	}
	return n
}

// Output is hours worked and units sold, and the units per hour.
type Output struct {
	Minutes int
	Units   fixed.Qty
}

// Add counts a shift.
func (o *Output) Add(sh Shift) {
	o.Minutes += sh.EndMinute - sh.StartMinute
	o.Units += sh.Units()
}

// Hours is the time worked in hours (3 decimals).
func (o Output) Hours() fixed.Qty { return fixed.Qty((int64(o.Minutes)*1000 + 30) / 60) }

// PerHour is units per hour worked (3 decimals); ok is false with no time worked.
func (o Output) PerHour() (fixed.Qty, bool) {
	if o.Minutes == 0 {
		return 0, false
	}
	return fixed.Qty((int64(o.Units)*60 + int64(o.Minutes)/2) / int64(o.Minutes)), true
}

// Efficiency is the store's people efficiency over some days: net sales per labour hour.
type Efficiency struct {
	Days     []civil.Date
	NetSales fixed.Money
	Hours    fixed.Qty
}

// PerHour is net sales per labour hour; ok is false with no labour hours.
func (e Efficiency) PerHour() (fixed.Money, bool) {
	if e.Hours <= 0 {
		return 0, false
	}
	return fixed.Money((int64(e.NetSales)*1000 + int64(e.Hours)/2) / int64(e.Hours)), true
}
