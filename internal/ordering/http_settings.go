package ordering

import (
	"net/http"
	"slices"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/httpx"
)

// The endpoints of the departments' ordering rules.

func (h *Handler) listSettings(c *gin.Context) {
	depts, err := h.depts.DepartmentCodes(c.Request.Context())
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	items, err := h.svc.ListSettings(c.Request.Context(), depts)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]settingsJSON, len(items))
	for i, s := range items {
		out[i] = toSettingsJSON(s)
	}
	c.JSON(http.StatusOK, gin.H{"items": out})
}

type settingsRequest struct {
	DeliveryWeekdays string       `json:"delivery_weekdays" validate:"required,max=7"`
	ServiceLevel     *fixed.Money `json:"service_level" validate:"required"`
	MaxDeliveryTemp  *fixed.Money `json:"max_delivery_temp"`
	Version          *int         `json:"version" validate:"required,min=0"`
}

func (h *Handler) putSettings(c *gin.Context) {
	dept := c.Param("department_code")
	depts, err := h.depts.DepartmentCodes(c.Request.Context())
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	if !slices.Contains(depts, dept) {
		httpx.Fail(c, apperr.New(apperr.ErrNotFound, "not_found", "department "+dept+" not found"))
		return
	}
	var req settingsRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	out, err := h.svc.PutSettings(c.Request.Context(), httpx.Principal(c), Settings{DepartmentCode: dept,
		DeliveryWeekdays: req.DeliveryWeekdays, ServiceLevel: *req.ServiceLevel, MaxDeliveryTemp: req.MaxDeliveryTemp,
		Version: *req.Version})
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toSettingsJSON(out))
}
