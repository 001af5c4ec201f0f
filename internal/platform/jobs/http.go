package jobs

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/httpx"
)

// Handler serves GET /jobs.
type Handler struct{ runner *Runner }

// NewHandler returns the jobs handler.
func NewHandler(r *Runner) *Handler { return &Handler{runner: r} }

// Register adds the admin-only route.
func (h *Handler) Register(r *httpx.Router) {
	r.GET("/jobs", httpx.Roles(authz.RoleAdmin), h.list)
}

func (h *Handler) list(c *gin.Context) {
	pg, err := httpx.ParsePage(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	items, total, err := h.runner.List(c.Request.Context(), httpx.Principal(c), pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, httpx.NewList(items, pg, total))
}
