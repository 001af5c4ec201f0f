package supplier

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/httpx"
)

// Handler serves the supplier endpoints.
type Handler struct {
	svc *Service
	dec *httpx.Decoder
}

// NewHandler returns the suppliers' HTTP handlers.
func NewHandler(svc *Service, dec *httpx.Decoder) *Handler { return &Handler{svc: svc, dec: dec} }

// Register adds the routes: every role reads suppliers; admins edit them.
func (h *Handler) Register(r *httpx.Router) {
	admins := httpx.Roles(authz.RoleAdmin)
	r.GET("/suppliers", httpx.AnyRole(), h.list)
	r.POST("/suppliers", admins, h.create)
	r.GET("/suppliers/:supplier_id", httpx.AnyRole(), h.get)
	r.PATCH("/suppliers/:supplier_id", admins, h.update)
}

// SupplierJSON is a supplier in answers and audit entries.
type SupplierJSON struct {
	ID           int64     `json:"id"`
	Code         string    `json:"code"`
	Name         string    `json:"name"`
	LeadTimeDays int       `json:"lead_time_days"`
	OrderCutoff  string    `json:"order_cutoff"`
	Contact      string    `json:"contact"`
	Active       bool      `json:"active"`
	Version      int       `json:"version"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// ToJSON converts a supplier for answers.
func ToJSON(s Supplier) SupplierJSON { return SupplierJSON(s) }

type createRequest struct {
	Code         string `json:"code" validate:"required,max=32"`
	Name         string `json:"name" validate:"required,max=100"`
	LeadTimeDays *int   `json:"lead_time_days" validate:"required"`
	OrderCutoff  string `json:"order_cutoff" validate:"required,max=5"`
	Contact      string `json:"contact" validate:"max=100"`
	Active       *bool  `json:"active"`
}

type updateRequest struct {
	Code         *string `json:"code" validate:"omitempty,max=32"`
	Name         *string `json:"name" validate:"omitempty,max=100"`
	LeadTimeDays *int    `json:"lead_time_days"`
	OrderCutoff  *string `json:"order_cutoff" validate:"omitempty,max=5"`
	Contact      *string `json:"contact" validate:"omitempty,max=100"`
	Active       *bool   `json:"active"`
	Version      int     `json:"version" validate:"required,gte=1"`
}

func (h *Handler) list(c *gin.Context) {
	pg, err := httpx.ParsePage(c, "code", "name", "lead_time_days", "order_cutoff", "created_at")
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	fe := apperr.FieldErrors{}
	f := Filter{Q: c.Query("q"), Active: httpx.QueryBool(c, "active", fe)}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	sups, total, err := h.svc.List(c.Request.Context(), httpx.Principal(c), f, pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]SupplierJSON, len(sups))
	for i, s := range sups {
		out[i] = ToJSON(s)
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}

func (h *Handler) create(c *gin.Context) {
	var req createRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	active := true
	if req.Active != nil {
		active = *req.Active
	}
	s, err := h.svc.Create(c.Request.Context(), httpx.Principal(c), Supplier{Code: req.Code, Name: req.Name,
		LeadTimeDays: *req.LeadTimeDays, OrderCutoff: req.OrderCutoff, Contact: req.Contact, Active: active})
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, ToJSON(s))
}

func (h *Handler) get(c *gin.Context) {
	id, _ := httpx.PathID(c, "supplier_id")
	s, err := h.svc.Get(c.Request.Context(), httpx.Principal(c), id)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, ToJSON(s))
}

func (h *Handler) update(c *gin.Context) {
	id, _ := httpx.PathID(c, "supplier_id")
	var req updateRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	s, err := h.svc.Update(c.Request.Context(), httpx.Principal(c), id, Patch(req))
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, ToJSON(s))
}
