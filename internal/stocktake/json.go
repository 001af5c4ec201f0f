package stocktake

import (
	"time"

	"github.com/storeops/storeops/internal/platform/fixed"
)

// stocktakeJSON is a stocktake in API answers and audit entries.
type stocktakeJSON struct {
	ID               int64        `json:"id"`
	StoreID          int64        `json:"store_id"`
	DepartmentCode   string       `json:"department_code"`
	Scope            string       `json:"scope"`
	Categories       []string     `json:"categories"`
	Zones            []string     `json:"zones"`
	Blind            bool         `json:"blind"`
	TolerancePct     fixed.Money  `json:"tolerance_pct"`
	ToleranceValue   fixed.Money  `json:"tolerance_value"`
	Note             string       `json:"note"`
	Status           string       `json:"status"`
	RejectReason     string       `json:"reject_reason"`
	ItemCount        int          `json:"item_count"`
	FrozenSeq        *int64       `json:"frozen_seq"`
	CreatedBy        *int64       `json:"created_by"`
	StartedAt        *time.Time   `json:"started_at"`
	SubmittedAt      *time.Time   `json:"submitted_at"`
	ApprovedAt       *time.Time   `json:"approved_at"`
	ApprovedBy       *int64       `json:"approved_by"`
	BookValue        *fixed.Money `json:"book_value"`
	VarianceAbsValue *fixed.Money `json:"variance_abs_value"`
	Accuracy         *Ratio       `json:"accuracy"`
	Version          int          `json:"version"`
	CreatedAt        time.Time    `json:"created_at"`
	UpdatedAt        time.Time    `json:"updated_at"`
}

// auditJSON converts a stocktake for answers and for the audit log's before/after.
func auditJSON(st Stocktake) stocktakeJSON {
	cats := st.Categories
	if cats == nil {
		cats = []string{}
	}
	return stocktakeJSON{ID: st.ID, StoreID: st.StoreID, DepartmentCode: st.DepartmentCode, Scope: st.Scope,
		Categories: cats, Zones: st.Zones, Blind: st.Blind, TolerancePct: st.TolerancePct,
		ToleranceValue: st.ToleranceValue, Note: st.Note, Status: st.Status, RejectReason: st.RejectReason,
		ItemCount: st.ItemCount, FrozenSeq: st.FrozenSeq, CreatedBy: st.CreatedBy,
		StartedAt: st.StartedAt, SubmittedAt: st.SubmittedAt, ApprovedAt: st.ApprovedAt, ApprovedBy: st.ApprovedBy,
		BookValue: st.BookValue, VarianceAbsValue: st.VarianceAbsValue, Accuracy: st.Accuracy, Version: st.Version,
		CreatedAt: st.CreatedAt, UpdatedAt: st.UpdatedAt}
}

type sheetJSON struct {
	ID        int64     `json:"id"`
	Zone      string    `json:"zone"`
	CounterID int64     `json:"counter_id"`
	Kind      string    `json:"kind"`
	Lines     int       `json:"lines"`
	UpdatedAt time.Time `json:"updated_at"`
}

type summaryJSON struct {
	Items            int         `json:"items"`
	Counted          int         `json:"counted"`
	Uncounted        int         `json:"uncounted"`
	NeedsRecount     int         `json:"needs_recount"`
	UncountedSKUs    []string    `json:"uncounted_skus"`
	NeedsRecountSKUs []string    `json:"needs_recount_skus"`
	Sheets           []sheetJSON `json:"sheets"`
}

// answerJSON is a stocktake in API answers: with what the caller may do to it now.
type answerJSON struct {
	stocktakeJSON
	AllowedActions []string `json:"allowed_actions"`
}

func toAnswer(v View) answerJSON {
	actions := v.AllowedActions
	if actions == nil {
		actions = []string{}
	}
	return answerJSON{stocktakeJSON: auditJSON(v.Stocktake), AllowedActions: actions}
}

type detailJSON struct {
	answerJSON
	Summary summaryJSON `json:"summary"`
}

func toDetail(v View, s Summary) detailJSON {
	sheets := make([]sheetJSON, len(s.Sheets))
	for i, sh := range s.Sheets {
		sheets[i] = sheetJSON(sh)
	}
	return detailJSON{answerJSON: toAnswer(v), Summary: summaryJSON{Items: s.Items, Counted: s.Counted,
		Uncounted: s.Uncounted, NeedsRecount: s.NeedsRecount, UncountedSKUs: s.UncountedSKUs,
		NeedsRecountSKUs: s.NeedsRecountSKUs, Sheets: sheets}}
}

type varianceLineJSON struct {
	SKU           string       `json:"sku"`
	Name          string       `json:"name"`
	Location      string       `json:"location"`
	BookQty       fixed.Qty    `json:"book_qty"`
	CountedQty    *fixed.Qty   `json:"counted_qty"`
	VarianceQty   *fixed.Qty   `json:"variance_qty"`
	VarianceValue *fixed.Money `json:"variance_value"`
	OverTolerance bool         `json:"over_tolerance"`
	NeedsRecount  bool         `json:"needs_recount"`
	Recounted     bool         `json:"recounted"`
	ZeroConfirmed bool         `json:"zero_confirmed"`
}

func toVarianceLine(l Line) varianceLineJSON {
	out := varianceLineJSON{SKU: l.SKU, Name: l.Name, Location: l.Location, BookQty: l.Book,
		OverTolerance: l.OverTolerance, NeedsRecount: l.NeedsRecount, Recounted: l.Recounted, ZeroConfirmed: l.ZeroConfirmed}
	if l.HasCount {
		out.CountedQty, out.VarianceQty, out.VarianceValue = &l.Counted, &l.Variance, &l.VarianceValue
	}
	return out
}

type totalsJSON struct {
	BookValue        fixed.Money `json:"book_value"`
	VarianceAbsValue fixed.Money `json:"variance_abs_value"`
	Accuracy         Ratio       `json:"accuracy"`
}

type varianceJSON struct {
	Items    []varianceLineJSON `json:"items"`
	Page     int                `json:"page"`
	PageSize int                `json:"page_size"`
	Total    int64              `json:"total"`
	Totals   totalsJSON         `json:"totals"`
}

type sheetResultJSON struct {
	SheetID     int64  `json:"sheet_id"`
	StocktakeID int64  `json:"stocktake_id"`
	Zone        string `json:"zone"`
	Kind        string `json:"kind"`
	Lines       int    `json:"lines"`
	Replaced    bool   `json:"replaced"`
	Replayed    bool   `json:"replayed"`
}

type accuracyPointJSON struct {
	StocktakeID    int64     `json:"stocktake_id"`
	DepartmentCode string    `json:"department_code"`
	ApprovedAt     time.Time `json:"approved_at"`
	Accuracy       Ratio     `json:"accuracy"`
}
