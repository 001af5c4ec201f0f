package pricesurvey

import (
	"strconv"
	"strings"
	"testing"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
)

func money(s string) fixed.Money {
	m, err := fixed.ParseMoney(s)
	if err != nil {
		panic(err)
	}
	return m
}

func TestNewSurveyValidate(t *testing.T) {
	today, _ := civil.Parse("2026-11-02")
	ok := func() NewSurvey {
		our := money("10.00")
		return NewSurvey{Competitor: "永辉", SurveyDate: today, Lines: []NewLine{
			{SKU: "A", TheirPrice: money("9.00")}, {SKU: "B", OurPrice: &our, TheirPrice: money("8.00")},
			{SKU: "C", TheirPrice: money("999999.99")}}}
	}
	tests := []struct {
		name   string
		change func(*NewSurvey)
		field  string
	}{
		{"valid", func(*NewSurvey) {}, ""},
		{"their price 0", func(n *NewSurvey) { n.Lines[2].TheirPrice = 0 }, "lines[2].their_price"},
		{"their price 1,000,000", func(n *NewSurvey) { n.Lines[2].TheirPrice = fixed.MoneyOf(1000000) }, "lines[2].their_price"},
		{"negative", func(n *NewSurvey) { n.Lines[0].TheirPrice = -1 }, "lines[0].their_price"},
		{"our price 0", func(n *NewSurvey) { zero := fixed.Money(0); n.Lines[1].OurPrice = &zero }, "lines[1].our_price"},
		{"no competitor", func(n *NewSurvey) { n.Competitor = " " }, "competitor"},
		{"future", func(n *NewSurvey) { n.SurveyDate = today.AddDays(1) }, "survey_date"},
		{"no lines", func(n *NewSurvey) { n.Lines = nil }, "lines"},
		{"sku twice", func(n *NewSurvey) { n.Lines[2].SKU = "A" }, "lines[2].sku"},
		{"long note", func(n *NewSurvey) { n.Lines[0].Note = strings.Repeat("x", 501) }, "lines[0].note"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := ok()
			tt.change(&n)
			err := n.Validate(today)
			if tt.field == "" {
				if err != nil {
					t.Fatalf("want valid: %v", err)
				}
				return
			}
			fe, _ := err.(apperr.FieldErrors)
			if fe[tt.field] == "" {
				t.Fatalf("want an error naming %s, got %v", tt.field, err)
			}
		})
	}
}

func TestGapPct(t *testing.T) {
	tests := []struct{ our, their, want string }{
		{"10.00", "9.00", "10.00"},
		{"3.00", "2.00", "33.33"},
		{"3.00", "1.00", "66.67"},
		{"10.00", "12.00", "-20.00"},
		{"3.00", "4.00", "-33.33"},
		{"0.00", "1.00", "0.00"},
	}
	for _, tt := range tests {
		if got := GapPct(money(tt.our), money(tt.their)).String(); got != tt.want {
			t.Errorf("GapPct(%s, %s) = %s, want %s", tt.our, tt.their, got, tt.want)
		}
	}
}

func TestGapsKeepTheLatestPerCompetitorAndSortByGap(t *testing.T) {
	d1, _ := civil.Parse("2026-10-01")
	d2 := d1.AddDays(7)
	line := func(sku string, our, their string) Line {
		return Line{SKU: sku, OurPrice: money(our), TheirPrice: money(their)}
	}
	in := []Surveyed{
		{StoreID: 1, Competitor: "永辉", SurveyDate: d1, SurveyID: 1, Line: line("A", "10.00", "8.00")},
		{StoreID: 1, Competitor: "永辉", SurveyDate: d2, SurveyID: 2, Line: line("A", "10.00", "9.50")},
		{StoreID: 1, Competitor: "盒马", SurveyDate: d1, SurveyID: 3, Line: line("A", "10.00", "7.00")},
		{StoreID: 1, Competitor: "永辉", SurveyDate: d2, SurveyID: 2, Line: line("B", "5.00", "6.00")},
		{StoreID: 2, Competitor: "永辉", SurveyDate: d1, SurveyID: 4, Line: line("A", "10.00", "9.00")},
	}
	got := Gaps(in)
	want := []string{"1 A 盒马 3.00", "2 A 永辉 1.00", "1 A 永辉 0.50", "1 B 永辉 -1.00"}
	if len(got) != len(want) {
		t.Fatalf("got %d gaps: %+v", len(got), got)
	}
	for i, g := range got {
		if s := strings.Join([]string{strconv.FormatInt(g.StoreID, 10), g.SKU, g.Competitor, g.Gap.String()}, " "); s != want[i] {
			t.Errorf("gap %d: %s, want %s", i, s, want[i])
		}
	}
}

func TestLineActions(t *testing.T) {
	campaign := int64(7)
	dearer := Line{OurPrice: money("10.00"), TheirPrice: money("9.00")}
	cheaper := Line{OurPrice: money("9.00"), TheirPrice: money("10.00")}
	linked := dearer
	linked.CampaignID = &campaign
	tests := []struct {
		name               string
		l                  Line
		promotes, requests bool
		want               string
	}{
		{"manager on a gap", dearer, true, true, "promote,request_price_change"},
		{"supervisor on a gap", dearer, false, true, "request_price_change"},
		{"hq", dearer, false, false, ""},
		{"no gap", cheaper, true, true, ""},
		{"already promoted", linked, true, true, "request_price_change"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := strings.Join(LineActions(tt.l, tt.promotes, tt.requests), ","); got != tt.want {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
		})
	}
}
