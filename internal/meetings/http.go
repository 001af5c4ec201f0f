package meetings

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/httpx"
)

// Handler serves the meetings endpoints.
type Handler struct {
	svc *Service
	dec *httpx.Decoder
}

// NewHandler returns the meetings handlers.
func NewHandler(svc *Service, dec *httpx.Decoder) *Handler { return &Handler{svc: svc, dec: dec} }

// Register adds the routes: the store's manager and supervisors (and admins) record meetings,
// everyone who sees the store reads them.
func (h *Handler) Register(r *httpx.Router) {
	staff := httpx.Roles(authz.RoleAdmin, authz.RoleStoreManager, authz.RoleSupervisor)
	r.GET("/stores/:store_id/meetings", httpx.AnyRole(), h.list)
	r.POST("/stores/:store_id/meetings", staff, h.create)
	r.GET("/stores/:store_id/meeting-people", httpx.AnyRole(), h.people)
	r.GET("/meetings/:meeting_id", httpx.AnyRole(), h.get)
}

func (h *Handler) list(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	pg, err := httpx.ParsePage(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	fe := apperr.FieldErrors{}
	f := Filter{DepartmentCode: c.Query("department_code"), From: httpx.QueryDate(c, "from", fe),
		To: httpx.QueryDate(c, "to", fe)}
	if f.From != nil && f.To != nil && *f.To < *f.From {
		fe.Add("to", "must not be before from")
	}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	items, total, err := h.svc.List(c.Request.Context(), httpx.Principal(c), storeID, f, pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]meetingJSON, len(items))
	for i, m := range items {
		out[i] = toJSON(m)
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}

type itemRequest struct {
	Title          string     `json:"title" validate:"max=200"`
	DepartmentCode string     `json:"department_code" validate:"max=32"`
	OwnerID        *int64     `json:"owner_id" validate:"omitempty,min=1"`
	DueOn          civil.Date `json:"due_on"`
}

type createRequest struct {
	DepartmentCode string        `json:"department_code" validate:"max=32"`
	HeldOn         civil.Date    `json:"held_on"`
	Kind           string        `json:"kind"`
	Title          string        `json:"title" validate:"max=200"`
	ChairID        *int64        `json:"chair_id"`
	Attendees      []int64       `json:"attendees"`
	Notes          string        `json:"notes" validate:"max=20000"`
	Items          []itemRequest `json:"items" validate:"max=200,dive"`
}

// toNew turns the request into a meeting; the chair defaults to the caller.
func (req createRequest) toNew(p *authz.Principal) NewMeeting {
	n := NewMeeting{DepartmentCode: req.DepartmentCode, HeldOn: req.HeldOn, Kind: req.Kind, Title: req.Title,
		Attendees: req.Attendees, Notes: req.Notes, Items: make([]NewItem, len(req.Items))}
	if req.ChairID != nil {
		n.ChairID = *req.ChairID
	} else if p.StoreID != nil {
		n.ChairID = p.UserID
	}
	for i, it := range req.Items {
		n.Items[i] = NewItem(it)
	}
	return n
}

func (h *Handler) create(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	p := httpx.Principal(c)
	if err := p.RequireStore(storeID); err != nil {
		httpx.Fail(c, err)
		return
	}
	var req createRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	d, err := h.svc.Create(c.Request.Context(), p, storeID, req.toNew(p))
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, toDetailJSON(d))
}

func (h *Handler) get(c *gin.Context) {
	id, err := httpx.PathID(c, "meeting_id")
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	d, err := h.svc.Get(c.Request.Context(), httpx.Principal(c), id)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toDetailJSON(d))
}

func (h *Handler) people(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	users, err := h.svc.People(c.Request.Context(), httpx.Principal(c), storeID)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]personJSON, len(users))
	for i, u := range users {
		out[i] = personJSON{ID: u.ID, Username: u.Username, DisplayName: u.DisplayName, Role: string(u.Role),
			DepartmentCodes: u.DepartmentCodes}
		if out[i].DepartmentCodes == nil {
			out[i].DepartmentCodes = []string{}
		}
	}
	c.JSON(http.StatusOK, gin.H{"items": out})
}
