package calendar

import (
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/httpx"
)

// Handler serves the calendar endpoints.
type Handler struct {
	svc *Service
	dec *httpx.Decoder
}

// NewHandler returns the calendar's HTTP handlers.
func NewHandler(svc *Service, dec *httpx.Decoder) *Handler { return &Handler{svc: svc, dec: dec} }

// Register adds the routes: every role reads the calendar; admins and HQ edit it.
func (h *Handler) Register(r *httpx.Router) {
	editors := httpx.Roles(authz.RoleAdmin, authz.RoleHQPromotions)
	r.GET("/calendar-events", httpx.AnyRole(), h.list)
	r.POST("/calendar-events", editors, h.create)
	r.GET("/calendar-events/:event_id", httpx.AnyRole(), h.get)
	r.PATCH("/calendar-events/:event_id", editors, h.update)
	r.DELETE("/calendar-events/:event_id", editors, h.remove)
}

// EventJSON is a calendar entry in answers and audit entries.
type EventJSON struct {
	ID        int64      `json:"id"`
	Name      string     `json:"name"`
	Kind      string     `json:"kind"`
	StartsOn  civil.Date `json:"starts_on"`
	EndsOn    civil.Date `json:"ends_on"`
	Days      int        `json:"days"`
	Note      string     `json:"note"`
	Version   int        `json:"version"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
}

// ToJSON converts an entry for answers.
func ToJSON(e Event) EventJSON {
	return EventJSON{ID: e.ID, Name: e.Name, Kind: e.Kind, StartsOn: e.StartsOn, EndsOn: e.EndsOn, Days: e.Days(),
		Note: e.Note, Version: e.Version, CreatedAt: e.CreatedAt, UpdatedAt: e.UpdatedAt}
}

type createRequest struct {
	Name     string      `json:"name" validate:"required,max=64"`
	Kind     string      `json:"kind" validate:"required,oneof=holiday event"`
	StartsOn *civil.Date `json:"starts_on" validate:"required"`
	EndsOn   *civil.Date `json:"ends_on" validate:"required"`
	Note     string      `json:"note" validate:"max=500"`
}

type updateRequest struct {
	Name     *string     `json:"name" validate:"omitempty,max=64"`
	Kind     *string     `json:"kind" validate:"omitempty,oneof=holiday event"`
	StartsOn *civil.Date `json:"starts_on"`
	EndsOn   *civil.Date `json:"ends_on"`
	Note     *string     `json:"note" validate:"omitempty,max=500"`
	Version  int         `json:"version" validate:"required,gte=1"`
}

func (h *Handler) list(c *gin.Context) {
	pg, err := httpx.ParsePage(c, "starts_on", "name")
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	fe := apperr.FieldErrors{}
	f := Filter{From: httpx.QueryDate(c, "from", fe), To: httpx.QueryDate(c, "to", fe), Q: c.Query("q"), Kind: c.Query("kind")}
	if f.Kind != "" && f.Kind != KindHoliday && f.Kind != KindEvent {
		fe.Add("kind", "must be holiday or event")
	}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	events, total, err := h.svc.List(c.Request.Context(), httpx.Principal(c), f, pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]EventJSON, len(events))
	for i, e := range events {
		out[i] = ToJSON(e)
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}

func (h *Handler) create(c *gin.Context) {
	var req createRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	e, err := h.svc.Create(c.Request.Context(), httpx.Principal(c), Event{Name: req.Name, Kind: req.Kind,
		StartsOn: *req.StartsOn, EndsOn: *req.EndsOn, Note: req.Note})
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, ToJSON(e))
}

func (h *Handler) get(c *gin.Context) {
	id, _ := httpx.PathID(c, "event_id")
	e, err := h.svc.Get(c.Request.Context(), httpx.Principal(c), id)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, ToJSON(e))
}

func (h *Handler) update(c *gin.Context) {
	id, _ := httpx.PathID(c, "event_id")
	var req updateRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	e, err := h.svc.Update(c.Request.Context(), httpx.Principal(c), id, Patch(req))
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, ToJSON(e))
}

// remove deletes the entry at the version the caller read (`?version=`): a stale one is 409.
func (h *Handler) remove(c *gin.Context) {
	id, _ := httpx.PathID(c, "event_id")
	version, err := strconv.Atoi(c.Query("version"))
	if err != nil || version < 1 {
		httpx.Fail(c, apperr.Field("version", "required: the version you read, a whole number from 1"))
		return
	}
	if err := h.svc.Delete(c.Request.Context(), httpx.Principal(c), id, version); err != nil {
		httpx.Fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
