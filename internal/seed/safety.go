package seed

import (
	"context"
	"fmt"
	"math/rand/v2"

	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/paging"
	"github.com/storeops/storeops/internal/safety"
)

// SafetyServices are the modules the demo's inspections go through.
type SafetyServices struct {
	Org    *org.Service
	Safety *safety.Service
}

// SafetyResult counts what a run did.
type SafetyResult struct {
	Inspections, Actions, SkippedStores int
}

// safetyDays of inspections each demo store gets before today.
const safetyDays = 21

// The preloaded chain checklists the demo fills (migrations/*/00024_safety.sql).
const (
	checklistColdRoom = 1
	checklistDisplay  = 5
)

// demoSafety names each store's manager, the supervisor who inspects and their department.
var demoSafety = []struct{ store, manager, supervisor, department string }{
	{"sh-pudong", "manager1", "super1", "produce"},
	{"sh-xuhui", "manager3", "super3a", "meat"},
	{"gz-tianhe", "manager2", "super2", "deli"},
}

// Safety gives each demo store three weeks of inspections: the cold-room checklist every day
// (due daily) and the fresh-display one every Monday (due weekly). A few cold-room readings
// are too warm, so those inspections fail and open corrective actions: the older ones are
// put right and verified by the manager, one waits for the manager's verification and the
// latest is still open, due today, for the supervisor. A store with any inspection is left
// alone.
func Safety(ctx context.Context, s SafetyServices, today civil.Date) (res SafetyResult, err error) {
	codes := make([]string, len(demoSafety))
	for i, d := range demoSafety {
		codes[i] = d.store
	}
	ids, err := s.Org.StoreIDsByCode(ctx, codes)
	if err != nil {
		return res, err
	}
	sys := authz.System("seed")
	for n, d := range demoSafety {
		storeID := ids[d.store]
		_, total, err := s.Safety.ListInspections(ctx, sys, storeID, safety.InspectionFilter{}, paging.First())
		if err != nil {
			return res, err
		}
		if total > 0 {
			res.SkippedStores++
			continue
		}
		people, err := principals(ctx, s.Org, storeID, d.manager, d.supervisor)
		if err != nil {
			return res, err
		}
		made, actions, err := safetyHistory(ctx, s.Safety, storeID, people[0], people[1], d.department, today, uint64(n))
		if err != nil {
			return res, fmt.Errorf("demo inspections of %s: %w", d.store, err)
		}
		res.Inspections += made
		res.Actions += actions
	}
	return res, nil
}

// warmDays are the days before today whose cold-room reading is out of range: the first two
// are verified, the next waits for verification and the last stays open.
var warmDays = []int{17, 10, 4, 1}

func safetyHistory(ctx context.Context, svc *safety.Service, storeID int64, manager, supervisor *authz.Principal,
	dept string, today civil.Date, seed uint64) (made, actions int, err error) {
	for _, sc := range []safety.NewSchedule{{TemplateID: checklistColdRoom, DepartmentCode: dept, Frequency: safety.FrequencyDaily},
		{TemplateID: checklistDisplay, DepartmentCode: dept, Frequency: safety.FrequencyWeekly, Weekday: 1}} {
		if _, err := svc.SetSchedule(ctx, manager, storeID, sc); err != nil {
			return 0, 0, err
		}
	}
	r := rand.New(rand.NewPCG(seed, 23))
	for back := safetyDays; back >= 1; back-- {
		day := today.AddDays(-back)
		temp := fixed.Money(150 + r.IntN(200)) // 1.50 … 3.49 °C
		for i, w := range warmDays {
			if w == back {
				temp = fixed.Money(550 + 50*i) // 5.50 °C and warmer
			}
		}
		in, err := svc.Submit(ctx, supervisor, storeID, safety.NewInspection{TemplateID: checklistColdRoom,
			DepartmentCode: dept, Date: day, Answers: coldRoomAnswers(temp, r.IntN(10) == 0)})
		if err != nil {
			return made, actions, err
		}
		made++
		if day.Weekday() == 1 {
			if _, err := svc.Submit(ctx, supervisor, storeID, safety.NewInspection{TemplateID: checklistDisplay,
				DepartmentCode: dept, Date: day, Answers: displayAnswers()}); err != nil {
				return made, actions, err
			}
			made++
		}
		n, err := settle(ctx, svc, storeID, in.ID, manager, supervisor, back)
		if err != nil {
			return made, actions, err
		}
		actions += n
	}
	return made, actions, nil
}

// settle moves the corrective actions of an inspection made back days ago on: verified when
// older than four days, done and waiting when four days old, open otherwise.
func settle(ctx context.Context, svc *safety.Service, storeID, inspectionID int64, manager, supervisor *authz.Principal, back int) (int, error) {
	list, _, err := svc.ListActions(ctx, manager, storeID, safety.ActionFilter{InspectionID: &inspectionID}, paging.First())
	if err != nil {
		return 0, err
	}
	for _, a := range list {
		if back < 4 {
			continue
		}
		if _, err := svc.Step(ctx, supervisor, a.ID, safety.StepComplete, safety.StepInput{Note: "已整改：" + a.Title + "，复查合格"}); err != nil {
			return 0, err
		}
		if back > 4 {
			if _, err := svc.Step(ctx, manager, a.ID, safety.StepVerify, safety.StepInput{}); err != nil {
				return 0, err
			}
		}
	}
	return len(list), nil
}

func reading(v fixed.Money) *safety.Reading { return &v }

func truth(b bool) *bool { return &b }

// coldRoomAnswers answers the cold-room checklist: the cold room at temp, the freezer at
// −20 °C and, when untidy, water on the floor.
func coldRoomAnswers(temp fixed.Money, untidy bool) []safety.Answer {
	out := []safety.Answer{{ItemID: 1, Number: reading(temp)}, {ItemID: 2, Number: reading(fixed.MoneyOf(-20))},
		{ItemID: 3, Bool: truth(!untidy)}}
	for id := 4; id <= 7; id++ {
		out = append(out, safety.Answer{ItemID: id, Bool: truth(true)})
	}
	return out
}

// displayAnswers answers the fresh-display checklist: all well, the produce fresh.
func displayAnswers() []safety.Answer {
	out := []safety.Answer{{ItemID: 5, Choice: "新鲜"}}
	for _, id := range []int{1, 2, 3, 4, 6} {
		out = append(out, safety.Answer{ItemID: id, Bool: truth(true)})
	}
	return out
}
