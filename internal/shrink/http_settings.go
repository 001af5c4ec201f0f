package shrink

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/httpx"
)

func (h *Handler) getSettings(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	s, err := h.svc.Settings(c.Request.Context(), httpx.Principal(c), storeID)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toSettingsJSON(s))
}

type thresholdRequest struct {
	WriteOffThreshold *fixed.Money `json:"write_off_threshold" validate:"required"`
	Version           *int         `json:"version" validate:"required,min=0"`
}

func (h *Handler) putThreshold(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	if err := httpx.Principal(c).RequireStore(storeID); err != nil {
		httpx.Fail(c, err)
		return
	}
	var req thresholdRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	s, err := h.svc.PutThreshold(c.Request.Context(), httpx.Principal(c), storeID, *req.WriteOffThreshold, *req.Version)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toSettingsJSON(s))
}

type stepRequest struct {
	HoursLeft int          `json:"hours_left" validate:"min=1,max=168"`
	Discount  *fixed.Money `json:"discount_pct" validate:"required"`
}

type rulesRequest struct {
	Ladder         []fixed.Money `json:"ladder" validate:"required,min=1,max=8"`
	MaxDiscountPct *fixed.Money  `json:"max_discount_pct" validate:"required"`
	WindowDays     int           `json:"window_days" validate:"min=1,max=14"`
	Schedule       []stepRequest `json:"schedule" validate:"max=8,dive"`
	Version        *int          `json:"version" validate:"required,min=0"`
}

func (h *Handler) putRules(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	if err := httpx.Principal(c).RequireStore(storeID); err != nil {
		httpx.Fail(c, err)
		return
	}
	var req rulesRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	r := Rules{DepartmentCode: c.Param("department_code"), Ladder: req.Ladder, MaxDiscount: *req.MaxDiscountPct,
		WindowDays: req.WindowDays, Version: *req.Version}
	for _, s := range req.Schedule {
		r.Schedule = append(r.Schedule, Step{HoursLeft: s.HoursLeft, Discount: *s.Discount})
	}
	out, err := h.svc.PutRules(c.Request.Context(), httpx.Principal(c), storeID, r)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toRulesJSON(out))
}

func (h *Handler) getLayout(c *gin.Context) {
	l, err := h.svc.Layout(c.Request.Context())
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toLayoutJSON(l))
}

type layoutRequest struct {
	Enabled     *bool  `json:"enabled" validate:"required"`
	Prefix      string `json:"prefix" validate:"max=3"`
	ItemDigits  int    `json:"item_digits" validate:"min=0,max=10"`
	PriceDigits int    `json:"price_digits" validate:"min=0,max=10"`
	Version     *int   `json:"version" validate:"required,min=0"`
}

func (h *Handler) putLayout(c *gin.Context) {
	var req layoutRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	l, err := h.svc.PutLayout(c.Request.Context(), httpx.Principal(c), Layout{Enabled: *req.Enabled, Prefix: req.Prefix,
		ItemDigits: req.ItemDigits, PriceDigits: req.PriceDigits, Version: *req.Version})
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toLayoutJSON(l))
}
