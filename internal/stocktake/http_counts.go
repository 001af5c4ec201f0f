package stocktake

import (
	"bytes"
	"html/template"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/httpx"
	"github.com/storeops/storeops/internal/platform/upload"
)

// counts takes a count sheet as JSON, or as CSV (columns sku,qty) with ?zone= and
// ?recount=true; either way the sheet's quantities are set, never added to.
func (h *Handler) counts(c *gin.Context) {
	id, ok := h.stocktakeID(c)
	if !ok {
		return
	}
	up, err := upload.FromRequest(c.Request, true)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	in := SheetUpload{Body: c.Request.Body, Request: up, Zone: c.Query("zone"), Recount: c.Query("recount") == "true",
		Scope: c.Request.Method + " " + c.Request.URL.Path, Query: c.Request.URL.RawQuery}
	res, err := h.svc.SubmitCounts(c.Request.Context(), httpx.Principal(c), id, in)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	status := http.StatusCreated
	if res.Replaced || res.Replayed {
		status = http.StatusOK
	}
	c.JSON(status, sheetResultJSON(res))
}

func (h *Handler) variance(c *gin.Context) {
	id, ok := h.stocktakeID(c)
	if !ok {
		return
	}
	pg, err := httpx.ParsePage(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	fe := apperr.FieldErrors{}
	f := VarianceFilter{OverTolerance: httpx.QueryBool(c, "over_tolerance", fe), Uncounted: httpx.QueryBool(c, "uncounted", fe)}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	ls, total, t, err := h.svc.Variance(c.Request.Context(), httpx.Principal(c), id, f, pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := varianceJSON{Items: make([]varianceLineJSON, len(ls)), Page: pg.Page, PageSize: pg.PageSize, Total: int64(total),
		Totals: totalsJSON(t)}
	for i, l := range ls {
		out.Items[i] = toVarianceLine(l)
	}
	c.JSON(http.StatusOK, out)
}

type recountsRequest struct {
	SKUs          []string `json:"skus" validate:"required,min=1,max=50000,dive,required,max=32"`
	CounterUserID *int64   `json:"counter_user_id" validate:"omitempty,gte=1"`
}

func (h *Handler) recounts(c *gin.Context) {
	id, ok := h.stocktakeID(c)
	if !ok {
		return
	}
	var req recountsRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	st, err := h.svc.AssignRecounts(c.Request.Context(), httpx.Principal(c), id, req.SKUs, req.CounterUserID)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	h.answer(c, http.StatusOK, st)
}

type confirmZeroRequest struct {
	SKUs []string `json:"skus" validate:"max=50000,dive,required,max=32"`
	All  bool     `json:"all"`
}

func (h *Handler) confirmZero(c *gin.Context) {
	id, ok := h.stocktakeID(c)
	if !ok {
		return
	}
	var req confirmZeroRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	if req.All == (len(req.SKUs) > 0) {
		httpx.Fail(c, apperr.Field("skus", "name the SKUs to confirm as zero, or send all: true (not both)"))
		return
	}
	st, err := h.svc.ConfirmZero(c.Request.Context(), httpx.Principal(c), id, req.SKUs)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	h.answer(c, http.StatusOK, st)
}

func (h *Handler) accuracy(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	pts, err := h.svc.Accuracy(c.Request.Context(), httpx.Principal(c), storeID, c.Query("department_code"))
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]accuracyPointJSON, len(pts))
	for i, p := range pts {
		out[i] = accuracyPointJSON(p)
	}
	c.JSON(http.StatusOK, gin.H{"items": out})
}

var sheetPage = template.Must(template.New("sheet").Parse(`<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>盘点表 {{.ID}} {{.Zone}}</title>
<style>body{font:12pt sans-serif;margin:1cm}table{border-collapse:collapse;width:100%}
th,td{border:1px solid #000;padding:4px 6px;text-align:left}td.q{width:6em}
@media print{@page{size:A4;margin:1cm}thead{display:table-header-group}}</style></head>
<body><h1>盘点表 Stocktake #{{.ID}} — {{.Zone}}</h1>
<p>{{.Department}} · {{if .Blind}}盲盘 blind{{end}} · 盘点人 Counter: ________ · 日期 Date: ________</p>
<table><thead><tr><th>货位 Location</th><th>SKU</th><th>品名 Name</th>{{if .ShowBook}}<th>账面 Book</th>{{end}}<th>实盘 Counted</th></tr></thead>
<tbody>{{range .Lines}}<tr><td>{{.Location}}</td><td>{{.SKU}}</td><td>{{.Name}}</td>{{if $.ShowBook}}<td>{{.Book}}</td>{{end}}<td class="q"></td></tr>
{{end}}</tbody></table></body></html>`))

// sheet renders a printable count sheet sorted by location; blind sheets carry no book.
func (h *Handler) sheet(c *gin.Context) {
	id, ok := h.stocktakeID(c)
	if !ok {
		return
	}
	zone := c.Query("zone")
	st, ls, showBook, err := h.svc.SheetLines(c.Request.Context(), httpx.Principal(c), id, zone)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	if zone == "" {
		zone = "全部 all zones"
	}
	var buf bytes.Buffer
	err = sheetPage.Execute(&buf, map[string]any{"ID": st.ID, "Zone": zone, "Department": st.DepartmentCode,
		"Blind": st.Blind, "ShowBook": showBook, "Lines": ls})
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.Data(http.StatusOK, "text/html; charset=utf-8", buf.Bytes())
}
