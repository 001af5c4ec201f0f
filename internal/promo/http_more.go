package promo

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/platform/httpx"
)

// registerMore adds the routes of published-campaign revisions: their history, and the
// store's acknowledgement of the latest change.
func (h *Handler) registerMore(r *httpx.Router, staff httpx.Access) {
	r.GET("/campaigns/:campaign_id/revisions", httpx.AnyRole(), h.revisions)
	r.POST("/stores/:store_id/campaign-executions/:campaign_id/ack", staff, h.ack)
	r.GET("/campaigns/:campaign_id/promoters", httpx.AnyRole(), h.promoters)
	r.POST("/campaigns/:campaign_id/promoters", httpx.Roles(authz.RoleAdmin, authz.RoleHQPromotions, authz.RoleStoreManager),
		h.addPromoter)
	r.POST("/campaign-promoters/:promoter_id/shifts", staff, h.addShift)
}

type revisionJSON struct {
	Version       int       `json:"version"`
	ChangedBy     *int64    `json:"changed_by"`
	ChangedByName string    `json:"changed_by_name"`
	ChangedAt     time.Time `json:"changed_at"`
	Summary       Summary   `json:"summary"`
}

func toRevisionJSON(r Revision) revisionJSON {
	return revisionJSON{Version: r.Version, ChangedBy: r.ChangedBy, ChangedByName: r.ChangedByName, ChangedAt: r.ChangedAt.UTC(), Summary: r.Summary.normalized()}
}

func (h *Handler) revisions(c *gin.Context) {
	id, ok := h.campaignID(c)
	if !ok {
		return
	}
	list, err := h.svc.Revisions(c.Request.Context(), httpx.Principal(c), id)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]revisionJSON, len(list))
	for i, r := range list {
		out[i] = toRevisionJSON(r)
	}
	c.JSON(http.StatusOK, gin.H{"items": out})
}

// markChanges flags the store's executions HQ changed since the store acknowledged them,
// with the latest revision.
func (h *Handler) markChanges(c *gin.Context, storeID int64, items []executionJSON) error {
	changes, err := h.svc.UnackedChanges(c.Request.Context(), httpx.Principal(c), storeID)
	if err != nil {
		return err
	}
	for i := range items {
		if r, ok := changes[items[i].CampaignID]; ok {
			rev := toRevisionJSON(r)
			items[i].ChangedSinceAck, items[i].LatestRevision = true, &rev
		}
	}
	return nil
}

func (h *Handler) ack(c *gin.Context) {
	storeID, err := httpx.PathID(c, "store_id")
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	campaignID, err := httpx.PathID(c, "campaign_id")
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	if err := h.svc.Ack(c.Request.Context(), httpx.Principal(c), storeID, campaignID); err != nil {
		httpx.Fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

type promoterRequest struct {
	StoreID *int64 `json:"store_id" validate:"required"`
	Name    string `json:"name" validate:"required,max=100"`
	Phone   string `json:"phone" validate:"max=32"`
	Agency  string `json:"agency" validate:"max=100"`
}

func (h *Handler) addPromoter(c *gin.Context) {
	id, ok := h.campaignID(c)
	if !ok {
		return
	}
	var req promoterRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	out, err := h.svc.AddPromoter(c.Request.Context(), httpx.Principal(c), id, Promoter{StoreID: *req.StoreID, Name: req.Name,
		Phone: req.Phone, Agency: req.Agency})
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, toPromoterJSON(out))
}

type shiftLineRequest struct {
	SKU string     `json:"sku" validate:"required,max=32"`
	Qty *fixed.Qty `json:"qty" validate:"required"`
}

type shiftRequest struct {
	Date      *civil.Date        `json:"date" validate:"required"`
	StartTime string             `json:"start_time" validate:"required"`
	EndTime   string             `json:"end_time" validate:"required"`
	Lines     []shiftLineRequest `json:"lines" validate:"max=200,dive"`
}

// shift converts the request, naming the clock fields that are not HH:MM.
func (r shiftRequest) shift() (Shift, error) {
	fe := apperr.FieldErrors{}
	start, ok := ParseClock(r.StartTime)
	if !ok {
		fe.Add("start_time", "must be a store time HH:MM")
	}
	end, ok := ParseClock(r.EndTime)
	if !ok {
		fe.Add("end_time", "must be a store time HH:MM")
	}
	sh := Shift{Date: *r.Date, StartMinute: start, EndMinute: end, Lines: make([]ShiftLine, len(r.Lines))}
	for i, l := range r.Lines {
		sh.Lines[i] = ShiftLine{SKU: l.SKU, Qty: *l.Qty}
	}
	return sh, fe.Err()
}

func (h *Handler) addShift(c *gin.Context) {
	id, err := httpx.PathID(c, "promoter_id")
	if err == nil {
		err = h.svc.VisiblePromoter(c.Request.Context(), httpx.Principal(c), id)
	}
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	var req shiftRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	sh, err := req.shift()
	if err == nil {
		sh, err = h.svc.AddShift(c.Request.Context(), httpx.Principal(c), id, sh)
	}
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, toShiftJSON(sh))
}

func (h *Handler) promoters(c *gin.Context) {
	id, ok := h.campaignID(c)
	if !ok {
		return
	}
	fe := apperr.FieldErrors{}
	storeID := httpx.QueryInt64(c, "store_id", fe)
	if storeID == nil && len(fe) == 0 {
		fe.Add("store_id", "is required")
	}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	out, err := h.svc.Promoters(c.Request.Context(), httpx.Principal(c), id, *storeID)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toPromoterReportJSON(out))
}
