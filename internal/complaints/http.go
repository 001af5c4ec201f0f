package complaints

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/httpx"
)

// Handler serves the complaints endpoints.
type Handler struct {
	svc *Service
	dec *httpx.Decoder
}

// NewHandler returns the complaints handlers.
func NewHandler(svc *Service, dec *httpx.Decoder) *Handler { return &Handler{svc: svc, dec: dec} }

// Register adds the routes: the store's staff record and handle complaints, the store manager
// reopens, HQ reads every store's and the chain-wide report.
func (h *Handler) Register(r *httpx.Router) {
	staff := httpx.Roles(authz.RoleAdmin, authz.RoleStoreManager, authz.RoleSupervisor)
	r.GET("/stores/:store_id/complaints", httpx.AnyRole(), h.list)
	r.POST("/stores/:store_id/complaints", staff, h.create)
	r.GET("/stores/:store_id/complaints/:complaint_id", httpx.AnyRole(), h.get)
	r.POST("/stores/:store_id/complaints/:complaint_id/steps", staff, h.addStep)
	r.POST("/stores/:store_id/complaints/:complaint_id/resolve", staff, h.resolve)
	r.POST("/stores/:store_id/complaints/:complaint_id/reopen", httpx.Roles(authz.RoleAdmin, authz.RoleStoreManager), h.reopen)
	r.GET("/stores/:store_id/complaint-report", httpx.AnyRole(), h.storeReport)
	r.GET("/complaint-report", httpx.Roles(authz.RoleAdmin, authz.RoleHQPromotions, authz.RoleHQQuality), h.chainReport)
	r.GET("/stores/:store_id/complaint-report/export", httpx.AnyRole(), h.storeExport)
	r.GET("/complaint-report/export", httpx.Roles(authz.RoleAdmin, authz.RoleHQPromotions, authz.RoleHQQuality), h.chainExport)
}

func enumQuery(c *gin.Context, fe apperr.FieldErrors, name string, allowed []string) string {
	v := c.Query(name)
	if v != "" && !slices.Contains(allowed, v) {
		fe.Add(name, "must be one of: "+strings.Join(allowed, ", "))
	}
	return v
}

// dayBounds turns the optional from/to dates into [from 00:00, to+1 00:00) in loc.
func dayBounds(from, to *civil.Date, loc *time.Location) (*time.Time, *time.Time) {
	var f, t *time.Time
	if from != nil {
		v := time.Date(from.Time().Year(), from.Time().Month(), from.Time().Day(), 0, 0, 0, 0, loc)
		f = &v
	}
	if to != nil {
		next := to.AddDays(1).Time()
		v := time.Date(next.Year(), next.Month(), next.Day(), 0, 0, 0, 0, loc)
		t = &v
	}
	return f, t
}

func (h *Handler) list(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	pg, err := httpx.ParsePage(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	fe := apperr.FieldErrors{}
	f := Filter{Status: enumQuery(c, fe, "status", Statuses), Category: enumQuery(c, fe, "category", Categories),
		DepartmentCode: c.Query("department_code")}
	from, to := httpx.QueryDate(c, "from", fe), httpx.QueryDate(c, "to", fe)
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	p := httpx.Principal(c)
	if err := p.RequireStore(storeID); err != nil {
		httpx.Fail(c, err)
		return
	}
	loc, err := h.svc.location(c.Request.Context(), storeID)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	f.From, f.To = dayBounds(from, to, loc)
	items, total, err := h.svc.List(c.Request.Context(), p, storeID, f, pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]complaintJSON, len(items))
	for i, it := range items {
		out[i] = toJSON(Detail{Complaint: it}, h.svc.Actions(p, it), false)
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}

type createRequest struct {
	Channel        string     `json:"channel" validate:"required"`
	Category       string     `json:"category" validate:"required"`
	DepartmentCode string     `json:"department_code" validate:"max=32"`
	SKU            string     `json:"sku" validate:"max=32"`
	Description    string     `json:"description" validate:"required,max=2000"`
	ReceivedAt     *time.Time `json:"received_at"`
}

func (h *Handler) create(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	var req createRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	n := NewComplaint{Channel: req.Channel, Category: req.Category, DepartmentCode: req.DepartmentCode, SKU: req.SKU,
		Description: req.Description, ReceivedAt: h.svc.now()}
	if req.ReceivedAt != nil {
		n.ReceivedAt = *req.ReceivedAt
	}
	created, err := h.svc.Create(c.Request.Context(), httpx.Principal(c), storeID, n)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	h.answer(c, http.StatusCreated, storeID, created.ID)
}

// ids reads the store and complaint of the path, answering 404 before any body is read when
// the complaint is outside the caller's scope.
func (h *Handler) ids(c *gin.Context) (int64, int64, bool) {
	storeID, _ := httpx.PathID(c, "store_id")
	id, err := httpx.PathID(c, "complaint_id")
	if err == nil {
		err = h.svc.Visible(c.Request.Context(), httpx.Principal(c), storeID, id)
	}
	if err != nil {
		httpx.Fail(c, err)
		return 0, 0, false
	}
	return storeID, id, true
}

func (h *Handler) answer(c *gin.Context, status int, storeID, id int64) {
	p := httpx.Principal(c)
	d, err := h.svc.Get(c.Request.Context(), p, storeID, id)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(status, toJSON(d, h.svc.Actions(p, d.Complaint), true))
}

func (h *Handler) get(c *gin.Context) {
	if storeID, id, ok := h.ids(c); ok {
		h.answer(c, http.StatusOK, storeID, id)
	}
}

type stepRequest struct {
	Note   string  `json:"note" validate:"required,max=1000"`
	Photos []int64 `json:"photos" validate:"max=5"`
}

func (h *Handler) addStep(c *gin.Context) {
	storeID, id, ok := h.ids(c)
	if !ok {
		return
	}
	var req stepRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	if _, err := h.svc.AddStep(c.Request.Context(), httpx.Principal(c), storeID, id, req.Note, req.Photos); err != nil {
		httpx.Fail(c, err)
		return
	}
	h.answer(c, http.StatusCreated, storeID, id)
}

type resolveRequest struct {
	Resolution   string       `json:"resolution" validate:"required,max=2000"`
	Compensation *fixed.Money `json:"compensation"`
	Version      *int         `json:"version" validate:"omitempty,min=1"`
}

func (h *Handler) resolve(c *gin.Context) {
	storeID, id, ok := h.ids(c)
	if !ok {
		return
	}
	var req resolveRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	res := Resolution{Text: req.Resolution}
	if req.Compensation != nil {
		res.Compensation = *req.Compensation
	}
	if _, err := h.svc.Resolve(c.Request.Context(), httpx.Principal(c), storeID, id, res, req.Version); err != nil {
		httpx.Fail(c, err)
		return
	}
	h.answer(c, http.StatusOK, storeID, id)
}

type versionRequest struct {
	Version *int `json:"version" validate:"omitempty,min=1"`
}

func (h *Handler) reopen(c *gin.Context) {
	storeID, id, ok := h.ids(c)
	if !ok {
		return
	}
	var req versionRequest
	if err := h.dec.DecodeOptional(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	if _, err := h.svc.Reopen(c.Request.Context(), httpx.Principal(c), storeID, id, req.Version); err != nil {
		httpx.Fail(c, err)
		return
	}
	h.answer(c, http.StatusOK, storeID, id)
}

func (h *Handler) storeReport(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	h.report(c, &storeID)
}

func (h *Handler) chainReport(c *gin.Context) { h.report(c, nil) }

// report answers the report over from … to.
func (h *Handler) report(c *gin.Context, storeID *int64) {
	rep, from, to, ok := h.compute(c, storeID, apperr.FieldErrors{})
	if !ok {
		return
	}
	c.JSON(http.StatusOK, toReportJSON(rep, from, to, storeID))
}

// compute reads from … to (both required, at most 366 days apart), in the store's time zone
// (chain-wide: UTC+8, the chain's), adds fe's problems and answers the report; false when it
// answered an error.
func (h *Handler) compute(c *gin.Context, storeID *int64, fe apperr.FieldErrors) (Report, civil.Date, civil.Date, bool) {
	from, to := httpx.QueryDate(c, "from", fe), httpx.QueryDate(c, "to", fe)
	switch {
	case from == nil && fe["from"] == "":
		fe.Add("from", "is required")
	case to == nil && fe["to"] == "":
		fe.Add("to", "is required")
	case from != nil && to != nil && (*to < *from || int(*to-*from) > 366):
		fe.Add("to", "must be from from to 366 days after it")
	}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return Report{}, 0, 0, false
	}
	loc := chainZone
	if storeID != nil {
		var err error
		if err = httpx.Principal(c).RequireStore(*storeID); err == nil {
			loc, err = h.svc.location(c.Request.Context(), *storeID)
		}
		if err != nil {
			httpx.Fail(c, err)
			return Report{}, 0, 0, false
		}
	}
	f, t := dayBounds(from, to, loc)
	rep, err := h.svc.Report(c.Request.Context(), httpx.Principal(c), storeID, *f, *t)
	if err != nil {
		httpx.Fail(c, err)
		return Report{}, 0, 0, false
	}
	return rep, *from, *to, true
}

// chainZone is the zone of chain-wide date ranges: China Standard Time, where the chain is.
var chainZone = time.FixedZone("UTC+8", 8*3600)
