package feeds

import (
	"net/http"
	"slices"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/httpx"
	"github.com/storeops/storeops/internal/platform/upload"
)

// BodyLimit is the largest upload: 100,000 lines fit comfortably; a 50 MB body does not.
const BodyLimit = 32 << 20

// Handler serves the feed endpoints.
type Handler struct{ svc *Service }

// NewHandler returns the feed handlers.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Register adds the routes. Receipts may also be booked by supervisors, for their own
// departments; the other feeds come from the store's systems or its manager.
func (h *Handler) Register(r *httpx.Router) {
	office := httpx.Roles(authz.RoleAdmin, authz.RoleStoreManager)
	limit := httpx.WithBodyLimit(BodyLimit)
	r.POST("/stores/:store_id/sales", office, h.ingest(KindSales), limit)
	r.POST("/stores/:store_id/receipts", httpx.Roles(authz.RoleAdmin, authz.RoleStoreManager, authz.RoleSupervisor),
		h.ingest(KindReceipts), limit)
	r.POST("/stores/:store_id/labour", office, h.ingest(KindLabour), limit)
	r.POST("/stores/:store_id/expenses", office, h.ingest(KindExpenses), limit)
	r.GET("/stores/:store_id/imports", httpx.AnyRole(), h.history)
}

func (h *Handler) ingest(kind string) gin.HandlerFunc {
	return func(c *gin.Context) {
		storeID, _ := httpx.PathID(c, "store_id")
		up, err := upload.FromRequest(c.Request, true)
		if err != nil {
			httpx.Fail(c, err)
			return
		}
		req := Request{StoreID: storeID, Kind: kind, Body: c.Request.Body, Request: up,
			Scope: c.Request.Method + " " + c.Request.URL.Path, Query: c.Request.URL.RawQuery}
		res, err := h.svc.Ingest(c.Request.Context(), httpx.Principal(c), req)
		if err != nil {
			httpx.Fail(c, err)
			return
		}
		c.JSON(http.StatusOK, res)
	}
}

type importJSON struct {
	ID             int64     `json:"id"`
	Kind           string    `json:"kind"`
	Source         string    `json:"source"`
	Lines          int       `json:"lines"`
	Created        int       `json:"created"`
	Updated        int       `json:"updated"`
	Unchanged      int       `json:"unchanged"`
	ActorUsername  string    `json:"actor_username"`
	CreatedAt      time.Time `json:"created_at"`
	IdempotencyKey *string   `json:"idempotency_key"`
}

func (h *Handler) history(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	pg, err := httpx.ParsePage(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	kind := c.Query("kind")
	if kind != "" && !slices.Contains(Kinds, kind) {
		httpx.Fail(c, apperr.Field("kind", "must be one of: sales, receipts, labour, expenses"))
		return
	}
	rows, total, err := h.svc.History(c.Request.Context(), httpx.Principal(c), storeID, kind, pg.Offset(), pg.PageSize)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]importJSON, len(rows))
	for i, r := range rows {
		out[i] = importJSON(r)
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}
