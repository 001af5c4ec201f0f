package tasks

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/httpx"
)

// Handler serves the tasks endpoints.
type Handler struct {
	svc *Service
	dec *httpx.Decoder
}

// NewHandler returns the tasks handlers.
func NewHandler(svc *Service, dec *httpx.Decoder) *Handler { return &Handler{svc: svc, dec: dec} }

// Register adds the routes: the store's staff see and complete tasks, the store manager (or a
// deputy) assigns ad-hoc ones and sets capacities, admins edit the chain's templates and
// managers their store's, HQ reads.
func (h *Handler) Register(r *httpx.Router) {
	staff := httpx.Roles(authz.RoleAdmin, authz.RoleStoreManager, authz.RoleSupervisor)
	managers := httpx.Roles(authz.RoleAdmin, authz.RoleStoreManager)
	r.GET("/stores/:store_id/tasks", httpx.AnyRole(), h.list)
	r.POST("/stores/:store_id/tasks", staff, h.create)
	r.GET("/tasks/:daily_task_id", httpx.AnyRole(), h.get)
	r.POST("/tasks/:daily_task_id/complete", staff, h.complete)
	r.GET("/task-templates", httpx.AnyRole(), h.listTemplates)
	r.POST("/task-templates", managers, h.createTemplate)
	r.PATCH("/task-templates/:template_id", managers, h.updateTemplate)
	r.GET("/stores/:store_id/task-load", httpx.AnyRole(), h.load)
	r.GET("/stores/:store_id/task-capacity", httpx.AnyRole(), h.capacities)
	r.PUT("/stores/:store_id/task-capacity/:department_code", managers, h.setCapacity)
}

func (h *Handler) list(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	pg, err := httpx.ParsePage(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	fe := apperr.FieldErrors{}
	f := Filter{BusinessDate: httpx.QueryDate(c, "business_date", fe), DepartmentCode: c.Query("department_code")}
	if v := c.Query("status"); v != "" {
		if !slices.Contains(Statuses, v) {
			fe.Add("status", "must be one of: "+strings.Join(Statuses, ", "))
		}
		f.Status = v
	}
	if v := c.Query("mine"); v != "" {
		mine, err := strconv.ParseBool(v)
		if err != nil {
			fe.Add("mine", "must be true or false")
		}
		f.Mine = mine
	}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	p := httpx.Principal(c)
	items, total, err := h.svc.List(c.Request.Context(), p, storeID, f, pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	now := h.svc.Now()
	out := make([]taskJSON, len(items))
	for i, t := range items {
		out[i] = toTaskJSON(t, now, h.svc.Actions(p, t))
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}

type createRequest struct {
	Title            string     `json:"title" validate:"required,max=200"`
	Note             string     `json:"note" validate:"max=1000"`
	DepartmentCode   string     `json:"department_code" validate:"max=32"`
	AssigneeID       *int64     `json:"assignee_id" validate:"omitempty,min=1"`
	DueAt            *time.Time `json:"due_at"`
	EstimatedMinutes int        `json:"estimated_minutes"`
}

func (h *Handler) create(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	p := httpx.Principal(c)
	if err := p.RequireStore(storeID); err != nil {
		httpx.Fail(c, err)
		return
	}
	var req createRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	n := NewTask{Title: req.Title, Note: req.Note, DepartmentCode: req.DepartmentCode, AssigneeID: req.AssigneeID,
		EstimatedMinutes: req.EstimatedMinutes}
	if req.DueAt != nil {
		n.DueAt = *req.DueAt
	}
	t, warnings, err := h.svc.Create(c.Request.Context(), p, storeID, n)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := toTaskJSON(t, h.svc.Now(), h.svc.Actions(p, t))
	out.Warnings = toWarningsJSON(warnings)
	c.JSON(http.StatusCreated, out)
}

func (h *Handler) answer(c *gin.Context, status int, id int64) {
	p := httpx.Principal(c)
	d, err := h.svc.Get(c.Request.Context(), p, id)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := toTaskJSON(d.Task, h.svc.Now(), h.svc.Actions(p, d.Task))
	out.Photos = attachmentsJSON(d.Photos)
	c.JSON(status, out)
}

func (h *Handler) get(c *gin.Context) {
	id, err := httpx.PathID(c, "daily_task_id")
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	h.answer(c, http.StatusOK, id)
}

type completeRequest struct {
	Note   string  `json:"note" validate:"max=1000"`
	Photos []int64 `json:"photos" validate:"max=5"`
}

func (h *Handler) complete(c *gin.Context) {
	id, err := httpx.PathID(c, "daily_task_id")
	if err == nil {
		err = h.svc.Visible(c.Request.Context(), httpx.Principal(c), id)
	}
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	var req completeRequest
	if err := h.dec.DecodeOptional(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	if _, err := h.svc.Complete(c.Request.Context(), httpx.Principal(c), id, strings.TrimSpace(req.Note), req.Photos); err != nil {
		httpx.Fail(c, err)
		return
	}
	h.answer(c, http.StatusOK, id)
}
