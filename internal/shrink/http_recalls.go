package shrink

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/httpx"
)

func (h *Handler) registerRecalls(r *httpx.Router) {
	r.GET("/recalls", httpx.AnyRole(), h.listRecalls)
	r.POST("/recalls", httpx.Roles(authz.RoleAdmin), h.createRecall)
	r.GET("/recalls/:recall_id", httpx.AnyRole(), h.getRecall)
}

type recallStoreJSON struct {
	StoreID   int64       `json:"store_id"`
	StoreCode string      `json:"store_code"`
	StoreName string      `json:"store_name"`
	LotCount  int         `json:"lot_count"`
	Qty       fixed.Qty   `json:"qty"`
	Value     fixed.Money `json:"value"`
}

type recallJSON struct {
	ID            int64             `json:"id"`
	SKU           string            `json:"sku"`
	Name          string            `json:"name"`
	Unit          string            `json:"unit"`
	Reason        string            `json:"reason"`
	LotIDs        []int64           `json:"lot_ids"`
	ReceivedFrom  *civil.Date       `json:"received_from"`
	ReceivedTo    *civil.Date       `json:"received_to"`
	StoreCount    int               `json:"store_count"`
	LotCount      int               `json:"lot_count"`
	Qty           fixed.Qty         `json:"qty"`
	Value         fixed.Money       `json:"value"`
	CreatedBy     *int64            `json:"created_by"`
	CreatedByName string            `json:"created_by_name"`
	CreatedAt     time.Time         `json:"created_at"`
	Stores        []recallStoreJSON `json:"stores"`
}

func toRecallJSON(r Recall) recallJSON {
	out := recallJSON{ID: r.ID, SKU: r.SKU, Name: r.Name, Unit: r.Unit, Reason: r.Reason, LotIDs: r.LotIDs,
		ReceivedFrom: r.ReceivedFrom, ReceivedTo: r.ReceivedTo, StoreCount: r.StoreCount, LotCount: r.LotCount, Qty: r.Qty,
		Value: r.Value, CreatedBy: r.CreatedBy, CreatedByName: r.CreatedByName, CreatedAt: r.CreatedAt,
		Stores: []recallStoreJSON{}}
	for _, s := range r.Stores {
		out.Stores = append(out.Stores, recallStoreJSON(s))
	}
	return out
}

func (h *Handler) listRecalls(c *gin.Context) {
	pg, err := httpx.ParsePage(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	items, total, err := h.svc.ListRecalls(c.Request.Context(), httpx.Principal(c), pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]recallJSON, len(items))
	for i, r := range items {
		out[i] = toRecallJSON(r)
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}

type recallRequest struct {
	SKU          string      `json:"sku" validate:"required,max=32"`
	LotIDs       []int64     `json:"lot_ids" validate:"max=200,dive,min=1"`
	ReceivedFrom *civil.Date `json:"received_from"`
	ReceivedTo   *civil.Date `json:"received_to"`
	StoreIDs     []int64     `json:"store_ids" validate:"omitempty,max=1000,dive,min=1"`
	Reason       string      `json:"reason" validate:"required,max=500"`
}

func (h *Handler) createRecall(c *gin.Context) {
	var req recallRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	r, err := h.svc.CreateRecall(c.Request.Context(), httpx.Principal(c), NewRecall(req))
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, toRecallJSON(r))
}

func (h *Handler) getRecall(c *gin.Context) {
	id, err := httpx.PathID(c, "recall_id")
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	r, err := h.svc.GetRecall(c.Request.Context(), httpx.Principal(c), id)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toRecallJSON(r))
}
