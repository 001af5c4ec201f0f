package promo

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/httpx"
)

// registerMore adds the routes of published-campaign revisions: their history, and the
// store's acknowledgement of the latest change.
func (h *Handler) registerMore(r *httpx.Router, staff httpx.Access) {
	r.GET("/campaigns/:campaign_id/revisions", httpx.AnyRole(), h.revisions)
	r.POST("/stores/:store_id/campaign-executions/:campaign_id/ack", staff, h.ack)
}

type revisionJSON struct {
	Version   int       `json:"version"`
	ChangedBy *int64    `json:"changed_by"`
	ChangedAt time.Time `json:"changed_at"`
	Summary   Summary   `json:"summary"`
}

func toRevisionJSON(r Revision) revisionJSON {
	return revisionJSON{Version: r.Version, ChangedBy: r.ChangedBy, ChangedAt: r.ChangedAt.UTC(), Summary: r.Summary.normalized()}
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
