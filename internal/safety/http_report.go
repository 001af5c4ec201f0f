package safety

import (
	"fmt"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/httpx"
	"github.com/storeops/storeops/internal/platform/sheet"
)

type scoreRowJSON struct {
	Group       string      `json:"group"`
	Label       string      `json:"label"`
	Period      civil.Date  `json:"period"`
	Inspections int         `json:"inspections"`
	Failed      int         `json:"failed"`
	MeanScore   fixed.Money `json:"mean_score"`
}

type scoreReportJSON struct {
	From    civil.Date     `json:"from"`
	To      civil.Date     `json:"to"`
	GroupBy string         `json:"group_by"`
	Period  string         `json:"period"`
	Rows    []scoreRowJSON `json:"rows"`
}

// scoreReport answers GET /reports/inspection-scores as JSON, CSV or XLSX.
func (h *Handler) scoreReport(c *gin.Context) {
	fe := apperr.FieldErrors{}
	from, to := httpx.QueryDate(c, "from", fe), httpx.QueryDate(c, "to", fe)
	if from == nil && c.Query("from") == "" {
		fe.Add("from", "is required")
	}
	if to == nil && c.Query("to") == "" {
		fe.Add("to", "is required")
	}
	q := ScoreQuery{GroupBy: c.DefaultQuery("group_by", GroupStore), Period: c.DefaultQuery("period", PeriodMonth),
		StoreID: httpx.QueryInt64(c, "store_id", fe), Department: c.Query("department")}
	format := sheet.JSON
	if c.Query("format") != "json" {
		format = sheet.Format(c, fe)
	}
	lang := sheet.Language(c, fe)
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	q.From, q.To = *from, *to
	p := httpx.Principal(c)
	if q.StoreID == nil {
		q.StoreID = p.StoreFilter()
	}
	rep, err := h.svc.ScoreReport(c.Request.Context(), p, q)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	if format == sheet.JSON {
		out := scoreReportJSON{From: q.From, To: q.To, GroupBy: q.GroupBy, Period: q.Period, Rows: make([]scoreRowJSON, len(rep.Rows))}
		for i, r := range rep.Rows {
			out.Rows[i] = scoreRowJSON{Group: r.Group, Label: r.Label, Period: r.Period, Inspections: r.Count, Failed: r.Failed, MeanScore: r.MeanScore}
		}
		c.JSON(http.StatusOK, out)
		return
	}
	name := fmt.Sprintf("inspection-scores-%s-%s-%s", q.GroupBy, q.From, q.To)
	if err := sheet.Send(c, format, name, ScoreTable(rep, lang)); err != nil {
		httpx.Fail(c, err)
	}
}

var scoreWords = map[string]struct {
	name   string
	header []string
}{
	sheet.Chinese: {"检查得分", []string{"分组", "名称", "期间", "检查次数", "不合格次数", "平均得分"}},
	sheet.English: {"Inspection scores", []string{"Group", "Name", "Period", "Inspections", "Failed", "Mean score"}},
}

// ScoreTable lays the report out as one table, a row per group and period.
func ScoreTable(r ScoreReport, lang string) sheet.Table {
	w := scoreWords[lang]
	t := sheet.Table{Name: w.name, Header: w.header}
	for _, row := range r.Rows {
		t.Rows = append(t.Rows, []sheet.Cell{sheet.Text(row.Group), sheet.Text(row.Label), sheet.Text(row.Period.String()),
			sheet.Integer(row.Count), sheet.Integer(row.Failed), sheet.Number(row.MeanScore.String())})
	}
	return t
}
