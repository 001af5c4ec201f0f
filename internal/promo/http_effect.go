package promo

import (
	"fmt"
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/httpx"
	"github.com/storeops/storeops/internal/platform/sheet"
)

type figuresJSON struct {
	BaselineQtyPerDay   fixed.Qty    `json:"baseline_qty_per_day"`
	PromoQtyPerDay      fixed.Qty    `json:"promo_qty_per_day"`
	BaselineSalesPerDay fixed.Money  `json:"baseline_sales_per_day"`
	PromoSalesPerDay    fixed.Money  `json:"promo_sales_per_day"`
	UpliftPct           *fixed.Money `json:"uplift_pct"`
	IncrementalMargin   fixed.Money  `json:"incremental_margin"`
	DaysOutOfStock      int          `json:"days_out_of_stock"`
}

func toFiguresJSON(f Figures) figuresJSON { return figuresJSON(f) }

type reviewJSON struct {
	StoreID        int64      `json:"store_id"`
	Review         string     `json:"review"`
	ReviewedBy     *int64     `json:"reviewed_by"`
	ReviewedByName string     `json:"reviewed_by_name"`
	ReviewedAt     *time.Time `json:"reviewed_at"`
	Version        int        `json:"version"`
}

func toReviewJSON(r Review) reviewJSON {
	out := reviewJSON(r)
	if out.ReviewedAt != nil {
		t := out.ReviewedAt.UTC()
		out.ReviewedAt = &t
	}
	return out
}

type storeEffectJSON struct {
	figuresJSON
	StoreID   int64      `json:"store_id"`
	StoreCode string     `json:"store_code"`
	StoreName string     `json:"store_name"`
	Review    reviewJSON `json:"review"`
}

type itemEffectJSON struct {
	figuresJSON
	SKU          string      `json:"sku"`
	Name         string      `json:"name"`
	RegularPrice fixed.Money `json:"regular_price"`
	PromoPrice   fixed.Money `json:"promo_price"`
}

type lineEffectJSON struct {
	figuresJSON
	StoreID int64  `json:"store_id"`
	SKU     string `json:"sku"`
	Name    string `json:"name"`
}

type effectJSON struct {
	CampaignID   int64             `json:"campaign_id"`
	StartsOn     civil.Date        `json:"starts_on"`
	EndsOn       civil.Date        `json:"ends_on"`
	MeasuredTo   *civil.Date       `json:"measured_to"`
	Days         int               `json:"days"`
	BaselineFrom civil.Date        `json:"baseline_from"`
	BaselineTo   civil.Date        `json:"baseline_to"`
	Total        figuresJSON       `json:"total"`
	Stores       []storeEffectJSON `json:"stores"`
	Items        []itemEffectJSON  `json:"items"`
	Lines        []lineEffectJSON  `json:"lines"`
}

// toEffectJSON answers the report; lines only of store lineStore (none when 0).
func toEffectJSON(e Effect, lineStore int64) effectJSON {
	w := e.Window
	out := effectJSON{CampaignID: e.CampaignID, StartsOn: w.StartsOn, EndsOn: w.EndsOn, Days: w.Days,
		BaselineFrom: w.BaselineFrom, BaselineTo: w.BaselineTo, Total: toFiguresJSON(e.Figures(e.Total)),
		Stores: []storeEffectJSON{}, Items: []itemEffectJSON{}, Lines: []lineEffectJSON{}}
	if w.Days > 0 {
		to := w.MeasuredTo
		out.MeasuredTo = &to
	}
	for _, s := range e.Stores {
		out.Stores = append(out.Stores, storeEffectJSON{figuresJSON: toFiguresJSON(e.Figures(s.Sums)), StoreID: s.StoreID,
			StoreCode: s.StoreCode, StoreName: s.StoreName, Review: toReviewJSON(s.Review)})
	}
	for _, it := range e.Items {
		out.Items = append(out.Items, itemEffectJSON{figuresJSON: toFiguresJSON(e.Figures(it.Sums)), SKU: it.SKU, Name: it.Name,
			RegularPrice: it.RegularPrice, PromoPrice: it.PromoPrice})
	}
	for _, l := range e.Lines {
		if lineStore != 0 && l.StoreID == lineStore {
			out.Lines = append(out.Lines, lineEffectJSON{figuresJSON: toFiguresJSON(e.Figures(l.Sums)), StoreID: l.StoreID,
				SKU: l.SKU, Name: l.Name})
		}
	}
	return out
}

func (h *Handler) effect(c *gin.Context) {
	id, ok := h.campaignID(c)
	if !ok {
		return
	}
	fe := apperr.FieldErrors{}
	var store int64
	if v := httpx.QueryInt64(c, "store_id", fe); v != nil {
		if *v < 1 {
			fe.Add("store_id", "must be a store id")
		}
		store = *v
	}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	e, err := h.svc.Effect(c.Request.Context(), httpx.Principal(c), id, store)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toEffectJSON(e, store))
}

func (h *Handler) exportEffect(c *gin.Context) {
	id, ok := h.campaignID(c)
	if !ok {
		return
	}
	fe := apperr.FieldErrors{}
	format, lang := sheet.FileFormat(c, fe), sheet.Language(c, fe)
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	e, err := h.svc.Effect(c.Request.Context(), httpx.Principal(c), id, 0)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	if err := sheet.Send(c, format, fmt.Sprintf("campaign-effect-%d", id), EffectTables(e, lang)...); err != nil {
		httpx.Fail(c, err)
	}
}

type reviewRequest struct {
	Review  string `json:"review" validate:"required,max=4000"`
	Version *int   `json:"version" validate:"required,min=0"`
}

func (h *Handler) putReview(c *gin.Context) {
	id, ok := h.campaignID(c)
	if !ok {
		return
	}
	storeID, err := httpx.PathID(c, "store_id")
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	var req reviewRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	r, err := h.svc.PutReview(c.Request.Context(), httpx.Principal(c), id, storeID, req.Review, *req.Version)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toReviewJSON(r))
}
