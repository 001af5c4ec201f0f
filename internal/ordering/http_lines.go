package ordering

import (
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/httpx"
)

// The endpoints of a plan's lines: the page, one line with its explanation, an edit.

func (h *Handler) lines(c *gin.Context) {
	id, ok := h.planID(c)
	if !ok {
		return
	}
	pg, err := httpx.ParsePage(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	if pg.PageSize > MaxLinesPage {
		httpx.Fail(c, apperr.Field("page_size", "must be at most "+strconv.Itoa(MaxLinesPage)))
		return
	}
	fe := apperr.FieldErrors{}
	f := LineFilter{Q: c.Query("q"), SupplierCode: c.Query("supplier_code")}
	if b := httpx.QueryBool(c, "exceptions_only", fe); b != nil {
		f.ExceptionsOnly = *b
	}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	items, total, err := h.svc.Lines(c.Request.Context(), httpx.Principal(c), id, f, pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]lineJSON, len(items))
	for i, l := range items {
		out[i] = toLineJSON(l)
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}

func (h *Handler) line(c *gin.Context) {
	id, ok := h.planID(c)
	if !ok {
		return
	}
	l, hist, err := h.svc.Line(c.Request.Context(), httpx.Principal(c), id, c.Param("sku"))
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	h.lineDetail(c, l, hist)
}

func (h *Handler) lineDetail(c *gin.Context, l Line, hist []SalesDay) {
	out := lineDetailJSON{lineJSON: toLineJSON(l), Explanation: l.Explanation, History: make([]salesDayJSON, len(hist))}
	if out.Explanation.Days == nil {
		out.Explanation.Days = []DayPart{}
	}
	for i, d := range hist {
		out.History[i] = salesDayJSON(d)
	}
	c.JSON(http.StatusOK, out)
}

type editLineRequest struct {
	OrderedQty      *fixed.Qty `json:"ordered_qty" validate:"required"`
	DeviationReason string     `json:"deviation_reason" validate:"max=200"`
	Version         *int       `json:"version" validate:"required,min=1"`
}

func (h *Handler) editLine(c *gin.Context) {
	id, ok := h.planID(c)
	if !ok {
		return
	}
	var req editLineRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	l, err := h.svc.EditLine(c.Request.Context(), httpx.Principal(c), id, c.Param("sku"), *req.OrderedQty,
		req.DeviationReason, *req.Version)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toLineJSON(l))
}
