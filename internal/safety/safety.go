// Package safety is safety and hygiene (安全卫生): checklist templates, chain-wide or a store's
// own, versioned so that an inspection keeps the version it was filled with; inspections that
// score a template's answers 0–100 by weight and fail on any failed critical item; corrective
// actions opened by every failed item (open → done → verified, verified by someone other than
// the person who marked it done); and schedules that make a template due daily or weekly for
// a store's department. Cold chain, equipment, the risk register and incidents come later in
// this package.
//
// This file holds the types and the rules as plain functions: no SQL, no HTTP.
package safety

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// Reading is a number answered or bounding an item, with two decimals (3.5 °C is 350).
type Reading = fixed.Money

// Item kinds.
const (
	KindBool   = "bool"
	KindNumber = "number"
	KindText   = "text"
	KindPhoto  = "photo"
	KindChoice = "choice"
)

// Kinds lists the item kinds.
var Kinds = []string{KindBool, KindNumber, KindText, KindPhoto, KindChoice}

// Areas are where an inspection is made (冷库, 操作间, 销售区, 员工, 陈列与价签, 消防).
var Areas = []string{"cold_room", "prep_room", "sales_floor", "staff", "display", "fire_safety"}

// Bound is the physical sense of a unit: a number outside it is a typing or sensor error,
// refused, not a failed item.
type Bound struct{ Min, Max Reading }

// Units lists the units a number item may have and their physical bounds ("" counts things).
var Units = map[string]Bound{
	"°C":  {fixed.MoneyOf(-60), fixed.MoneyOf(300)},
	"%":   {0, fixed.MoneyOf(100)},
	"ppm": {0, fixed.MoneyOf(10000)},
	"lux": {0, fixed.MoneyOf(100000)},
	"cm":  {0, fixed.MoneyOf(10000)},
	"":    {0, fixed.MoneyOf(100000)},
}

// Item is one question of a template version. ID is its position (from 1), which answers name.
type Item struct {
	ID          int      `json:"id"`
	Title       string   `json:"title"`
	Kind        string   `json:"kind"`
	Unit        string   `json:"unit"`
	Min         *Reading `json:"min"`
	Max         *Reading `json:"max"`
	Weight      int      `json:"weight"`
	Critical    bool     `json:"critical"`
	Required    bool     `json:"required"`
	Guidance    string   `json:"guidance"`
	Choices     []string `json:"choices"`
	FailChoices []string `json:"fail_choices"`
}

// Scored reports whether the item's answer can pass or fail (text and photo items only
// record).
func (it Item) Scored() bool {
	return it.Kind == KindBool || it.Kind == KindNumber || it.Kind == KindChoice
}

// Template is a checklist's content at one version.
type Template struct {
	Title          string
	Area           string
	DepartmentCode string // "" for any department
	PassScore      int    // an inspection passes at this score or above (0–100)
	Items          []Item
}

// DefaultPassScore is the pass mark of a template that names none.
const DefaultPassScore = 80

func runes(s string) int { return utf8.RuneCountInString(s) }

// Validate checks a template as sent, naming every field at fault; it numbers the items.
func (t *Template) Validate() error {
	fe := apperr.FieldErrors{}
	if t.Title = strings.TrimSpace(t.Title); t.Title == "" || runes(t.Title) > 100 {
		fe.Add("title", "is required, at most 100 characters")
	}
	if !slices.Contains(Areas, t.Area) {
		fe.Add("area", "must be one of: "+strings.Join(Areas, ", "))
	}
	if t.PassScore < 0 || t.PassScore > 100 {
		fe.Add("pass_score", "must be from 0 to 100")
	}
	if len(t.Items) == 0 || len(t.Items) > 100 {
		fe.Add("items", "must have 1 to 100 items")
	}
	for i := range t.Items {
		t.Items[i].ID = i + 1
		validateItem(fe, fmt.Sprintf("items[%d]", i), &t.Items[i])
	}
	return fe.Err()
}

func validateItem(fe apperr.FieldErrors, field string, it *Item) {
	if it.Title = strings.TrimSpace(it.Title); it.Title == "" || runes(it.Title) > 200 {
		fe.Add(field+".title", "is required, at most 200 characters")
	}
	if runes(it.Guidance) > 500 {
		fe.Add(field+".guidance", "must be at most 500 characters")
	}
	if !slices.Contains(Kinds, it.Kind) {
		fe.Add(field+".kind", "must be one of: "+strings.Join(Kinds, ", "))
		return
	}
	if it.Weight < 0 || it.Weight > 100 || (it.Scored() && it.Weight == 0) {
		fe.Add(field+".weight", "must be from 1 to 100 (0 only for text and photo items)")
	}
	if !it.Scored() && it.Critical {
		fe.Add(field+".critical", "only bool, number and choice items can fail")
	}
	if it.Kind != KindNumber && (it.Min != nil || it.Max != nil || it.Unit != "") {
		fe.Add(field+".kind", "only number items have a unit, min and max")
	}
	if it.Kind != KindChoice && (len(it.Choices) > 0 || len(it.FailChoices) > 0) {
		fe.Add(field+".choices", "only choice items have choices")
	}
	switch it.Kind {
	case KindNumber:
		validateRange(fe, field, it)
	case KindChoice:
		validateChoices(fe, field, it)
	}
}

func validateRange(fe apperr.FieldErrors, field string, it *Item) {
	b, ok := Units[it.Unit]
	if !ok {
		fe.Add(field+".unit", "must be one of: °C, %, ppm, lux, cm or empty")
		return
	}
	if it.Min == nil && it.Max == nil {
		fe.Add(field+".max", "a number item needs a min, a max or both")
	}
	for name, v := range map[string]*Reading{"min": it.Min, "max": it.Max} {
		if v != nil && (*v < b.Min || *v > b.Max) {
			fe.Add(field+"."+name, fmt.Sprintf("must be from %s to %s %s", b.Min, b.Max, it.Unit))
		}
	}
	if it.Min != nil && it.Max != nil && *it.Min > *it.Max {
		fe.Add(field+".min", "must not be above max")
	}
}

func validateChoices(fe apperr.FieldErrors, field string, it *Item) {
	if len(it.Choices) < 2 || len(it.Choices) > 10 {
		fe.Add(field+".choices", "must have 2 to 10 choices")
	}
	seen := map[string]bool{}
	for j, c := range it.Choices {
		if c == "" || runes(c) > 50 || seen[c] {
			fe.Add(fmt.Sprintf("%s.choices[%d]", field, j), "must be 1 to 50 characters and distinct")
		}
		seen[c] = true
	}
	for j, c := range it.FailChoices {
		if !seen[c] {
			fe.Add(fmt.Sprintf("%s.fail_choices[%d]", field, j), "must be one of the choices")
		}
	}
	if len(it.FailChoices) >= len(it.Choices) && len(it.Choices) > 0 {
		fe.Add(field+".fail_choices", "at least one choice must pass")
	}
}
