// Package pricesurvey keeps competitor price surveys (市调) of a store: the competitor, the
// day and, per SKU, our price against theirs; a price-gap report; and the two ways a store
// answers a gap: a draft in-store promotion at their price, or a price-change request the
// store manager decides.
package pricesurvey

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// Limits of a survey.
const (
	MaxLines      = 200
	MaxLinePhotos = 5
)

// MaxPrice is the first price a survey refuses: prices are above 0 and below 1,000,000.00.
var MaxPrice = fixed.MoneyOf(1000000)

// Price-change request statuses.
const (
	RequestOpen     = "open"
	RequestAccepted = "accepted"
	RequestRejected = "rejected"
)

// RequestStatuses lists them.
var RequestStatuses = []string{RequestOpen, RequestAccepted, RequestRejected}

// Actions of allowed_actions.
const (
	ActionPromote       = "promote"
	ActionRequestChange = "request_price_change"
	ActionAccept        = "accept"
	ActionReject        = "reject"
)

// Survey is one visit to a competitor.
type Survey struct {
	ID            int64
	StoreID       int64
	Competitor    string
	SurveyDate    civil.Date
	Note          string
	CreatedBy     *int64
	CreatedByName string
	CreatedAt     time.Time
	Lines         []Line
}

// Line is one SKU of a survey.
type Line struct {
	ID         int64
	LineNo     int
	ProductID  int64
	SKU, Name  string
	OurPrice   fixed.Money
	TheirPrice fixed.Money
	Note       string
	CampaignID *int64 // the in-store promotion made from this line's gap
	RequestID  *int64 // the price-change request made from it
}

// Gap is our price less theirs (positive: we are dearer).
func (l Line) Gap() fixed.Money { return l.OurPrice - l.TheirPrice }

// GapPct is the gap in percent of our price, 2 decimals rounded half away from zero.
func GapPct(our, their fixed.Money) fixed.Money {
	if our <= 0 {
		return 0
	}
	num := int64(our-their) * 10000 // percent with 2 decimals: gap/our × 100 × 100
	q, r := num/int64(our), num%int64(our)
	if 2*abs(r) >= int64(our) {
		if num < 0 {
			q--
		} else {
			q++
		}
	}
	return fixed.Money(q)
}

func abs(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// NewLine is a line as sent; OurPrice nil takes the catalogue's retail price.
type NewLine struct {
	SKU        string
	OurPrice   *fixed.Money
	TheirPrice fixed.Money
	Note       string
	Photos     []int64
}

// NewSurvey is a survey as sent.
type NewSurvey struct {
	Competitor string
	SurveyDate civil.Date
	Note       string
	Lines      []NewLine
}

// Validate checks a survey against the store's today, naming every field at fault (e.g.
// lines[2].their_price).
func (n *NewSurvey) Validate(today civil.Date) error {
	fe := apperr.FieldErrors{}
	n.Competitor = strings.TrimSpace(n.Competitor)
	if n.Competitor == "" || utf8.RuneCountInString(n.Competitor) > 100 {
		fe.Add("competitor", "is required, at most 100 characters")
	}
	switch {
	case n.SurveyDate == 0:
		fe.Add("survey_date", "is required")
	case n.SurveyDate > today:
		fe.Add("survey_date", "must not be after today")
	case n.SurveyDate < today.AddDays(-366):
		fe.Add("survey_date", "must be within the last year")
	}
	if utf8.RuneCountInString(n.Note) > 1000 {
		fe.Add("note", "must be at most 1000 characters")
	}
	if len(n.Lines) == 0 || len(n.Lines) > MaxLines {
		fe.Add("lines", "name 1 to 200 lines")
	}
	seen := map[string]int{}
	for i, l := range n.Lines {
		field := fmt.Sprintf("lines[%d]", i)
		switch {
		case l.SKU == "":
			fe.Add(field+".sku", "is required")
		case seen[l.SKU] > 0:
			fe.Add(field+".sku", fmt.Sprintf("is already on lines[%d]", seen[l.SKU]-1))
		default:
			seen[l.SKU] = i + 1
		}
		if l.OurPrice != nil {
			checkPrice(fe, field+".our_price", *l.OurPrice)
		}
		checkPrice(fe, field+".their_price", l.TheirPrice)
		if utf8.RuneCountInString(l.Note) > 500 {
			fe.Add(field+".note", "must be at most 500 characters")
		}
		if len(l.Photos) > MaxLinePhotos {
			fe.Add(field+".photos", "at most 5 photos")
		}
	}
	return fe.Err()
}

// checkPrice refuses a price of 0 or less and of 1,000,000.00 or more.
func checkPrice(fe apperr.FieldErrors, field string, m fixed.Money) {
	if m <= 0 || m >= MaxPrice {
		fe.Add(field, "must be greater than 0 and less than 1000000.00")
	}
}

// LineActions answers what a caller may do with a line: the store manager (promotes) turns
// a gap into an in-store promotion, the store's staff (requests) ask for a price change;
// each once.
func LineActions(l Line, promotes, requests bool) []string {
	out := []string{}
	if promotes && l.CampaignID == nil && l.Gap() > 0 {
		out = append(out, ActionPromote)
	}
	if requests && l.RequestID == nil && l.Gap() > 0 {
		out = append(out, ActionRequestChange)
	}
	return out
}
