package safety

import (
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/civil"
)

// Statuses of a corrective action.
const (
	ActionOpen     = "open"     // to be put right
	ActionDone     = "done"     // put right, with a note; waits for someone else to verify it
	ActionVerified = "verified" // checked by someone other than the person who marked it done
)

// ActionStatuses lists them.
var ActionStatuses = []string{ActionOpen, ActionDone, ActionVerified}

// Steps a caller may take on a corrective action, as allowed_actions names them.
const (
	StepComplete = "complete" // open → done
	StepVerify   = "verify"   // done → verified
	StepReject   = "reject"   // done → open, with a reason
	StepEdit     = "edit"     // change owner or due date while open
)

// Next answers the status a step leads to from status, and whether the step is possible.
func Next(status, step string) (string, bool) {
	switch {
	case status == ActionOpen && step == StepComplete:
		return ActionDone, true
	case status == ActionDone && step == StepVerify:
		return ActionVerified, true
	case status == ActionDone && step == StepReject:
		return ActionOpen, true
	case status == ActionOpen && step == StepEdit:
		return ActionOpen, true
	}
	return status, false
}

// ErrOwnAction refuses verifying a corrective action one marked done oneself.
var ErrOwnAction = apperr.New(apperr.ErrForbidden, "own_action",
	"you marked this corrective action done: someone else verifies it")

// MayVerify refuses a verifier who marked the action done.
func MayVerify(doneBy *int64, verifier *int64) error {
	if doneBy != nil && verifier != nil && *doneBy == *verifier {
		return ErrOwnAction
	}
	return nil
}

// DueDate is when a failed item's corrective action is due: a critical one the same day, any
// other within two days.
func DueDate(inspected civil.Date, critical bool) civil.Date {
	if critical {
		return inspected
	}
	return inspected.AddDays(2)
}

// Overdue reports whether an action not yet done was due before today.
func Overdue(status string, due, today civil.Date) bool {
	return status == ActionOpen && due < today
}

// Frequencies of a schedule.
const (
	FrequencyDaily  = "daily"
	FrequencyWeekly = "weekly"
	FrequencyOff    = "off" // the schedule is switched off
)

// Frequencies lists them.
var Frequencies = []string{FrequencyDaily, FrequencyWeekly, FrequencyOff}

// Schedule states, as computed for today in the store's time zone.
const (
	DueDone    = "done"    // inspected since it was last due
	DueToday   = "due"     // due today and not done yet
	DueOverdue = "overdue" // a due day passed without an inspection
	DueNotYet  = "not_due" // weekly, set up after this week's day: first due next week
	DueOff     = "off"
)

// DueState computes a schedule's state today. weekday is 1 (Monday) to 7 (Sunday) for weekly
// schedules; since is the business date the schedule was set up; last is the latest business
// date the template was filled for the store's department (0: never).
//
// A daily schedule is due every day: done when filled today, overdue when yesterday (on or
// after since) passed unfilled and today is not filled either. A weekly one is due on its
// weekday: done when filled on or after that day this week, overdue once the day has passed.
func DueState(frequency string, weekday int, since, last, today civil.Date) (state string, dueDate civil.Date) {
	switch frequency {
	case FrequencyDaily:
		switch {
		case last >= today:
			return DueDone, today
		case today.AddDays(-1) >= since && last < today.AddDays(-1):
			return DueOverdue, today.AddDays(-1)
		}
		return DueToday, today
	case FrequencyWeekly:
		due := LastWeekday(today, weekday)
		switch {
		case due < since:
			return DueNotYet, due.AddDays(7)
		case last >= due:
			return DueDone, due
		case due == today:
			return DueToday, due
		}
		return DueOverdue, due
	}
	return DueOff, 0
}

// LastWeekday is the latest date on or before d that falls on weekday (1 Monday … 7 Sunday).
func LastWeekday(d civil.Date, weekday int) civil.Date {
	wd := int(d.Time().Weekday()) // 0 Sunday
	if wd == 0 {
		wd = 7
	}
	back := (wd - weekday + 7) % 7
	return d.AddDays(-back)
}
