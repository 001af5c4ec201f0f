package budget

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/httpx"
	"github.com/storeops/storeops/internal/platform/sheet"
)

// Handler serves the budget endpoints.
type Handler struct {
	svc *Service
	dec *httpx.Decoder
}

// NewHandler returns the budget handlers.
func NewHandler(svc *Service, dec *httpx.Decoder) *Handler { return &Handler{svc: svc, dec: dec} }

// Register adds the routes: every role reads the budgets in its scope; store managers (their
// own store) and admins change them.
func (h *Handler) Register(r *httpx.Router) {
	office := httpx.Roles(authz.RoleAdmin, authz.RoleStoreManager)
	r.GET("/stores/:store_id/budgets", httpx.AnyRole(), h.month)
	r.PUT("/stores/:store_id/budgets/:month", office, h.saveMonth)
	r.GET("/stores/:store_id/budgets/:month/:department_code", httpx.AnyRole(), h.get)
	r.PUT("/stores/:store_id/budgets/:month/:department_code", office, h.save)
	r.POST("/stores/:store_id/budgets/:month/copy-from-previous", office, h.copyPrevious)
}

// BudgetJSON is a budget in answers and audit entries.
type BudgetJSON struct {
	DepartmentCode       string       `json:"department_code"`
	Month                string       `json:"month"`
	SalesTarget          *fixed.Money `json:"sales_target"`
	GrossMarginPctTarget *fixed.Money `json:"gross_margin_pct_target"`
	LabourBudget         *fixed.Money `json:"labour_budget"`
	MaterialsBudget      *fixed.Money `json:"materials_budget"`
	RepairsBudget        *fixed.Money `json:"repairs_budget"`
	ShrinkBudget         *fixed.Money `json:"shrink_budget"`
	SalesPerHeadTarget   *fixed.Money `json:"sales_per_head_target"`
	Version              int          `json:"version"`
	UpdatedAt            *time.Time   `json:"updated_at"`
	UpdatedBy            *string      `json:"updated_by"`
}

// BudgetToJSON converts a budget for answers; a budget never stored has no updater.
func BudgetToJSON(b Budget) BudgetJSON {
	out := BudgetJSON{DepartmentCode: b.DepartmentCode, Month: b.Month, SalesTarget: b.SalesTarget,
		GrossMarginPctTarget: b.GrossMarginPctTarget, LabourBudget: b.LabourBudget, MaterialsBudget: b.MaterialsBudget,
		RepairsBudget: b.RepairsBudget, ShrinkBudget: b.ShrinkBudget, SalesPerHeadTarget: b.SalesPerHeadTarget,
		Version: b.Version, UpdatedAt: b.UpdatedAt}
	if b.Version > 0 {
		by := b.UpdatedBy
		out.UpdatedBy = &by
	}
	return out
}

type monthJSON struct {
	StoreID int64        `json:"store_id"`
	Month   string       `json:"month"`
	Items   []BudgetJSON `json:"items"`
}

func toMonthJSON(storeID int64, month string, list []Budget) monthJSON {
	out := monthJSON{StoreID: storeID, Month: month, Items: make([]BudgetJSON, len(list))}
	for i, b := range list {
		out.Items[i] = BudgetToJSON(b)
	}
	return out
}

// amountJSON is a nullable decimal as sent. It keeps the text, so that a bad value is
// reported against its own field (items[2].labour_budget) rather than the whole body.
type amountJSON struct {
	set  bool
	text string // "" for null
	bad  bool   // neither a string, a number nor null
}

func (a *amountJSON) UnmarshalJSON(b []byte) error {
	a.set = true
	b = bytes.TrimSpace(b)
	switch {
	case string(b) == "null":
	case len(b) > 0 && b[0] == '"':
		if err := json.Unmarshal(b, &a.text); err != nil || a.text == "" {
			a.bad = true
		}
	case len(b) > 0 && (b[0] == '-' || (b[0] >= '0' && b[0] <= '9')):
		a.text = string(b)
	default:
		a.bad = true
	}
	return nil
}

// parse reads the amount, naming the field when it is missing or not a decimal.
func (a amountJSON) parse(field string, fe apperr.FieldErrors) *fixed.Money {
	switch {
	case !a.set:
		fe.Add(field, "is required (null for no target)")
	case a.bad:
		fe.Add(field, `must be a decimal such as "12.50", or null`)
	case a.text != "":
		m, err := fixed.ParseMoney(a.text)
		if err != nil {
			fe.Add(field, fixed.Message(err, 2))
			return nil
		}
		return &m
	}
	return nil
}

// amountsRequest holds the seven amounts of a request; every one must be sent, null
// meaning no target.
type amountsRequest struct {
	SalesTarget          amountJSON `json:"sales_target"`
	GrossMarginPctTarget amountJSON `json:"gross_margin_pct_target"`
	LabourBudget         amountJSON `json:"labour_budget"`
	MaterialsBudget      amountJSON `json:"materials_budget"`
	RepairsBudget        amountJSON `json:"repairs_budget"`
	ShrinkBudget         amountJSON `json:"shrink_budget"`
	SalesPerHeadTarget   amountJSON `json:"sales_per_head_target"`
}

func (r amountsRequest) amounts(prefix string, fe apperr.FieldErrors) Amounts {
	var a Amounts
	sent := [7]amountJSON{r.SalesTarget, r.GrossMarginPctTarget, r.LabourBudget, r.MaterialsBudget,
		r.RepairsBudget, r.ShrinkBudget, r.SalesPerHeadTarget}
	for i, f := range a.Fields() {
		*f.Value = sent[i].parse(prefix+f.Name, fe)
	}
	return a
}

type saveRequest struct {
	amountsRequest
	Version *int `json:"version" validate:"required,gte=0"`
}

type monthItemRequest struct {
	DepartmentCode string `json:"department_code" validate:"required,max=32"`
	amountsRequest
	Version *int `json:"version" validate:"required,gte=0"`
}

type saveMonthRequest struct {
	Items []monthItemRequest `json:"items" validate:"required,min=1,max=100,dive"`
}

func (h *Handler) month(c *gin.Context) {
	ctx := c.Request.Context()
	storeID, _ := httpx.PathID(c, "store_id")
	fe := apperr.FieldErrors{}
	format, lang := sheet.Format(c, fe), sheet.Language(c, fe)
	month := c.Query("month")
	if month != "" && !ValidMonth(month) {
		fe.Add("month", "must be a month YYYY-MM")
	}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	if month == "" {
		var err error
		if month, err = h.svc.CurrentMonth(ctx, storeID); err != nil {
			httpx.Fail(c, err)
			return
		}
	}
	list, err := h.svc.Month(ctx, httpx.Principal(c), storeID, month)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	if format != sheet.JSON {
		st, err := h.svc.stores.GetStore(ctx, httpx.Principal(c), storeID)
		if err == nil {
			err = sheet.Send(c, format, "budgets-"+st.Code+"-"+month, exportTable(list, lang))
		}
		if err != nil {
			httpx.Fail(c, err)
		}
		return
	}
	c.JSON(http.StatusOK, toMonthJSON(storeID, month, list))
}

func (h *Handler) get(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	b, err := h.svc.Get(c.Request.Context(), httpx.Principal(c), storeID, c.Param("month"), c.Param("department_code"))
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, BudgetToJSON(b))
}

func (h *Handler) save(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	var req saveRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	fe := apperr.FieldErrors{}
	e := Edit{DepartmentCode: c.Param("department_code"), Amounts: req.amounts("", fe), Version: *req.Version}
	b, err := h.svc.Save(c.Request.Context(), httpx.Principal(c), storeID, c.Param("month"), e, fe)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, BudgetToJSON(b))
}

func (h *Handler) saveMonth(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	var req saveMonthRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	fe := apperr.FieldErrors{}
	edits := make([]Edit, len(req.Items))
	for i, it := range req.Items {
		prefix := "items[" + strconv.Itoa(i) + "]."
		edits[i] = Edit{DepartmentCode: it.DepartmentCode, Amounts: it.amounts(prefix, fe), Version: *it.Version}
	}
	month := c.Param("month")
	list, err := h.svc.SaveMonth(c.Request.Context(), httpx.Principal(c), storeID, month, edits, fe)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toMonthJSON(storeID, month, list))
}

func (h *Handler) copyPrevious(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	month := c.Param("month")
	list, err := h.svc.CopyFromPrevious(c.Request.Context(), httpx.Principal(c), storeID, month)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toMonthJSON(storeID, month, list))
}
