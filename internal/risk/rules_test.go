package risk

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/civil"
)

func TestRaisedNeverLowers(t *testing.T) {
	for _, c := range []struct {
		level, base string
		want        bool
	}{{"high", "medium", true}, {"medium", "medium", true}, {"low", "medium", false}, {"medium", "high", false}, {"high", "low", true}} {
		if got := Raised(c.level, c.base); got != c.want {
			t.Errorf("Raised(%s, %s) = %v", c.level, c.base, got)
		}
	}
}

func TestIncidentWorkflow(t *testing.T) {
	cases := []struct {
		status, action, next string
		ok                   bool
	}{
		{StatusOpen, ActionAddAction, StatusResponding, true},
		{StatusResponding, ActionAddAction, StatusResponding, true},
		{StatusOpen, ActionResolve, StatusResolved, true},
		{StatusResponding, ActionResolve, StatusResolved, true},
		{StatusResolved, ActionResolve, StatusResolved, false},
		{StatusResolved, ActionAddAction, StatusResolved, false},
		{StatusResolved, ActionClose, StatusClosed, true},
		{StatusOpen, ActionClose, StatusOpen, false},
		{StatusClosed, ActionEdit, StatusClosed, false},
	}
	for _, c := range cases {
		t.Run(c.status+"/"+c.action, func(t *testing.T) {
			next, ok := Transition(c.status, c.action)
			if next != c.next || ok != c.ok {
				t.Errorf("got %s %v, want %s %v", next, ok, c.next, c.ok)
			}
		})
	}
	if got := fmt.Sprint(IncidentActions(StatusOpen, true, false)); got != "[edit add_action resolve]" {
		t.Errorf("open, staff: %s", got)
	}
	if got := fmt.Sprint(IncidentActions(StatusOpen, false, true)); got != "[]" {
		t.Errorf("open, HQ quality: %s", got)
	}
	if got := fmt.Sprint(IncidentActions(StatusResolved, true, true)); got != "[close]" {
		t.Errorf("resolved, manager: %s", got)
	}
	if got := fmt.Sprint(IncidentActions(StatusClosed, true, true)); got != "[]" {
		t.Errorf("closed: %s", got)
	}
}

func TestRiskValidateNamesEveryField(t *testing.T) {
	r := Risk{Code: "a b", Level: "extreme", OwnerDepartment: "hr", Measures: []Measure{{Zh: " "}}}
	err := r.Validate()
	var fe apperr.FieldErrors
	if !errors.As(err, &fe) {
		t.Fatalf("err %v", err)
	}
	for _, f := range []string{"code", "name", "level", "owner_department", "measures[0]"} {
		if fe[f] == "" {
			t.Errorf("%s not named: %v", f, fe)
		}
	}
	ok := Risk{Code: "x", Name: "火灾", Level: LevelHigh, OwnerDepartment: "security", Measures: []Measure{{Zh: "疏散"}}}
	if err := ok.Validate(); err != nil {
		t.Errorf("valid risk: %v", err)
	}
}

func TestNewIncidentAndEventBounds(t *testing.T) {
	now := time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)
	n := NewIncident{RiskID: 1, Title: "x", OccurredAt: now.Add(time.Hour)}
	if err := n.Validate(now); err == nil {
		t.Error("future incident accepted")
	}
	n.OccurredAt = now.AddDate(0, 0, -91)
	if err := n.Validate(now); err == nil {
		t.Error("incident 91 days ago accepted")
	}
	today := civil.Today(now, time.UTC)
	ev := NewEvent{Name: "双十一", Date: today.AddDays(-1), RiskIDs: []int64{1}}
	if err := ev.Validate(today); err == nil {
		t.Error("past event accepted")
	}
	ev.Date = today.AddDays(9)
	if err := ev.Validate(today); err != nil {
		t.Errorf("event: %v", err)
	}
}

func TestPercentAndTimeToResolve(t *testing.T) {
	if Percent(2, 3) != 66 || Percent(3, 3) != 100 || Percent(0, 0) != 0 {
		t.Error("percent")
	}
	at := time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)
	if TimeToResolve(at, nil) != nil {
		t.Error("unresolved has a time")
	}
	done := at.Add(90 * time.Minute)
	if d := TimeToResolve(at, &done); d == nil || hours(*d).String() != "1.50" {
		t.Errorf("ttr %v", d)
	}
}
