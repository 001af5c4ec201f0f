package shrink

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/httpx"
)

// Handler serves the shrink endpoints.
type Handler struct {
	svc *Service
	dec *httpx.Decoder
}

// NewHandler returns the shrink handlers.
func NewHandler(svc *Service, dec *httpx.Decoder) *Handler { return &Handler{svc: svc, dec: dec} }

// Register adds the routes. The store's staff record write-offs and markdowns; the service
// decides approval (the store manager or the active deputy) and configuration (the store
// manager); HQ reads.
func (h *Handler) Register(r *httpx.Router) {
	staff := httpx.Roles(authz.RoleAdmin, authz.RoleStoreManager, authz.RoleSupervisor)
	r.GET("/stores/:store_id/write-offs", httpx.AnyRole(), h.listWriteOffs)
	r.POST("/stores/:store_id/write-offs", staff, h.createWriteOff)
	r.GET("/write-offs/:write_off_id", httpx.AnyRole(), h.getWriteOff)
	r.POST("/write-offs/:write_off_id/approve", staff, h.decide("write_off_id", false, h.answerWriteOff,
		func(ctx context.Context, p *authz.Principal, id int64, v *int, _ string) error {
			_, err := h.svc.ApproveWriteOff(ctx, p, id, v)
			return err
		}))
	r.POST("/write-offs/:write_off_id/reject", staff, h.decide("write_off_id", true, h.answerWriteOff,
		func(ctx context.Context, p *authz.Principal, id int64, v *int, reason string) error {
			_, err := h.svc.RejectWriteOff(ctx, p, id, v, reason)
			return err
		}))
	r.GET("/stores/:store_id/markdowns", httpx.AnyRole(), h.listMarkdowns)
	r.POST("/stores/:store_id/markdowns", staff, h.createMarkdown)
	r.GET("/markdowns/:markdown_id", httpx.AnyRole(), h.getMarkdown)
	r.POST("/markdowns/:markdown_id/approve", staff, h.decide("markdown_id", false, h.answerMarkdown,
		func(ctx context.Context, p *authz.Principal, id int64, v *int, _ string) error {
			_, _, _, err := h.svc.ApproveMarkdown(ctx, p, id, v)
			return err
		}))
	r.POST("/markdowns/:markdown_id/reject", staff, h.decide("markdown_id", true, h.answerMarkdown,
		func(ctx context.Context, p *authz.Principal, id int64, v *int, reason string) error {
			_, _, _, err := h.svc.RejectMarkdown(ctx, p, id, v, reason)
			return err
		}))
	r.GET("/stores/:store_id/markdown-suggestions", httpx.AnyRole(), h.suggestions)
	r.GET("/stores/:store_id/shrink", httpx.AnyRole(), h.report)
	r.GET("/stores/:store_id/shrink/export", httpx.AnyRole(), h.export)
	r.GET("/stores/:store_id/shrink-settings", httpx.AnyRole(), h.getSettings)
	r.PUT("/stores/:store_id/shrink-settings", httpx.Roles(authz.RoleAdmin, authz.RoleStoreManager), h.putThreshold)
	r.PUT("/stores/:store_id/markdown-rules/:department_code", httpx.Roles(authz.RoleAdmin, authz.RoleStoreManager), h.putRules)
	r.GET("/markdown-label-layout", httpx.AnyRole(), h.getLayout)
	r.PUT("/markdown-label-layout", httpx.Roles(authz.RoleAdmin), h.putLayout)
	h.registerRecalls(r)
}

func enumQuery(c *gin.Context, fe apperr.FieldErrors, name string, allowed []string) string {
	v := c.Query(name)
	if v != "" && !slices.Contains(allowed, v) {
		fe.Add(name, "must be one of: "+strings.Join(allowed, ", "))
	}
	return v
}

func (h *Handler) listWriteOffs(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	pg, err := httpx.ParsePage(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	fe := apperr.FieldErrors{}
	f := WriteOffFilter{Status: enumQuery(c, fe, "status", WriteOffStatuses), DepartmentCode: c.Query("department_code"),
		Reason: enumQuery(c, fe, "reason", WriteOffReasons), From: httpx.QueryDate(c, "from", fe),
		To: httpx.QueryDate(c, "to", fe)}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	p := httpx.Principal(c)
	items, total, err := h.svc.ListWriteOffs(c.Request.Context(), p, storeID, f, pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]writeOffJSON, len(items))
	for i, w := range items {
		actions, err := h.svc.WriteOffActions(c.Request.Context(), p, w)
		if err != nil {
			httpx.Fail(c, err)
			return
		}
		out[i] = toWriteOffJSON(w, nil, actions)
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}

type writeOffRequest struct {
	SKU    string     `json:"sku" validate:"required,max=32"`
	Qty    *fixed.Qty `json:"qty" validate:"required"`
	Reason string     `json:"reason" validate:"required"`
	LotID  *int64     `json:"lot_id" validate:"omitempty,min=1"`
	Note   string     `json:"note" validate:"max=500"`
	Photos []int64    `json:"photos" validate:"max=5"`
}

func (h *Handler) createWriteOff(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	var req writeOffRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	w, err := h.svc.CreateWriteOff(c.Request.Context(), httpx.Principal(c), storeID, NewWriteOff{SKU: req.SKU,
		Qty: *req.Qty, Reason: req.Reason, LotID: req.LotID, Note: req.Note, Photos: req.Photos})
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	h.answerWriteOff(c, http.StatusCreated, w.ID)
}

func (h *Handler) answerWriteOff(c *gin.Context, status int, id int64) {
	w, photos, actions, err := h.svc.GetWriteOff(c.Request.Context(), httpx.Principal(c), id)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(status, toWriteOffJSON(w, photos, actions))
}

// pathID reads an id of the path and answers 404 when it is outside the caller's scope,
// before any body is read.
func (h *Handler) pathID(c *gin.Context, name string) (int64, bool) {
	id, err := httpx.PathID(c, name)
	if err == nil {
		if name == "write_off_id" {
			err = h.svc.VisibleWriteOff(c.Request.Context(), httpx.Principal(c), id)
		} else {
			err = h.svc.VisibleMarkdown(c.Request.Context(), httpx.Principal(c), id)
		}
	}
	if err != nil {
		httpx.Fail(c, err)
		return 0, false
	}
	return id, true
}

func (h *Handler) getWriteOff(c *gin.Context) {
	if id, ok := h.pathID(c, "write_off_id"); ok {
		h.answerWriteOff(c, http.StatusOK, id)
	}
}

type versionRequest struct {
	Version *int `json:"version" validate:"omitempty,min=1"`
}

type rejectRequest struct {
	Reason  string `json:"reason" validate:"required,max=500"`
	Version *int   `json:"version" validate:"omitempty,min=1"`
}

func (h *Handler) listMarkdowns(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	pg, err := httpx.ParsePage(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	fe := apperr.FieldErrors{}
	f := MarkdownFilter{Status: enumQuery(c, fe, "status", MarkdownStatuses), DepartmentCode: c.Query("department_code"),
		From: httpx.QueryDate(c, "from", fe), To: httpx.QueryDate(c, "to", fe)}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	p := httpx.Principal(c)
	items, total, err := h.svc.ListMarkdowns(c.Request.Context(), p, storeID, f, pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	layout, err := h.svc.Layout(c.Request.Context())
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]markdownJSON, len(items))
	for i, m := range items {
		actions, err := h.svc.MarkdownActions(c.Request.Context(), p, m)
		if err != nil {
			httpx.Fail(c, err)
			return
		}
		out[i] = toMarkdownJSON(m, LabelBarcode(layout, m.SKU, m.MarkdownPrice), actions)
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}

type markdownRequest struct {
	SKU           string       `json:"sku" validate:"required,max=32"`
	Qty           *fixed.Qty   `json:"qty" validate:"required"`
	RegularPrice  *fixed.Money `json:"regular_price"`
	MarkdownPrice *fixed.Money `json:"markdown_price"`
	DiscountPct   *fixed.Money `json:"discount_pct"`
	Reason        string       `json:"reason" validate:"required"`
	LotID         *int64       `json:"lot_id" validate:"omitempty,min=1"`
	Note          string       `json:"note" validate:"max=500"`
}

func (h *Handler) createMarkdown(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	var req markdownRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	m, b, actions, err := h.svc.CreateMarkdown(c.Request.Context(), httpx.Principal(c), storeID, NewMarkdown{
		SKU: req.SKU, Qty: *req.Qty, RegularPrice: req.RegularPrice, MarkdownPrice: req.MarkdownPrice,
		Discount: req.DiscountPct, Reason: req.Reason, LotID: req.LotID, Note: req.Note})
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, toMarkdownJSON(m, b, actions))
}

func (h *Handler) getMarkdown(c *gin.Context) {
	if id, ok := h.pathID(c, "markdown_id"); ok {
		h.answerMarkdown(c, http.StatusOK, id)
	}
}

func (h *Handler) answerMarkdown(c *gin.Context, status int, id int64) {
	m, b, actions, err := h.svc.GetMarkdown(c.Request.Context(), httpx.Principal(c), id)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(status, toMarkdownJSON(m, b, actions))
}

// decide serves an approval (an optional body with the version) or a rejection (the reason
// required) of the write-off or markdown the path names, answering it afterwards.
func (h *Handler) decide(param string, reject bool, answer func(*gin.Context, int, int64),
	run func(ctx context.Context, p *authz.Principal, id int64, version *int, reason string) error) gin.HandlerFunc {
	return func(c *gin.Context) {
		id, ok := h.pathID(c, param)
		if !ok {
			return
		}
		var req rejectRequest
		var err error
		if reject {
			err = h.dec.DecodeRequest(c.Request, &req)
		} else {
			var v versionRequest
			err = h.dec.DecodeOptional(c.Request, &v)
			req.Version = v.Version
		}
		if err == nil {
			err = run(c.Request.Context(), httpx.Principal(c), id, req.Version, req.Reason)
		}
		if err != nil {
			httpx.Fail(c, err)
			return
		}
		answer(c, http.StatusOK, id)
	}
}

func (h *Handler) suggestions(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	pg, err := httpx.ParsePage(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	fe := apperr.FieldErrors{}
	q := SuggestionQuery{DepartmentCode: c.Query("department_code"),
		Action: enumQuery(c, fe, "action", []string{SuggestMarkdown, SuggestWriteOff})}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	items, total, asOf, err := h.svc.Suggestions(c.Request.Context(), httpx.Principal(c), storeID, q, pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]suggestionJSON, len(items))
	for i, s := range items {
		out[i] = toSuggestionJSON(s)
	}
	type page struct {
		httpx.List[suggestionJSON]
		AsOf any `json:"as_of"`
	}
	c.JSON(http.StatusOK, page{List: httpx.NewList(out, pg, int64(total)), AsOf: asOf.UTC()})
}

func reportQuery(c *gin.Context, fe apperr.FieldErrors) ReportQuery {
	q := ReportQuery{From: httpx.QueryDate(c, "from", fe), To: httpx.QueryDate(c, "to", fe),
		DepartmentCode: c.Query("department_code")}
	if v := c.Query("top"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			fe.Add("top", "must be a whole number from 1 to 100")
		}
		q.Top = n
	}
	return q
}

func (h *Handler) report(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	fe := apperr.FieldErrors{}
	q := reportQuery(c, fe)
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	r, err := h.svc.Report(c.Request.Context(), httpx.Principal(c), storeID, q)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toReportJSON(r))
}
