package risk

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/httpx"
)

func (h *Handler) listEvents(c *gin.Context) {
	list, err := h.svc.ListEvents(c.Request.Context(), httpx.Principal(c))
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]eventJSON, len(list))
	for i, e := range list {
		out[i] = toEventJSON(e, false)
	}
	c.JSON(http.StatusOK, gin.H{"items": out})
}

type eventRequest struct {
	Name      string      `json:"name" validate:"required,max=100"`
	EventDate *civil.Date `json:"event_date" validate:"required"`
	RiskIDs   []int64     `json:"risk_ids" validate:"required,max=20"`
}

func (h *Handler) createEvent(c *gin.Context) {
	var req eventRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	ev, err := h.svc.CreateEvent(c.Request.Context(), httpx.Principal(c), NewEvent{Name: req.Name, Date: *req.EventDate,
		RiskIDs: req.RiskIDs})
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, toEventJSON(ev, true))
}

func (h *Handler) getEvent(c *gin.Context) {
	id, err := httpx.PathID(c, "readiness_event_id")
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	ev, err := h.svc.GetEvent(c.Request.Context(), httpx.Principal(c), id)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toEventJSON(ev, true))
}

func (h *Handler) generate(c *gin.Context) {
	id, err := httpx.PathID(c, "readiness_event_id")
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	added, err := h.svc.Generate(c.Request.Context(), httpx.Principal(c), id)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"added": added})
}

func (h *Handler) storeReadiness(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	list, err := h.svc.StoreReadiness(c.Request.Context(), httpx.Principal(c), storeID)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]checklistJSON, len(list))
	for i, cl := range list {
		out[i] = checklistJSON{Event: toEventJSON(cl.Event, false), Items: make([]itemJSON, len(cl.Items))}
		for j, it := range cl.Items {
			out[i].Items[j] = toItemJSON(it)
		}
	}
	c.JSON(http.StatusOK, gin.H{"items": out})
}

type completeRequest struct {
	Note string `json:"note" validate:"max=500"`
}

func (h *Handler) completeItem(c *gin.Context) {
	id, err := httpx.PathID(c, "readiness_item_id")
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	var req completeRequest
	if err := h.dec.DecodeOptional(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	it, err := h.svc.CompleteItem(c.Request.Context(), httpx.Principal(c), id, req.Note)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toItemJSON(it))
}
