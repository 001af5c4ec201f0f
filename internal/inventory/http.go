package inventory

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/httpx"
)

// Handler serves the inventory and movement lists.
type Handler struct{ svc *Service }

// NewHandler returns the inventory handlers.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Register adds the routes: every role reads stock of the stores in its scope.
func (h *Handler) Register(r *httpx.Router) {
	r.GET("/stores/:store_id/inventory", httpx.AnyRole(), h.inventory)
	r.GET("/stores/:store_id/movements", httpx.AnyRole(), h.movements)
}

type lotJSON struct {
	ID           int64      `json:"id"`
	ReceivedDate civil.Date `json:"received_date"`
	ExpiryDate   civil.Date `json:"expiry_date"`
	QtyRemaining fixed.Qty  `json:"qty_remaining"`
	DaysToExpiry int        `json:"days_to_expiry"`
}

type itemJSON struct {
	ProductID      int64       `json:"product_id"`
	SKU            string      `json:"sku"`
	Name           string      `json:"name"`
	DepartmentCode string      `json:"department_code"`
	Category       string      `json:"category"`
	Unit           string      `json:"unit"`
	OnHand         fixed.Qty   `json:"on_hand"`
	StockValue     fixed.Money `json:"stock_value"`
	AvgDailySales  fixed.Qty   `json:"avg_daily_sales"`
	DaysOfCover    *string     `json:"days_of_cover"`
	ExpiringQty    fixed.Qty   `json:"expiring_qty"`
	NextExpiry     *civil.Date `json:"next_expiry"`
	Lots           []lotJSON   `json:"lots"`
}

func toItemJSON(it Item) itemJSON {
	out := itemJSON{ProductID: it.Ref.ID, SKU: it.Ref.SKU, Name: it.Ref.Name, DepartmentCode: it.Ref.DepartmentCode,
		Category: it.Ref.Category, Unit: it.Ref.Unit, OnHand: it.OnHand, StockValue: it.StockValue,
		AvgDailySales: it.AvgDailySales, ExpiringQty: it.ExpiringQty, NextExpiry: it.NextExpiry,
		Lots: make([]lotJSON, len(it.Lots))}
	if it.HasCover {
		s := strconv.FormatInt(it.CoverTenths/10, 10) + "." + strconv.FormatInt(it.CoverTenths%10, 10)
		out.DaysOfCover = &s
	}
	for i, l := range it.Lots {
		out.Lots[i] = lotJSON{ID: l.ID, ReceivedDate: l.Received, ExpiryDate: l.Expiry, QtyRemaining: l.Remaining,
			DaysToExpiry: l.DaysToExpiry}
	}
	return out
}

func (h *Handler) inventory(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	pg, err := httpx.ParsePage(c, ListSorts...)
	fe := apperr.FieldErrors{}
	if err != nil {
		fe = err.(apperr.FieldErrors)
	}
	q := ListQuery{Q: c.Query("q"), DepartmentCode: c.Query("department_code"), Category: c.Query("category"),
		ExpiringWithinDays: 3, Page: pg}
	if v := c.Query("expiring_within_days"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 365 {
			fe.Add("expiring_within_days", "must be a whole number from 0 to 365")
		}
		q.ExpiringWithinDays = n
	}
	q.OnlyExpiring = deref(httpx.QueryBool(c, "only_expiring", fe))
	q.InStock = deref(httpx.QueryBool(c, "in_stock", fe))
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	items, total, err := h.svc.List(c.Request.Context(), httpx.Principal(c), storeID, q)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]itemJSON, len(items))
	for i, it := range items {
		out[i] = toItemJSON(it)
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}

func deref(b *bool) bool { return b != nil && *b }

type movementJSON struct {
	ID           int64      `json:"id"`
	Seq          int64      `json:"seq"`
	SKU          string     `json:"sku"`
	Name         string     `json:"name"`
	BusinessDate civil.Date `json:"business_date"`
	Kind         string     `json:"kind"`
	Qty          fixed.Qty  `json:"qty"`
	RefType      string     `json:"ref_type"`
	RefID        string     `json:"ref_id"`
	ActorID      *int64     `json:"actor_id"`
	CreatedAt    time.Time  `json:"created_at"`
}

func (h *Handler) movements(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	pg, err := httpx.ParsePage(c)
	fe := apperr.FieldErrors{}
	if err != nil {
		fe = err.(apperr.FieldErrors)
	}
	f := MovementFilter{SKU: c.Query("sku"), Kind: c.Query("kind"), RefType: c.Query("ref_type"), RefID: c.Query("ref_id"),
		From: httpx.QueryDate(c, "from", fe), To: httpx.QueryDate(c, "to", fe)}
	if f.Kind != "" && !slices.Contains(Kinds, f.Kind) {
		fe.Add("kind", "must be one of: "+strings.Join(Kinds, ", "))
	}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	moves, total, err := h.svc.Movements(c.Request.Context(), httpx.Principal(c), storeID, f, pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]movementJSON, len(moves))
	for i, m := range moves {
		out[i] = movementJSON{ID: m.ID, Seq: m.Seq, SKU: m.Product.SKU, Name: m.Product.Name, BusinessDate: m.Date,
			Kind: m.Kind, Qty: m.Qty, RefType: m.RefType, RefID: m.RefID, ActorID: m.ActorID, CreatedAt: m.CreatedAt}
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}
