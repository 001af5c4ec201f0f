package kpi

import (
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/budget"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/httpx"
	"github.com/storeops/storeops/internal/platform/sheet"
)

// Handler serves the KPI endpoints.
type Handler struct{ svc *Service }

// NewHandler returns the KPI handlers.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Register adds the routes: every role reads the KPIs of the stores and departments in its
// scope; the chain-wide ranking is for admins and HQ.
func (h *Handler) Register(r *httpx.Router) {
	r.GET("/stores/:store_id/kpis", httpx.AnyRole(), h.report)
	r.GET("/stores/:store_id/kpis/:kpi/breakdown", httpx.AnyRole(), h.breakdown)
	r.GET("/kpis/stores", httpx.Roles(authz.RoleAdmin, authz.RoleHQPromotions), h.ranking)
}

// reportParams are the query parameters the store reports share.
type reportParams struct {
	query  Query
	format string
	lang   string
}

func readParams(c *gin.Context) (reportParams, error) {
	fe := apperr.FieldErrors{}
	rp := reportParams{format: sheet.Format(c, fe), lang: sheet.Language(c, fe),
		query: Query{Department: c.Query("department_code")}}
	rp.query.From, rp.query.To = httpx.QueryDate(c, "from", fe), httpx.QueryDate(c, "to", fe)
	return rp, fe.Err()
}

func (h *Handler) report(c *gin.Context) {
	ctx := c.Request.Context()
	storeID, _ := httpx.PathID(c, "store_id")
	rp, err := readParams(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	rep, err := h.svc.Report(ctx, httpx.Principal(c), storeID, rp.query)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	if rp.format == sheet.JSON {
		c.JSON(http.StatusOK, toReportJSON(rep))
		return
	}
	names, err := h.svc.departmentNames(ctx, rp.lang)
	if err == nil {
		name := "kpis-" + rep.Store.Code + "-" + rep.Range.From.String() + "-" + rep.Range.To.String()
		err = sheet.Send(c, rp.format, name, reportTable(rep, names, rp.lang))
	}
	if err != nil {
		httpx.Fail(c, err)
	}
}

func (h *Handler) breakdown(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	k, ok := KeyOf(c.Param("kpi"))
	if !ok || !slices.Contains(Breakable, k) {
		httpx.Fail(c, apperr.ErrNotFound)
		return
	}
	rp, err := readParams(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	b, err := h.svc.Breakdown(c.Request.Context(), httpx.Principal(c), storeID, k, rp.query, rp.lang)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	if rp.format == sheet.JSON {
		c.JSON(http.StatusOK, toBreakdownJSON(b))
		return
	}
	name := "kpi-" + Keys[k] + "-" + b.Store.Code + "-" + b.Range.From.String() + "-" + b.Range.To.String()
	if err := sheet.Send(c, rp.format, name, breakdownTables(b, rp.lang)...); err != nil {
		httpx.Fail(c, err)
	}
}

func (h *Handler) ranking(c *gin.Context) {
	fe := apperr.FieldErrors{}
	format, lang := sheet.Format(c, fe), sheet.Language(c, fe)
	q := RankQuery{Month: c.Query("month"), KPI: Sales, Department: c.Query("department_code")}
	if q.Month != "" && !budget.ValidMonth(q.Month) {
		fe.Add("month", "must be a month YYYY-MM")
	}
	if v := c.Query("kpi"); v != "" {
		k, ok := KeyOf(v)
		if !ok {
			fe.Add("kpi", "must be one of the KPI names, such as sales or gross_margin_pct")
		}
		q.KPI = k
	}
	switch c.Query("order") {
	case "", "desc":
	case "asc":
		q.Ascending = true
	default:
		fe.Add("order", "must be asc or desc")
	}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	r, err := h.svc.Ranking(c.Request.Context(), httpx.Principal(c), q)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	if format == sheet.JSON {
		c.JSON(http.StatusOK, toRankingJSON(r))
		return
	}
	name := "ranking-" + Keys[r.KPI] + "-" + r.Month
	if r.Department != "" {
		name += "-" + r.Department
	}
	if err := sheet.Send(c, format, name, rankingTable(r, lang)); err != nil {
		httpx.Fail(c, err)
	}
}
