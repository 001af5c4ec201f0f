package stocktake

import (
	"context"
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/httpx"
)

// CountsBodyLimit is the largest count sheet upload.
const CountsBodyLimit = 8 << 20

// Handler serves the stocktake endpoints.
type Handler struct {
	svc *Service
	dec *httpx.Decoder
}

// NewHandler returns the stocktake handlers.
func NewHandler(svc *Service, dec *httpx.Decoder) *Handler { return &Handler{svc: svc, dec: dec} }

// Register adds the routes. Supervisors (their departments) plan, count and submit; the
// store manager also approves and rejects, and so does the supervisor named deputy approver
// while the delegation is active: the routes let supervisors in and the service asks the
// delegation module (403 for the others); HQ reads.
func (h *Handler) Register(r *httpx.Router) {
	counters := httpx.Roles(authz.RoleAdmin, authz.RoleStoreManager, authz.RoleSupervisor)
	r.GET("/stores/:store_id/stocktakes", httpx.AnyRole(), h.list)
	r.POST("/stores/:store_id/stocktakes", counters, h.create)
	r.GET("/stores/:store_id/stocktakes/accuracy", httpx.AnyRole(), h.accuracy)
	r.GET("/stocktakes/:stocktake_id", httpx.AnyRole(), h.get)
	r.POST("/stocktakes/:stocktake_id/start", counters, h.action(h.svc.Start))
	r.POST("/stocktakes/:stocktake_id/submit", counters, h.action(h.svc.Submit))
	r.POST("/stocktakes/:stocktake_id/approve", counters, h.action(h.svc.Approve))
	r.POST("/stocktakes/:stocktake_id/reject", counters, h.reject)
	r.POST("/stocktakes/:stocktake_id/counts", counters, h.counts, httpx.WithBodyLimit(CountsBodyLimit))
	r.GET("/stocktakes/:stocktake_id/variance", httpx.AnyRole(), h.variance)
	r.POST("/stocktakes/:stocktake_id/recounts", counters, h.recounts)
	r.POST("/stocktakes/:stocktake_id/confirm-zero", counters, h.confirmZero)
	r.GET("/stocktakes/:stocktake_id/sheet", httpx.AnyRole(), h.sheet)
}

// stocktakeID reads the path's stocktake and answers 404 when it is outside the caller's
// scope, before any body is read: another store's stocktake is not revealed by a 400.
func (h *Handler) stocktakeID(c *gin.Context) (int64, bool) {
	id, err := httpx.PathID(c, "stocktake_id")
	if err == nil {
		err = h.svc.Visible(c.Request.Context(), httpx.Principal(c), id)
	}
	if err != nil {
		httpx.Fail(c, err)
		return 0, false
	}
	return id, true
}

type createRequest struct {
	Scope          string       `json:"scope" validate:"required,oneof=full cycle"`
	DepartmentCode string       `json:"department_code" validate:"max=32"`
	Categories     []string     `json:"categories" validate:"max=100,dive,required,max=64"`
	SKUs           []string     `json:"skus" validate:"max=50000,dive,required,max=32"`
	Blind          *bool        `json:"blind" validate:"required"`
	Zones          []string     `json:"zones" validate:"required,min=1,max=20,dive,required,max=32"`
	TolerancePct   *fixed.Money `json:"tolerance_pct"`
	ToleranceValue *fixed.Money `json:"tolerance_value"`
	Note           string       `json:"note" validate:"max=500"`
}

func (h *Handler) list(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	pg, err := httpx.ParsePage(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	f := ListFilter{Status: c.Query("status"), DepartmentCode: c.Query("department_code")}
	if f.Status != "" && !slices.Contains(append(OpenStatuses, StatusApproved), f.Status) {
		httpx.Fail(c, apperr.Field("status", "must be one of: planned, counting, submitted, approved"))
		return
	}
	items, total, err := h.svc.List(c.Request.Context(), httpx.Principal(c), storeID, f, pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]answerJSON, len(items))
	for i, v := range items {
		out[i] = toAnswer(v)
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}

func (h *Handler) create(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	var req createRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	st := Stocktake{StoreID: storeID, DepartmentCode: req.DepartmentCode, Scope: req.Scope, Categories: req.Categories,
		SKUs: req.SKUs, Blind: *req.Blind, Zones: req.Zones, Note: req.Note}
	if req.TolerancePct != nil {
		st.TolerancePct = *req.TolerancePct
	}
	if req.ToleranceValue != nil {
		st.ToleranceValue = *req.ToleranceValue
	}
	out, err := h.svc.Create(c.Request.Context(), httpx.Principal(c), st, req.TolerancePct != nil, req.ToleranceValue != nil)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	h.answer(c, http.StatusCreated, out)
}

func (h *Handler) get(c *gin.Context) {
	id, ok := h.stocktakeID(c)
	if !ok {
		return
	}
	p := httpx.Principal(c)
	st, sum, err := h.svc.Get(c.Request.Context(), p, id)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	actions, err := h.svc.Actions(c.Request.Context(), p, st)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toDetail(View{Stocktake: st, AllowedActions: actions}, sum))
}

// answer sends a stocktake with what the caller may do to it now.
func (h *Handler) answer(c *gin.Context, status int, st Stocktake) {
	actions, err := h.svc.Actions(c.Request.Context(), httpx.Principal(c), st)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(status, toAnswer(View{Stocktake: st, AllowedActions: actions}))
}

// actionRequest is the body of start, submit and approve: an optional note for the audit.
type actionRequest struct {
	Note string `json:"note" validate:"max=500"`
}

func (h *Handler) action(fn func(ctx context.Context, p *authz.Principal, id int64, note string) (Stocktake, error)) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, ok := h.stocktakeID(c)
		if !ok {
			return
		}
		var req actionRequest
		if err := h.dec.DecodeOptional(c.Request, &req); err != nil {
			httpx.Fail(c, err)
			return
		}
		st, err := fn(c.Request.Context(), httpx.Principal(c), id, req.Note)
		if err != nil {
			httpx.Fail(c, err)
			return
		}
		h.answer(c, http.StatusOK, st)
	}
}

type rejectRequest struct {
	Reason string `json:"reason" validate:"required,max=500"`
}

func (h *Handler) reject(c *gin.Context) {
	id, ok := h.stocktakeID(c)
	if !ok {
		return
	}
	var req rejectRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	st, err := h.svc.Reject(c.Request.Context(), httpx.Principal(c), id, req.Reason)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	h.answer(c, http.StatusOK, st)
}
