package safety_test

import (
	"errors"
	"testing"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/safety"
)

func reading(s string) *safety.Reading {
	v, err := fixed.ParseMoney(s)
	if err != nil {
		panic(err)
	}
	return &v
}

func yes(b bool) *bool { return &b }

// coldRoom is a small cold-room checklist: the temperature (0–4 °C, critical, weight 20), a
// cleanliness question (weight 10), a choice (weight 10, "较差" fails) and an optional photo.
func coldRoom() []safety.Item {
	t := safety.Template{Title: "冷库检查", Area: "cold_room", PassScore: 80, Items: []safety.Item{
		{Title: "冷藏库温度", Kind: safety.KindNumber, Unit: "°C", Min: reading("0"), Max: reading("4"), Weight: 20,
			Critical: true, Required: true},
		{Title: "地面清洁", Kind: safety.KindBool, Weight: 10, Required: true},
		{Title: "整体状况", Kind: safety.KindChoice, Weight: 10, Choices: []string{"良好", "一般", "较差"},
			FailChoices: []string{"较差"}},
		{Title: "照片", Kind: safety.KindPhoto},
	}}
	if err := t.Validate(); err != nil {
		panic(err)
	}
	return t.Items
}

func TestJudgeScoresByWeightAndFailsOnCriticalItems(t *testing.T) {
	cases := []struct {
		name           string
		answers        []safety.Answer
		score          string
		passed, critic bool
		failed         int
	}{
		{"all good", []safety.Answer{{ItemID: 1, Number: reading("3.5")}, {ItemID: 2, Bool: yes(true)},
			{ItemID: 3, Choice: "良好"}}, "100.00", true, false, 0},
		{"7 °C fails the critical item", []safety.Answer{{ItemID: 1, Number: reading("7")}, {ItemID: 2, Bool: yes(true)},
			{ItemID: 3, Choice: "良好"}}, "50.00", false, true, 1},
		{"the edge of the range passes", []safety.Answer{{ItemID: 1, Number: reading("4.00")}, {ItemID: 2, Bool: yes(true)}},
			"100.00", true, false, 0},
		{"a non-critical failure lowers the score", []safety.Answer{{ItemID: 1, Number: reading("2")},
			{ItemID: 2, Bool: yes(false)}, {ItemID: 3, Choice: "较差"}}, "50.00", false, false, 2},
		{"two thirds rounds half up", []safety.Answer{{ItemID: 1, Number: reading("2")}, {ItemID: 2, Bool: yes(false)}},
			"66.67", false, false, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, err := safety.Judge(coldRoom(), 80, tc.answers)
			if err != nil {
				t.Fatal(err)
			}
			if out.Score.String() != tc.score || out.Passed != tc.passed || out.CriticalFailed != tc.critic || out.FailedCount != tc.failed {
				t.Errorf("score %s passed %v critical %v failed %d, want %s %v %v %d", out.Score, out.Passed,
					out.CriticalFailed, out.FailedCount, tc.score, tc.passed, tc.critic, tc.failed)
			}
		})
	}
}

func TestScoreRounding(t *testing.T) {
	for _, tc := range []struct {
		passed, total int64
		want          string
	}{{0, 0, "100.00"}, {0, 10, "0.00"}, {1, 3, "33.33"}, {2, 3, "66.67"}, {1, 8, "12.50"}, {7, 7, "100.00"}} {
		if got := safety.Score(tc.passed, tc.total).String(); got != tc.want {
			t.Errorf("Score(%d, %d) = %s, want %s", tc.passed, tc.total, got, tc.want)
		}
	}
}

func TestJudgeRefusesBadAnswersNamingThem(t *testing.T) {
	cases := []struct {
		name    string
		answers []safety.Answer
		field   string
	}{
		{"−100 °C is outside physical sense", []safety.Answer{{ItemID: 1, Number: reading("-100")}, {ItemID: 2, Bool: yes(true)}}, "answers[0].number"},
		{"500 °C is outside physical sense", []safety.Answer{{ItemID: 1, Number: reading("500")}, {ItemID: 2, Bool: yes(true)}}, "answers[0].number"},
		{"a required item left out", []safety.Answer{{ItemID: 1, Number: reading("2")}}, "items[2]"},
		{"an unknown item", []safety.Answer{{ItemID: 9, Bool: yes(true)}}, "answers[0].item_id"},
		{"an item answered twice", []safety.Answer{{ItemID: 2, Bool: yes(true)}, {ItemID: 2, Bool: yes(true)}}, "answers[1].item_id"},
		{"the wrong kind of value", []safety.Answer{{ItemID: 1, Bool: yes(true)}, {ItemID: 2, Bool: yes(true)}}, "answers[0].bool"},
		{"a choice not offered", []safety.Answer{{ItemID: 1, Number: reading("2")}, {ItemID: 2, Bool: yes(true)}, {ItemID: 3, Choice: "很好"}}, "answers[2].choice"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := safety.Judge(coldRoom(), 80, tc.answers)
			var fe apperr.FieldErrors
			if !errors.As(err, &fe) || fe[tc.field] == "" {
				t.Fatalf("got %v, want a field error on %s", err, tc.field)
			}
		})
	}
}

func TestTemplateValidateNamesEveryProblem(t *testing.T) {
	bad := safety.Template{Title: "", Area: "roof", PassScore: 101, Items: []safety.Item{
		{Title: "温度", Kind: safety.KindNumber, Unit: "°C", Min: reading("-70"), Weight: 10},
		{Title: "状况", Kind: safety.KindChoice, Weight: 10, Choices: []string{"好", "差"}, FailChoices: []string{"坏"}},
		{Title: "备注", Kind: safety.KindText, Critical: true},
		{Title: "x", Kind: "scale", Weight: 1},
	}}
	err := bad.Validate()
	var fe apperr.FieldErrors
	if !errors.As(err, &fe) {
		t.Fatalf("got %v", err)
	}
	for _, field := range []string{"title", "area", "pass_score", "items[0].min", "items[1].fail_choices[0]",
		"items[2].critical", "items[3].kind"} {
		if fe[field] == "" {
			t.Errorf("no error on %s: %v", field, fe)
		}
	}
}

func TestCorrectiveActionTransitions(t *testing.T) {
	cases := []struct {
		from, step, to string
		ok             bool
	}{
		{safety.ActionOpen, safety.StepComplete, safety.ActionDone, true},
		{safety.ActionDone, safety.StepVerify, safety.ActionVerified, true},
		{safety.ActionDone, safety.StepReject, safety.ActionOpen, true},
		{safety.ActionOpen, safety.StepEdit, safety.ActionOpen, true},
		{safety.ActionOpen, safety.StepVerify, safety.ActionOpen, false},
		{safety.ActionVerified, safety.StepReject, safety.ActionVerified, false},
		{safety.ActionVerified, safety.StepComplete, safety.ActionVerified, false},
		{safety.ActionDone, safety.StepEdit, safety.ActionDone, false},
	}
	for _, tc := range cases {
		if to, ok := safety.Next(tc.from, tc.step); to != tc.to || ok != tc.ok {
			t.Errorf("%s --%s--> %s %v, want %s %v", tc.from, tc.step, to, ok, tc.to, tc.ok)
		}
	}
	me, other := int64(3), int64(4)
	if err := safety.MayVerify(&me, &me); !errors.Is(err, apperr.ErrForbidden) {
		t.Errorf("verifying one's own: %v, want forbidden", err)
	}
	if err := safety.MayVerify(&me, &other); err != nil {
		t.Errorf("verifying another's: %v", err)
	}
}

func TestDueState(t *testing.T) {
	mon := mustDate("2026-11-30") // a Monday
	cases := []struct {
		name               string
		freq               string
		weekday            int
		since, last, today civil.Date
		state              string
	}{
		{"daily, filled today", safety.FrequencyDaily, 0, mon.AddDays(-10), mon, mon, safety.DueDone},
		{"daily, filled yesterday", safety.FrequencyDaily, 0, mon.AddDays(-10), mon.AddDays(-1), mon, safety.DueToday},
		{"daily, yesterday missed", safety.FrequencyDaily, 0, mon.AddDays(-10), mon.AddDays(-2), mon, safety.DueOverdue},
		{"daily, set up today", safety.FrequencyDaily, 0, mon, 0, mon, safety.DueToday},
		{"weekly on Monday, today", safety.FrequencyWeekly, 1, mon.AddDays(-30), mon.AddDays(-7), mon, safety.DueToday},
		{"weekly on Friday, missed", safety.FrequencyWeekly, 5, mon.AddDays(-30), mon.AddDays(-7), mon, safety.DueOverdue},
		{"weekly on Friday, done Saturday", safety.FrequencyWeekly, 5, mon.AddDays(-30), mon.AddDays(-2), mon, safety.DueDone},
		{"weekly, set up after the day", safety.FrequencyWeekly, 5, mon.AddDays(-1), 0, mon, safety.DueNotYet},
		{"off", safety.FrequencyOff, 0, mon, 0, mon, safety.DueOff},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got, _ := safety.DueState(tc.freq, tc.weekday, tc.since, tc.last, tc.today); got != tc.state {
				t.Errorf("got %s, want %s", got, tc.state)
			}
		})
	}
}

func TestDueDateAndOverdue(t *testing.T) {
	d := mustDate("2026-11-30")
	if safety.DueDate(d, true) != d || safety.DueDate(d, false) != d.AddDays(2) {
		t.Error("critical: same day; otherwise two days later")
	}
	if !safety.Overdue(safety.ActionOpen, d, d.AddDays(1)) || safety.Overdue(safety.ActionDone, d, d.AddDays(1)) ||
		safety.Overdue(safety.ActionOpen, d, d) {
		t.Error("overdue: open and due before today")
	}
}

func mustDate(s string) civil.Date {
	d, err := civil.Parse(s)
	if err != nil {
		panic(err)
	}
	return d
}
