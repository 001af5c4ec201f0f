package training

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/httpx"
)

// Handler serves the training endpoints.
type Handler struct {
	svc *Service
	dec *httpx.Decoder
}

// NewHandler returns the training handlers.
func NewHandler(svc *Service, dec *httpx.Decoder) *Handler { return &Handler{svc: svc, dec: dec} }

// Register adds the routes: everyone reads in their scope; the store manager keeps the staff
// register, sessions and certificates; the store's staff tick attendance.
func (h *Handler) Register(r *httpx.Router) {
	managers := httpx.Roles(authz.RoleAdmin, authz.RoleStoreManager)
	staff := httpx.Roles(authz.RoleAdmin, authz.RoleStoreManager, authz.RoleSupervisor)
	r.GET("/stores/:store_id/employees", httpx.AnyRole(), h.listEmployees)
	r.POST("/stores/:store_id/employees", managers, h.createEmployee)
	r.PATCH("/employees/:employee_id", managers, h.patchEmployee)
	r.GET("/stores/:store_id/training-sessions", httpx.AnyRole(), h.listSessions)
	r.POST("/stores/:store_id/training-sessions", managers, h.createSession)
	r.GET("/training-sessions/:session_id", httpx.AnyRole(), h.getSession)
	r.POST("/training-sessions/:session_id/attendance", staff, h.recordAttendance)
	r.GET("/stores/:store_id/training-overdue", httpx.AnyRole(), h.overdue)
	r.GET("/stores/:store_id/health-certificates", httpx.AnyRole(), h.listCertificates)
	r.POST("/stores/:store_id/health-certificates", managers, h.createCertificate)
	r.PATCH("/health-certificates/:certificate_id", managers, h.patchCertificate)
}

func (h *Handler) listEmployees(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	pg, err := httpx.ParsePage(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	fe := apperr.FieldErrors{}
	f := EmployeeFilter{Active: httpx.QueryBool(c, "active", fe), FoodHandler: httpx.QueryBool(c, "food_handler", fe),
		Department: c.Query("department_code"), Query: c.Query("q")}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	items, total, err := h.svc.ListEmployees(c.Request.Context(), httpx.Principal(c), storeID, f, pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]employeeJSON, len(items))
	for i, e := range items {
		out[i] = toEmployeeJSON(e)
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}

type employeeRequest struct {
	Name           *string `json:"name" validate:"omitempty,max=100"`
	DepartmentCode *string `json:"department_code" validate:"omitempty,max=32"`
	RoleTitle      *string `json:"role_title" validate:"omitempty,max=100"`
	FoodHandler    *bool   `json:"food_handler"`
	Active         *bool   `json:"active"`
	UserID         *int64  `json:"user_id" validate:"omitempty,min=1"`
	Version        *int    `json:"version" validate:"omitempty,min=1"`
}

func (r employeeRequest) input() EmployeeInput {
	in := EmployeeInput{Name: r.Name, DepartmentCode: r.DepartmentCode, RoleTitle: r.RoleTitle, FoodHandler: r.FoodHandler,
		Active: r.Active, UserID: r.UserID}
	if r.Version != nil {
		in.Version = *r.Version
	}
	return in
}

func (h *Handler) createEmployee(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	var req employeeRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	out, err := h.svc.CreateEmployee(c.Request.Context(), httpx.Principal(c), storeID, req.input())
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, toEmployeeJSON(out))
}

func (h *Handler) patchEmployee(c *gin.Context) {
	id, err := httpx.PathID(c, "employee_id")
	if err == nil {
		// Out of scope is 404 before the body is read.
		err = h.svc.VisibleEmployee(c.Request.Context(), httpx.Principal(c), id)
	}
	var req employeeRequest
	if err == nil {
		err = h.dec.DecodeRequest(c.Request, &req)
	}
	if err == nil && req.Version == nil {
		err = apperr.FieldErrors{"version": "is required"}
	}
	var out Employee
	if err == nil {
		out, err = h.svc.PatchEmployee(c.Request.Context(), httpx.Principal(c), id, req.input())
	}
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toEmployeeJSON(out))
}

func (h *Handler) listSessions(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	pg, err := httpx.ParsePage(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	fe := apperr.FieldErrors{}
	f := SessionFilter{Topic: enumQuery(c, fe, "topic", Topics), From: httpx.QueryDate(c, "from", fe), To: httpx.QueryDate(c, "to", fe)}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	items, total, err := h.svc.ListSessions(c.Request.Context(), httpx.Principal(c), storeID, f, pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	p := httpx.Principal(c)
	out := make([]sessionJSON, len(items))
	for i, s := range items {
		out[i] = toSessionJSON(s, p)
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}

type sessionRequest struct {
	Topic        string     `json:"topic" validate:"required,oneof=food_safety crowd_control_drill fire_drill equipment other"`
	Title        string     `json:"title" validate:"required,max=200"`
	ScheduledOn  civil.Date `json:"scheduled_on" validate:"required"`
	Departments  []string   `json:"departments" validate:"max=20,dive,max=32"`
	FoodHandlers bool       `json:"food_handlers"`
	Trainer      string     `json:"trainer" validate:"max=100"`
	Notes        string     `json:"notes" validate:"max=1000"`
}

func (h *Handler) createSession(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	var req sessionRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	p := httpx.Principal(c)
	out, err := h.svc.CreateSession(c.Request.Context(), p, storeID, NewSession(req))
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, toSessionJSON(out, p))
}

func (h *Handler) getSession(c *gin.Context) {
	id, err := httpx.PathID(c, "session_id")
	p := httpx.Principal(c)
	var out Session
	if err == nil {
		out, err = h.svc.GetSession(c.Request.Context(), p, id)
	}
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toSessionJSON(out, p))
}

type attendanceRequest struct {
	Attendance []struct {
		EmployeeID int64  `json:"employee_id" validate:"required,min=1"`
		Status     string `json:"status" validate:"required,oneof=attended absent"`
		Score      *int   `json:"score" validate:"omitempty,min=0,max=100"`
	} `json:"attendance" validate:"required,min=1,max=1000,dive"`
}

func (h *Handler) recordAttendance(c *gin.Context) {
	id, err := httpx.PathID(c, "session_id")
	p := httpx.Principal(c)
	if err == nil {
		// Out of scope is 404 before the body is read.
		_, err = h.svc.session(c.Request.Context(), h.svc.db, p, id)
	}
	var req attendanceRequest
	if err == nil {
		err = h.dec.DecodeRequest(c.Request, &req)
	}
	var out Session
	if err == nil {
		in := make([]AttendanceInput, len(req.Attendance))
		for i, a := range req.Attendance {
			in[i] = AttendanceInput{EmployeeID: a.EmployeeID, Status: a.Status, Score: a.Score}
		}
		out, err = h.svc.RecordAttendance(c.Request.Context(), p, id, in)
	}
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toSessionJSON(out, p))
}

func (h *Handler) overdue(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	list, err := h.svc.Overdue(c.Request.Context(), httpx.Principal(c), storeID)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]overdueJSON, len(list))
	for i, o := range list {
		out[i] = toOverdueJSON(o)
	}
	c.JSON(http.StatusOK, gin.H{"items": out})
}

func (h *Handler) listCertificates(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	p := httpx.Principal(c)
	if v := c.Query("expiring_within"); v != "" {
		days, err := strconv.Atoi(v)
		if err != nil || days < 0 || days > 366 {
			httpx.Fail(c, apperr.FieldErrors{"expiring_within": "must be a number of days from 0 to 366"})
			return
		}
		list, err := h.svc.Standing(c.Request.Context(), p, storeID, days)
		if err != nil {
			httpx.Fail(c, err)
			return
		}
		out := make([]certificateJSON, len(list))
		for i, v := range list {
			out[i] = toCertificateJSON(v, p)
		}
		c.JSON(http.StatusOK, gin.H{"items": out, "total": len(out)})
		return
	}
	pg, err := httpx.ParsePage(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	list, total, err := h.svc.ListCertificates(c.Request.Context(), p, storeID, pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]certificateJSON, len(list))
	for i, v := range list {
		out[i] = toCertificateJSON(v, p)
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}

type certificateRequest struct {
	EmployeeID *int64      `json:"employee_id" validate:"omitempty,min=1"`
	Number     *string     `json:"number" validate:"omitempty,max=64"`
	IssuedOn   *civil.Date `json:"issued_on"`
	ExpiresOn  *civil.Date `json:"expires_on"`
	Photos     []int64     `json:"photos" validate:"max=5"`
	Version    *int        `json:"version" validate:"omitempty,min=1"`
}

func (r certificateRequest) input() CertificateInput {
	in := CertificateInput{EmployeeID: r.EmployeeID, Number: r.Number, IssuedOn: r.IssuedOn, ExpiresOn: r.ExpiresOn, Photos: r.Photos}
	if r.Version != nil {
		in.Version = *r.Version
	}
	return in
}

func (h *Handler) createCertificate(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	var req certificateRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	fe := apperr.FieldErrors{}
	for name, missing := range map[string]bool{"employee_id": req.EmployeeID == nil, "number": req.Number == nil,
		"issued_on": req.IssuedOn == nil, "expires_on": req.ExpiresOn == nil} {
		if missing {
			fe.Add(name, "is required")
		}
	}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	p := httpx.Principal(c)
	out, err := h.svc.CreateCertificate(c.Request.Context(), p, storeID, req.input())
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, toCertificateJSON(out, p))
}

func (h *Handler) patchCertificate(c *gin.Context) {
	id, err := httpx.PathID(c, "certificate_id")
	if err == nil {
		err = h.svc.VisibleCertificate(c.Request.Context(), httpx.Principal(c), id)
	}
	var req certificateRequest
	if err == nil {
		err = h.dec.DecodeRequest(c.Request, &req)
	}
	if err == nil && req.Version == nil {
		err = apperr.FieldErrors{"version": "is required"}
	}
	p := httpx.Principal(c)
	var out CertificateView
	if err == nil {
		out, err = h.svc.PatchCertificate(c.Request.Context(), p, id, req.input())
	}
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toCertificateJSON(out, p))
}

func enumQuery(c *gin.Context, fe apperr.FieldErrors, name string, allowed []string) string {
	v := c.Query(name)
	if v != "" && !slices.Contains(allowed, v) {
		fe.Add(name, "must be one of: "+strings.Join(allowed, ", "))
	}
	return v
}
