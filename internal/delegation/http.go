package delegation

import (
	"net/http"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/httpx"
)

// Handler serves the delegation endpoints.
type Handler struct {
	svc *Service
	dec *httpx.Decoder
}

// NewHandler returns the delegation handlers.
func NewHandler(svc *Service, dec *httpx.Decoder) *Handler { return &Handler{svc: svc, dec: dec} }

// Register adds the routes: every role of a store reads its deputies; its store manager and
// admins name and revoke them.
func (h *Handler) Register(r *httpx.Router) {
	managers := httpx.Roles(authz.RoleAdmin, authz.RoleStoreManager)
	r.GET("/stores/:store_id/delegations", httpx.AnyRole(), h.list)
	r.POST("/stores/:store_id/delegations", managers, h.create)
	r.POST("/delegations/:delegation_id/revoke", managers, h.revoke)
}

// delegationJSON is a delegation in audit entries.
type delegationJSON struct {
	ID           int64      `json:"id"`
	StoreID      int64      `json:"store_id"`
	DeputyUserID int64      `json:"deputy_user_id"`
	StartsAt     time.Time  `json:"starts_at"`
	EndsAt       time.Time  `json:"ends_at"`
	Note         string     `json:"note"`
	Status       string     `json:"status"`
	CreatedBy    *int64     `json:"created_by"`
	CreatedAt    time.Time  `json:"created_at"`
	RevokedAt    *time.Time `json:"revoked_at"`
	RevokedBy    *int64     `json:"revoked_by"`
	RevokeReason string     `json:"revoke_reason"`
}

// auditJSON converts a delegation for the audit log, with its status at now.
func auditJSON(d Delegation, now time.Time) delegationJSON { return toJSON(d, d.Status(now)) }

func toJSON(d Delegation, status string) delegationJSON {
	return delegationJSON{ID: d.ID, StoreID: d.StoreID, DeputyUserID: d.DeputyUserID, StartsAt: d.StartsAt,
		EndsAt: d.EndsAt, Note: d.Note, Status: status, CreatedBy: d.CreatedBy, CreatedAt: d.CreatedAt,
		RevokedAt: d.RevokedAt, RevokedBy: d.RevokedBy, RevokeReason: d.RevokeReason}
}

// viewJSON is a delegation in API answers: with the deputy's name and the caller's actions.
type viewJSON struct {
	delegationJSON
	DeputyUsername    *string  `json:"deputy_username"`
	DeputyDisplayName *string  `json:"deputy_display_name"`
	AllowedActions    []string `json:"allowed_actions"`
}

func toViewJSON(v View) viewJSON {
	out := viewJSON{delegationJSON: toJSON(v.Delegation, v.Status), AllowedActions: v.AllowedActions}
	if v.Deputy != nil {
		out.DeputyUsername, out.DeputyDisplayName = &v.Deputy.Username, &v.Deputy.DisplayName
	}
	return out
}

type createRequest struct {
	DeputyUserID int64  `json:"deputy_user_id" validate:"required,gte=1"`
	StartsAt     string `json:"starts_at" validate:"required"`
	EndsAt       string `json:"ends_at" validate:"required"`
	Note         string `json:"note" validate:"max=500"`
}

// toDelegation parses the request's timestamps (RFC 3339), naming each malformed one.
func (r createRequest) toDelegation(storeID int64) (Delegation, error) {
	fe := apperr.FieldErrors{}
	starts, err := time.Parse(time.RFC3339, r.StartsAt)
	if err != nil {
		fe.Add("starts_at", "must be an RFC 3339 timestamp such as 2025-03-01T08:00:00Z")
	}
	ends, err := time.Parse(time.RFC3339, r.EndsAt)
	if err != nil {
		fe.Add("ends_at", "must be an RFC 3339 timestamp such as 2025-03-15T08:00:00Z")
	}
	return Delegation{StoreID: storeID, DeputyUserID: r.DeputyUserID, StartsAt: starts, EndsAt: ends, Note: r.Note}, fe.Err()
}

type revokeRequest struct {
	Reason string `json:"reason" validate:"max=500"`
}

func (h *Handler) list(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	pg, err := httpx.ParsePage(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	views, total, err := h.svc.List(c.Request.Context(), httpx.Principal(c), storeID, pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]viewJSON, len(views))
	for i, v := range views {
		out[i] = toViewJSON(v)
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}

func (h *Handler) create(c *gin.Context) {
	storeID, _ := httpx.PathID(c, "store_id")
	var req createRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	d, err := req.toDelegation(storeID)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	v, err := h.svc.Create(c.Request.Context(), httpx.Principal(c), d)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, toViewJSON(v))
}

func (h *Handler) revoke(c *gin.Context) {
	// Out of scope is a 404 before any body is read: another store's delegation is not
	// revealed by a 400.
	id, err := httpx.PathID(c, "delegation_id")
	if err == nil {
		err = h.svc.Visible(c.Request.Context(), httpx.Principal(c), id)
	}
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	var req revokeRequest
	if err := h.dec.DecodeOptional(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	v, err := h.svc.Revoke(c.Request.Context(), httpx.Principal(c), id, req.Reason)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toViewJSON(v))
}
