package training

import (
	"time"

	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
)

type employeeJSON struct {
	ID             int64     `json:"id"`
	StoreID        int64     `json:"store_id"`
	Name           string    `json:"name"`
	DepartmentCode string    `json:"department_code"`
	RoleTitle      string    `json:"role_title"`
	FoodHandler    bool      `json:"food_handler"`
	Active         bool      `json:"active"`
	UserID         *int64    `json:"user_id"`
	Version        int       `json:"version"`
	CreatedAt      time.Time `json:"created_at"`
	UpdatedAt      time.Time `json:"updated_at"`
}

func toEmployeeJSON(e Employee) employeeJSON { return employeeJSON(e) }

type attendanceJSON struct {
	EmployeeID   int64   `json:"employee_id"`
	EmployeeName string  `json:"employee_name"`
	Status       *string `json:"status"`
	Score        *int    `json:"score"`
}

type sessionJSON struct {
	ID             int64            `json:"id"`
	StoreID        int64            `json:"store_id"`
	Topic          string           `json:"topic"`
	Title          string           `json:"title"`
	ScheduledOn    civil.Date       `json:"scheduled_on"`
	Departments    []string         `json:"departments"`
	FoodHandlers   bool             `json:"food_handlers"`
	Trainer        string           `json:"trainer"`
	Notes          string           `json:"notes"`
	Attended       int              `json:"attended"`
	Absent         int              `json:"absent"`
	CreatedAt      time.Time        `json:"created_at"`
	Attendance     []attendanceJSON `json:"attendance,omitempty"`
	AllowedActions []string         `json:"allowed_actions"`
}

func toSessionJSON(s Session, p *authz.Principal) sessionJSON {
	out := sessionJSON{ID: s.ID, StoreID: s.StoreID, Topic: s.Topic, Title: s.Title, ScheduledOn: s.ScheduledOn,
		Departments: s.Departments, FoodHandlers: s.FoodHandlers, Trainer: s.Trainer, Notes: s.Notes, Attended: s.Attended,
		Absent: s.Absent, CreatedAt: s.CreatedAt, AllowedActions: []string{}}
	if out.Departments == nil {
		out.Departments = []string{}
	}
	for _, a := range s.Attendance {
		j := attendanceJSON{EmployeeID: a.EmployeeID, EmployeeName: a.EmployeeName, Score: a.Score}
		if a.Status != "" {
			st := a.Status
			j.Status = &st
		}
		out.Attendance = append(out.Attendance, j)
	}
	if records(p) && p.CanSeeStore(s.StoreID) {
		out.AllowedActions = append(out.AllowedActions, "record_attendance")
	}
	return out
}

type overdueJSON struct {
	EmployeeID     int64       `json:"employee_id"`
	EmployeeName   string      `json:"employee_name"`
	DepartmentCode string      `json:"department_code"`
	Topic          string      `json:"topic"`
	LastOn         *civil.Date `json:"last_on"`
	DueOn          *civil.Date `json:"due_on"`
}

func toOverdueJSON(o Overdue) overdueJSON {
	return overdueJSON{EmployeeID: o.Employee.ID, EmployeeName: o.Employee.Name, DepartmentCode: o.Employee.DepartmentCode,
		Topic: o.Topic, LastOn: o.LastOn, DueOn: o.DueOn}
}

type certificateJSON struct {
	ID             *int64             `json:"id"`
	StoreID        int64              `json:"store_id"`
	EmployeeID     int64              `json:"employee_id"`
	EmployeeName   string             `json:"employee_name"`
	DepartmentCode string             `json:"department_code"`
	FoodHandler    bool               `json:"food_handler"`
	Number         string             `json:"number"`
	IssuedOn       *civil.Date        `json:"issued_on"`
	ExpiresOn      *civil.Date        `json:"expires_on"`
	State          string             `json:"state"`
	DaysLeft       *int               `json:"days_left"`
	Version        int                `json:"version"`
	Photos         []attachments.JSON `json:"photos"`
	AllowedActions []string           `json:"allowed_actions"`
}

func toCertificateJSON(v CertificateView, p *authz.Principal) certificateJSON {
	e := v.Employee
	out := certificateJSON{StoreID: e.StoreID, EmployeeID: e.ID, EmployeeName: e.Name, DepartmentCode: e.DepartmentCode,
		FoodHandler: e.FoodHandler, State: v.State, DaysLeft: v.DaysLeft, Photos: attachments.ToJSONList(v.Photos),
		AllowedActions: []string{}}
	canEdit := manages(p) && p.CanSeeStore(e.StoreID)
	if c := v.Certificate; c != nil {
		id, issued, expires := c.ID, c.IssuedOn, c.ExpiresOn
		out.ID, out.StoreID, out.Number, out.IssuedOn, out.ExpiresOn, out.Version = &id, c.StoreID, c.Number, &issued, &expires, c.Version
		if canEdit {
			out.AllowedActions = append(out.AllowedActions, "edit")
		}
	} else if canEdit {
		out.AllowedActions = append(out.AllowedActions, "create")
	}
	return out
}
