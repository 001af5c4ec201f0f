package outbox

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/httpx"
)

// Handler serves GET /outbox.
type Handler struct{ svc *Service }

// NewHandler returns the outbox handler.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Register adds the admin-only route.
func (h *Handler) Register(r *httpx.Router) {
	r.GET("/outbox", httpx.Roles(authz.RoleAdmin), h.list)
}

func (h *Handler) list(c *gin.Context) {
	pg, err := httpx.ParsePage(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	items, total, err := h.svc.List(c.Request.Context(), httpx.Principal(c), c.Query("status"), pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, httpx.NewList(items, pg, total))
}
