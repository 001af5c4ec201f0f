package safety

import (
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// Answer is what an inspector answered to one item; which value is set follows the item's
// kind (Photos may accompany any kind; a photo item's answer is its photos).
type Answer struct {
	ItemID int
	Bool   *bool
	Number *Reading
	Text   string
	Choice string
	Photos []int64
	Note   string
}

// answered reports whether a carries a value for an item of kind.
func (a Answer) answered(kind string) bool {
	switch kind {
	case KindBool:
		return a.Bool != nil
	case KindNumber:
		return a.Number != nil
	case KindText:
		return a.Text != ""
	case KindPhoto:
		return len(a.Photos) > 0
	case KindChoice:
		return a.Choice != ""
	}
	return false
}

// Result is one item's answer as judged.
type Result struct {
	Item     Item
	Answer   Answer
	Answered bool
	Failed   bool
}

// Outcome is an inspection's judgement: the score 0–100 with two decimals, whether a critical
// item failed, and whether it passed.
type Outcome struct {
	Results        []Result
	Score          fixed.Money
	CriticalFailed bool
	Passed         bool
	FailedCount    int
}

// Judge checks answers against the items of a template version and scores them. Every
// problem is named at once: an answer for an unknown item or twice for one item, a value that
// does not fit the item's kind, a number outside its unit's physical sense, a required item
// left unanswered.
func Judge(items []Item, passScore int, answers []Answer) (Outcome, error) {
	fe := apperr.FieldErrors{}
	byItem := map[int]int{}
	for i, a := range answers {
		field := fmt.Sprintf("answers[%d]", i)
		if _, dup := byItem[a.ItemID]; dup {
			fe.Add(field+".item_id", "is answered twice")
			continue
		}
		if a.ItemID < 1 || a.ItemID > len(items) {
			fe.Add(field+".item_id", "is not an item of this template version")
			continue
		}
		byItem[a.ItemID] = i
		checkAnswer(fe, field, items[a.ItemID-1], a)
	}
	out := Outcome{Results: make([]Result, len(items))}
	var num, den int64
	for k, it := range items {
		r := Result{Item: it}
		if i, ok := byItem[it.ID]; ok {
			r.Answer, r.Answered = answers[i], answers[i].answered(it.Kind)
		}
		if it.Required && !r.Answered {
			fe.Add(fmt.Sprintf("items[%d]", it.ID), "is required: answer it")
		}
		if r.Answered && it.Scored() {
			r.Failed = fails(it, r.Answer)
			den += int64(it.Weight)
			if !r.Failed {
				num += int64(it.Weight)
			}
		}
		if r.Failed {
			out.FailedCount++
			out.CriticalFailed = out.CriticalFailed || it.Critical
		}
		out.Results[k] = r
	}
	if err := fe.Err(); err != nil {
		return Outcome{}, err
	}
	out.Score = Score(num, den)
	out.Passed = !out.CriticalFailed && out.Score >= fixed.MoneyOf(int64(passScore))
	return out, nil
}

// Score is 100 × passed ÷ total weight with two decimals, rounded half up; nothing scored is 100.
func Score(passed, total int64) fixed.Money {
	if total <= 0 {
		return fixed.MoneyOf(100)
	}
	return fixed.Money((passed*10000*2 + total) / (total * 2))
}

// fails reports whether an answered scored item fails.
func fails(it Item, a Answer) bool {
	switch it.Kind {
	case KindBool:
		return !*a.Bool
	case KindNumber:
		return (it.Min != nil && *a.Number < *it.Min) || (it.Max != nil && *a.Number > *it.Max)
	case KindChoice:
		return slices.Contains(it.FailChoices, a.Choice)
	}
	return false
}

func checkAnswer(fe apperr.FieldErrors, field string, it Item, a Answer) {
	if a.Bool != nil && it.Kind != KindBool {
		fe.Add(field+".bool", "item "+fmt.Sprint(it.ID)+" is a "+it.Kind+" item")
	}
	if a.Number != nil && it.Kind != KindNumber {
		fe.Add(field+".number", "item "+fmt.Sprint(it.ID)+" is a "+it.Kind+" item")
	}
	if a.Choice != "" && it.Kind != KindChoice {
		fe.Add(field+".choice", "item "+fmt.Sprint(it.ID)+" is a "+it.Kind+" item")
	}
	if a.Text != "" && it.Kind != KindText {
		fe.Add(field+".text", "item "+fmt.Sprint(it.ID)+" is a "+it.Kind+" item")
	}
	if utf8.RuneCountInString(a.Text) > 1000 {
		fe.Add(field+".text", "must be at most 1000 characters")
	}
	if utf8.RuneCountInString(a.Note) > 500 {
		fe.Add(field+".note", "must be at most 500 characters")
	}
	if len(a.Photos) > 5 {
		fe.Add(field+".photos", "at most 5 photos")
	}
	if a.Number != nil && it.Kind == KindNumber {
		b := Units[it.Unit]
		if *a.Number < b.Min || *a.Number > b.Max {
			fe.Add(field+".number", fmt.Sprintf("%s %s is outside physical sense (%s to %s)", *a.Number, it.Unit, b.Min, b.Max))
		}
	}
	if a.Choice != "" && it.Kind == KindChoice && !slices.Contains(it.Choices, a.Choice) {
		fe.Add(field+".choice", "must be one of the item's choices")
	}
}
