package notify

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/httpx"
	"github.com/storeops/storeops/internal/platform/patch"
)

// Handler serves the notification channel endpoints.
type Handler struct {
	svc *Service
	dec *httpx.Decoder
}

// NewHandler returns the notify handlers.
func NewHandler(svc *Service, dec *httpx.Decoder) *Handler { return &Handler{svc: svc, dec: dec} }

// Register adds the routes: admins configure channels; store managers read their store's
// channels and deliveries.
func (h *Handler) Register(r *httpx.Router) {
	admin := httpx.Roles(authz.RoleAdmin)
	readers := httpx.Roles(authz.RoleAdmin, authz.RoleStoreManager)
	r.GET("/notification-topics", readers, h.topics)
	r.GET("/notification-channels", readers, h.list)
	r.POST("/notification-channels", admin, h.create)
	r.GET("/notification-channels/:channel_id", readers, h.get)
	r.PATCH("/notification-channels/:channel_id", admin, h.update)
	r.DELETE("/notification-channels/:channel_id", admin, h.remove)
	r.POST("/notification-channels/:channel_id/test", admin, h.test)
	r.GET("/notification-deliveries", readers, h.deliveries)
}

type channelJSON struct {
	ID        int64    `json:"id"`
	Name      string   `json:"name"`
	Kind      string   `json:"kind"`
	StoreID   *int64   `json:"store_id"`
	Topics    []string `json:"topics"`
	URLMasked string   `json:"url_masked"`
	// SecretSet says whether a signing secret is kept; the secret itself is never answered.
	SecretSet  bool      `json:"secret_set"`
	Recipients []string  `json:"recipients"`
	Enabled    bool      `json:"enabled"`
	Version    int       `json:"version"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

func toJSON(c Channel) channelJSON {
	return channelJSON{ID: c.ID, Name: c.Name, Kind: c.Kind, StoreID: c.StoreID, Topics: c.Topics,
		URLMasked: MaskURL(c.URL), SecretSet: c.Secret != "", Recipients: c.Recipients, Enabled: c.Enabled,
		Version: c.Version, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt}
}

func (h *Handler) topics(c *gin.Context) {
	if _, err := readScope(httpx.Principal(c)); err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, gin.H{"topics": Topics, "kinds": Kinds, "email_configured": h.svc.opts.SMTP.Configured()})
}

func (h *Handler) list(c *gin.Context) {
	pg, err := httpx.ParsePage(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	fe := apperr.FieldErrors{}
	f := ChannelFilter{StoreID: httpx.QueryInt64(c, "store_id", fe), Kind: c.Query("kind")}
	if f.Kind != "" && !slices.Contains(Kinds, f.Kind) {
		fe.Add("kind", "must be one of: "+strings.Join(Kinds, ", "))
	}
	if cw := httpx.QueryBool(c, "chain_wide", fe); cw != nil {
		f.ChainWide = *cw
	}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	items, total, err := h.svc.List(c.Request.Context(), httpx.Principal(c), f, pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]channelJSON, len(items))
	for i, it := range items {
		out[i] = toJSON(it)
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}

type createRequest struct {
	Name       string   `json:"name" validate:"required,max=100"`
	Kind       string   `json:"kind" validate:"required"`
	StoreID    *int64   `json:"store_id" validate:"omitempty,min=1"`
	Topics     []string `json:"topics" validate:"required,max=50"`
	URL        string   `json:"url" validate:"max=1000"`
	Secret     string   `json:"secret" validate:"max=200"`
	Recipients []string `json:"recipients" validate:"max=20"`
	Enabled    *bool    `json:"enabled"`
}

func (h *Handler) create(c *gin.Context) {
	var req createRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	ch := Channel{Name: req.Name, Kind: req.Kind, StoreID: req.StoreID, Topics: req.Topics, URL: strings.TrimSpace(req.URL),
		Secret: req.Secret, Recipients: req.Recipients, Enabled: req.Enabled == nil || *req.Enabled}
	created, err := h.svc.Create(c.Request.Context(), httpx.Principal(c), ch)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, toJSON(created))
}

// id reads the channel of the path, answering 404 before any body is read when it is outside
// the caller's scope.
func (h *Handler) id(c *gin.Context) (int64, bool) {
	id, err := httpx.PathID(c, "channel_id")
	if err == nil {
		_, err = h.svc.Get(c.Request.Context(), httpx.Principal(c), id)
	}
	if err != nil {
		httpx.Fail(c, err)
		return 0, false
	}
	return id, true
}

func (h *Handler) get(c *gin.Context) {
	id, err := httpx.PathID(c, "channel_id")
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	ch, err := h.svc.Get(c.Request.Context(), httpx.Principal(c), id)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toJSON(ch))
}

type updateRequest struct {
	Name       *string            `json:"name" validate:"omitempty,max=100"`
	StoreID    patch.Field[int64] `json:"store_id"`
	Topics     *[]string          `json:"topics" validate:"omitempty,max=50"`
	URL        *string            `json:"url" validate:"omitempty,max=1000"`
	Secret     *string            `json:"secret" validate:"omitempty,max=200"`
	Recipients *[]string          `json:"recipients" validate:"omitempty,max=20"`
	Enabled    *bool              `json:"enabled"`
	Version    int                `json:"version" validate:"required,min=1"`
}

func (h *Handler) update(c *gin.Context) {
	id, ok := h.id(c)
	if !ok {
		return
	}
	var req updateRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	ch := Patch{Name: req.Name, SetStore: req.StoreID.Set, StoreID: req.StoreID.Value, Topics: req.Topics,
		Secret: req.Secret, Recipients: req.Recipients, Enabled: req.Enabled}
	if req.URL != nil {
		u := strings.TrimSpace(*req.URL)
		ch.URL = &u
	}
	updated, err := h.svc.Update(c.Request.Context(), httpx.Principal(c), id, ch, req.Version)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, toJSON(updated))
}

func (h *Handler) remove(c *gin.Context) {
	id, ok := h.id(c)
	if !ok {
		return
	}
	version, err := strconv.Atoi(c.Query("version"))
	if err != nil || version < 1 {
		httpx.Fail(c, apperr.Field("version", "is required: the channel's version as read"))
		return
	}
	if err := h.svc.Delete(c.Request.Context(), httpx.Principal(c), id, version); err != nil {
		httpx.Fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}

func (h *Handler) test(c *gin.Context) {
	id, ok := h.id(c)
	if !ok {
		return
	}
	res, err := h.svc.Test(c.Request.Context(), httpx.Principal(c), id)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	var msg *string
	if res.Error != "" {
		msg = &res.Error
	}
	c.JSON(http.StatusOK, gin.H{"ok": res.OK, "error": msg, "message_id": res.MessageID})
}

type deliveryJSON struct {
	ID          int64      `json:"id"`
	MessageID   string     `json:"message_id"`
	ChannelID   int64      `json:"channel_id"`
	ChannelName string     `json:"channel_name"`
	ChannelKind string     `json:"channel_kind"`
	Topic       string     `json:"topic"`
	StoreID     *int64     `json:"store_id"`
	Status      string     `json:"status"`
	Attempts    int        `json:"attempts"`
	LastError   *string    `json:"last_error"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
	DeliveredAt *time.Time `json:"delivered_at"`
}

func (h *Handler) deliveries(c *gin.Context) {
	pg, err := httpx.ParsePage(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	fe := apperr.FieldErrors{}
	f := DeliveryFilter{ChannelID: httpx.QueryInt64(c, "channel_id", fe), Status: c.Query("status"), Topic: c.Query("topic")}
	if f.Status != "" && !slices.Contains(Statuses, f.Status) {
		fe.Add("status", "must be one of: "+strings.Join(Statuses, ", "))
	}
	if len(f.Topic) > 64 {
		fe.Add("topic", "must have at most 64 characters")
	}
	if err := fe.Err(); err != nil {
		httpx.Fail(c, err)
		return
	}
	items, total, err := h.svc.Deliveries(c.Request.Context(), httpx.Principal(c), f, pg)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	out := make([]deliveryJSON, len(items))
	for i, d := range items {
		out[i] = deliveryJSON(d)
	}
	c.JSON(http.StatusOK, httpx.NewList(out, pg, total))
}
