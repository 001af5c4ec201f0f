// Package training keeps the store's staff register, training sessions with their
// attendance, the chain's required trainings and food handlers' health certificates (健康证).
package training

import (
	"time"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/civil"
)

// Topics of a training session.
const (
	TopicFoodSafety   = "food_safety"
	TopicCrowdControl = "crowd_control_drill"
	TopicFireDrill    = "fire_drill"
	TopicEquipment    = "equipment"
	TopicOther        = "other"
)

// Topics lists the topics in the order screens show them.
var Topics = []string{TopicFoodSafety, TopicCrowdControl, TopicFireDrill, TopicEquipment, TopicOther}

// Attendance statuses.
const (
	Attended = "attended"
	Absent   = "absent"
)

// AttendanceStatuses lists the attendance statuses.
var AttendanceStatuses = []string{Attended, Absent}

// Certificate states, as of a store's today.
const (
	CertValid    = "valid"
	CertExpiring = "expiring"
	CertExpired  = "expired"
	CertMissing  = "missing"
)

// CertStates lists the certificate states.
var CertStates = []string{CertValid, CertExpiring, CertExpired, CertMissing}

// ExpiringWindow is how many days before expiry a certificate counts as expiring on Today.
const ExpiringWindow = 30

// ReminderThresholds are the days before expiry at which a reminder is sent, largest first.
var ReminderThresholds = []int{30, 7}

// Employee is one person on a store's staff.
type Employee struct {
	ID             int64
	StoreID        int64
	Name           string
	DepartmentCode string
	RoleTitle      string
	FoodHandler    bool
	Active         bool
	UserID         *int64
	Version        int
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Session is one training session of a store.
type Session struct {
	ID           int64
	StoreID      int64
	Topic        string
	Title        string
	ScheduledOn  civil.Date
	Departments  []string
	FoodHandlers bool
	Trainer      string
	Notes        string
	CreatedAt    time.Time
	Attended     int
	Absent       int
	Attendance   []Attendance
}

// Attendance is whether one employee attended a session.
type Attendance struct {
	EmployeeID   int64
	EmployeeName string
	Status       string
	Score        *int
}

// Rule is a chain-wide required training: who needs it and how long it stays valid.
type Rule struct {
	Topic          string
	ValidityMonths int
	FoodHandlers   bool
}

// Certificate is one health certificate of an employee.
type Certificate struct {
	ID         int64
	StoreID    int64
	EmployeeID int64
	Number     string
	IssuedOn   civil.Date
	ExpiresOn  civil.Date
	Version    int
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// CertStatus is a food handler's certificate standing: the latest certificate (nil when
// there is none) and its state as of today.
type CertStatus struct {
	Employee    Employee
	Certificate *Certificate
	State       string
	DaysLeft    *int
}

// Overdue is an employee whose required training has lapsed or never happened.
type Overdue struct {
	Employee Employee
	Topic    string
	// LastOn is the date of the last attended session of the topic, nil when never.
	LastOn *civil.Date
	// DueOn is when the training lapsed (nil when never trained).
	DueOn *civil.Date
}

// CertState answers a certificate's state on today with window days of warning.
func CertState(c *Certificate, today civil.Date, window int) (string, *int) {
	if c == nil {
		return CertMissing, nil
	}
	left := int(c.ExpiresOn - today)
	switch {
	case left < 0:
		return CertExpired, &left
	case left <= window:
		return CertExpiring, &left
	}
	return CertValid, &left
}

// ReminderDue answers the threshold whose reminder is due for a certificate left days from
// expiry: the smallest threshold not below left, or 0 when none applies (more than the
// largest threshold away, or already expired).
func ReminderDue(left int) int {
	due := 0
	for _, t := range ReminderThresholds {
		if left >= 0 && left <= t {
			due = t
		}
	}
	return due
}

// AddMonths moves d by n calendar months, clamping to the month's last day (29 Feb + 12
// months is 28 Feb).
func AddMonths(d civil.Date, n int) civil.Date {
	t := d.Time()
	first := time.Date(t.Year(), t.Month()+time.Month(n), 1, 0, 0, 0, 0, time.UTC)
	last := first.AddDate(0, 1, -1).Day()
	return civil.Of(time.Date(first.Year(), first.Month(), min(t.Day(), last), 0, 0, 0, 0, time.UTC))
}

// Requires reports whether rule r applies to employee e.
func (r Rule) Requires(e Employee) bool { return e.Active && r.FoodHandlers && e.FoodHandler }

// Lapsed answers the employees' overdue trainings on today: last maps employee id and topic
// to the date of the last attended session.
func Lapsed(emps []Employee, rules []Rule, last map[int64]map[string]civil.Date, today civil.Date) []Overdue {
	var out []Overdue
	for _, e := range emps {
		for _, r := range rules {
			if !r.Requires(e) {
				continue
			}
			d, ok := last[e.ID][r.Topic]
			if !ok {
				out = append(out, Overdue{Employee: e, Topic: r.Topic})
				continue
			}
			due := AddMonths(d, r.ValidityMonths)
			if due <= today {
				on := d
				out = append(out, Overdue{Employee: e, Topic: r.Topic, LastOn: &on, DueOn: &due})
			}
		}
	}
	return out
}

// Validate checks a certificate's fields.
func (c Certificate) Validate() error {
	fe := apperr.FieldErrors{}
	if c.Number == "" {
		fe.Add("number", "is required")
	}
	if c.ExpiresOn <= c.IssuedOn {
		fe.Add("expires_on", "must be after issued_on")
	}
	return fe.Err()
}
