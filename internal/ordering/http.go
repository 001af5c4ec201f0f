package ordering

import (
	"context"
	"net/http"
	"slices"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/httpx"
	"github.com/storeops/storeops/internal/platform/sheet"
)

// MaxLinesPage is the largest page of a plan's lines.
const MaxLinesPage = 500

// Departments lists the chain's departments (for the settings list).
type Departments interface {
	DepartmentCodes(ctx context.Context) ([]string, error)
}

// Handler serves the ordering endpoints.
type Handler struct {
	svc   *Service
	dec   *httpx.Decoder
	depts Departments
}

// NewHandler returns the ordering handlers.
func NewHandler(svc *Service, dec *httpx.Decoder, depts Departments) *Handler {
	return &Handler{svc: svc, dec: dec, depts: depts}
}

// Register adds the routes. The store's staff (admins, store managers, supervisors in their
// departments) make, edit, submit and receive plans; the service decides approval (the store
// manager or the active deputy); HQ reads.
func (h *Handler) Register(r *httpx.Router) {
	staff := httpx.Roles(authz.RoleAdmin, authz.RoleStoreManager, authz.RoleSupervisor)
	r.GET("/stores/:store_id/order-plans", httpx.AnyRole(), h.list)
	r.POST("/stores/:store_id/order-plans", staff, h.create)
	r.GET("/stores/:store_id/forecast-accuracy", httpx.AnyRole(), h.accuracy)
	r.GET("/order-plans/:plan_id", httpx.AnyRole(), h.get)
	r.DELETE("/order-plans/:plan_id", staff, h.delete)
	r.POST("/order-plans/:plan_id/submit", staff, h.step(h.svc.Submit))
	r.POST("/order-plans/:plan_id/approve", staff, h.step(h.svc.Approve))
	r.POST("/order-plans/:plan_id/reject", staff, h.reject)
	r.POST("/order-plans/:plan_id/receive", staff, h.receive)
	r.GET("/order-plans/:plan_id/export", httpx.AnyRole(), h.export)
	r.GET("/order-plans/:plan_id/lines", httpx.AnyRole(), h.lines)
	r.GET("/order-plans/:plan_id/lines/:sku", httpx.AnyRole(), h.line)
	r.PATCH("/order-plans/:plan_id/lines/:sku", staff, h.editLine)
	r.GET("/order-settings", httpx.AnyRole(), h.listSettings)
	r.PUT("/order-settings/:department_code", httpx.Roles(authz.RoleAdmin), h.putSettings)
}

// planID reads the path's plan and answers 404 when it is outside the caller's scope, before
// any body is read.
func (h *Handler) planID(c *gin.Context) (int64, bool) {
	id, err := httpx.PathID(c, "plan_id")
	if err == nil {
		err = h.svc.Visible(c.Request.Context(), httpx.Principal(c), id)
	}
	if err != nil {
		httpx.Fail(c, err)
		return 0, false
	}
	return id, true
}

func (h *Handler) list(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	pg, err := httpx.ParsePage(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	fe := apperr.FieldErrors{}
	f := Filter{Status: c.Query("status"), DepartmentCode: c.Query("department_code"),
		From: httpx.QueryDate(c, "from", fe), To: httpx.QueryDate(c, "to", fe)}
	if f.Status != "" && !slices.Contains(Statuses, f.Status) {
		fe.Add("status", "must be one of: draft, submitted, approved, received")
	}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	items, total, err := h.svc.List(c.Request.Context(), httpx.Principal(c), storeID, f, pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]planJSON, len(items))
	for i, v := range items {
		out[i] = toPlanJSON(v, nil)
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}

type createRequest struct {
	DepartmentCode string      `json:"department_code" validate:"required,max=32"`
	DeliveryDate   *civil.Date `json:"delivery_date" validate:"required"`
}

func (h *Handler) create(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	var req createRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	pl, err := h.svc.Create(c.Request.Context(), httpx.Principal(c), storeID, req.DepartmentCode, *req.DeliveryDate)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	h.answer(c, http.StatusCreated, pl.ID)
}

func (h *Handler) get(c *gin.Context) {
	id, ok := h.planID(c)
	if !ok {
		return
	}
	h.answer(c, http.StatusOK, id)
}

// answer sends a plan's detail: with its suppliers, claims and what the caller may do.
func (h *Handler) answer(c *gin.Context, status int, id int64) {
	d, err := h.svc.Detail(c.Request.Context(), httpx.Principal(c), id)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(status, d)
}

type versionRequest struct {
	Version *int `json:"version" validate:"required,min=1"`
}

func (h *Handler) step(fn func(ctx context.Context, p *authz.Principal, id int64, version int) (Plan, error)) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, ok := h.planID(c)
		if !ok {
			return
		}
		var req versionRequest
		if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
			httpx.Fail(c, err)
			return
		}
		if _, err := fn(c.Request.Context(), httpx.Principal(c), id, *req.Version); err != nil {
			httpx.Fail(c, err)
			return
		}
		h.answer(c, http.StatusOK, id)
	}
}

type rejectRequest struct {
	Version *int   `json:"version" validate:"required,min=1"`
	Reason  string `json:"reason" validate:"required,max=500"`
}

func (h *Handler) reject(c *gin.Context) {
	id, ok := h.planID(c)
	if !ok {
		return
	}
	var req rejectRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	if _, err := h.svc.Reject(c.Request.Context(), httpx.Principal(c), id, *req.Version, req.Reason); err != nil {
		httpx.Fail(c, err)
		return
	}
	h.answer(c, http.StatusOK, id)
}

func (h *Handler) delete(c *gin.Context) {
	id, ok := h.planID(c)
	if !ok {
		return
	}
	v, err := strconv.Atoi(c.Query("version"))
	if err != nil || v < 1 {
		httpx.Fail(c, apperr.Field("version", "is required: the plan's version, a whole number from 1"))
		return
	}
	if err := h.svc.Delete(c.Request.Context(), httpx.Principal(c), id, v); err != nil {
		httpx.Fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

type receiveLineRequest struct {
	SKU          string      `json:"sku" validate:"required,max=32"`
	ReceivedQty  *fixed.Qty  `json:"received_qty" validate:"required"`
	RefusedQty   *fixed.Qty  `json:"refused_qty"`
	RefuseReason string      `json:"refuse_reason" validate:"max=200"`
	Photos       []int64     `json:"photos" validate:"max=5"`
	ExpiryDate   *civil.Date `json:"expiry_date"`
}

type receiveRequest struct {
	Version            *int                 `json:"version" validate:"required,min=1"`
	DeliveryTemp       *fixed.Money         `json:"delivery_temp"`
	Note               string               `json:"note" validate:"max=500"`
	ConfirmOverReceipt bool                 `json:"confirm_over_receipt"`
	Lines              []receiveLineRequest `json:"lines" validate:"max=20000,dive"`
}

func (h *Handler) receive(c *gin.Context) {
	id, ok := h.planID(c)
	if !ok {
		return
	}
	var req receiveRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	rc := Receipt{DeliveryTemp: req.DeliveryTemp, Note: req.Note, ConfirmOverReceipt: req.ConfirmOverReceipt}
	for _, l := range req.Lines {
		rl := ReceiptLine{SKU: l.SKU, ReceivedQty: *l.ReceivedQty, RefuseReason: l.RefuseReason, Photos: l.Photos,
			Expiry: l.ExpiryDate}
		if l.RefusedQty != nil {
			rl.RefusedQty = *l.RefusedQty
		}
		rc.Lines = append(rc.Lines, rl)
	}
	if _, err := h.svc.Receive(c.Request.Context(), httpx.Principal(c), id, *req.Version, rc); err != nil {
		httpx.Fail(c, err)
		return
	}
	h.answer(c, http.StatusOK, id)
}

func (h *Handler) export(c *gin.Context) {
	id, ok := h.planID(c)
	if !ok {
		return
	}
	fe := apperr.FieldErrors{}
	format, lang := sheet.FileFormat(c, fe), sheet.Language(c, fe)
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	t, name, err := h.svc.ExportTable(c.Request.Context(), httpx.Principal(c), id, lang)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	if err := sheet.Send(c, format, name, t...); err != nil {
		httpx.Fail(c, err)
	}
}

func (h *Handler) accuracy(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	fe := apperr.FieldErrors{}
	weeks := 8
	if v := c.Query("weeks"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > MaxAccuracyWeeks {
			fe.Add("weeks", "must be a whole number from 1 to "+strconv.Itoa(MaxAccuracyWeeks))
		}
		weeks = n
	}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	r, err := h.svc.Accuracy(c.Request.Context(), httpx.Principal(c), storeID, weeks, c.Query("department_code"))
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, r)
}
