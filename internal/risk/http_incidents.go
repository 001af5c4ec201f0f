package risk

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/httpx"
)

type incidentRequest struct {
	RiskID      int64      `json:"risk_id" validate:"required,min=1"`
	Level       string     `json:"level"`
	Title       string     `json:"title" validate:"required,max=200"`
	Description string     `json:"description" validate:"max=2000"`
	OccurredAt  *time.Time `json:"occurred_at"`
	OwnerID     *int64     `json:"owner_id" validate:"omitempty,min=1"`
}

func (h *Handler) createIncident(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	var req incidentRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	n := NewIncident{RiskID: req.RiskID, Level: req.Level, Title: req.Title, Description: req.Description,
		OccurredAt: h.svc.now(), OwnerID: req.OwnerID}
	if req.OccurredAt != nil {
		n.OccurredAt = *req.OccurredAt
	}
	in, err := h.svc.CreateIncident(c.Request.Context(), httpx.Principal(c), storeID, n)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	h.answer(c, http.StatusCreated, in.ID)
}

// id reads the incident of the path, answering 404 before any body is read when it is
// outside the caller's scope.
func (h *Handler) id(c *gin.Context) (int64, bool) {
	id, err := httpx.PathID(c, "incident_id")
	if err == nil {
		_, err = h.svc.loadIncident(c.Request.Context(), h.svc.db, httpx.Principal(c), id)
	}
	if err != nil {
		httpx.Fail(c, err)
		return 0, false
	}
	return id, true
}

func (h *Handler) answer(c *gin.Context, status int, id int64) {
	p := httpx.Principal(c)
	d, err := h.svc.GetIncident(c.Request.Context(), p, id)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(status, toIncidentJSON(d, h.svc.Allowed(p, d.Incident), true))
}

func (h *Handler) getIncident(c *gin.Context) {
	if id, ok := h.id(c); ok {
		h.answer(c, http.StatusOK, id)
	}
}

type incidentPatchRequest struct {
	Level       *string `json:"level"`
	Title       *string `json:"title" validate:"omitempty,max=200"`
	Description *string `json:"description" validate:"omitempty,max=2000"`
	OwnerID     *int64  `json:"owner_id" validate:"omitempty,min=1"`
	Version     int     `json:"version" validate:"required,min=1"`
}

func (h *Handler) updateIncident(c *gin.Context) {
	id, ok := h.id(c)
	if !ok {
		return
	}
	var req incidentPatchRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	err := h.svc.UpdateIncident(c.Request.Context(), httpx.Principal(c), id, IncidentPatch(req))
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	h.answer(c, http.StatusOK, id)
}

type actionRequest struct {
	Note   string  `json:"note" validate:"required,max=1000"`
	Photos []int64 `json:"photos" validate:"max=5"`
}

func (h *Handler) addAction(c *gin.Context) {
	id, ok := h.id(c)
	if !ok {
		return
	}
	var req actionRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	if err := h.svc.AddAction(c.Request.Context(), httpx.Principal(c), id, req.Note, req.Photos); err != nil {
		httpx.Fail(c, err)
		return
	}
	h.answer(c, http.StatusCreated, id)
}

type resolveRequest struct {
	Resolution string `json:"resolution" validate:"required,max=2000"`
	Version    *int   `json:"version" validate:"omitempty,min=1"`
}

func (h *Handler) resolve(c *gin.Context) {
	id, ok := h.id(c)
	if !ok {
		return
	}
	var req resolveRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	if err := h.svc.Resolve(c.Request.Context(), httpx.Principal(c), id, req.Resolution, req.Version); err != nil {
		httpx.Fail(c, err)
		return
	}
	h.answer(c, http.StatusOK, id)
}

type closeRequest struct {
	Note    string `json:"note" validate:"max=1000"`
	Version *int   `json:"version" validate:"omitempty,min=1"`
}

func (h *Handler) close(c *gin.Context) {
	id, ok := h.id(c)
	if !ok {
		return
	}
	var req closeRequest
	if err := h.dec.DecodeOptional(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	if err := h.svc.Close(c.Request.Context(), httpx.Principal(c), id, req.Note, req.Version); err != nil {
		httpx.Fail(c, err)
		return
	}
	h.answer(c, http.StatusOK, id)
}
