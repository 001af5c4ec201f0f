package auth

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/httpx"
)

// Handler serves sign-in, sign-out and the caller's own profile.
type Handler struct {
	svc          *Service
	org          *org.Service
	dec          *httpx.Decoder
	cookieSecure bool
}

// NewHandler returns the auth handlers.
func NewHandler(svc *Service, orgSvc *org.Service, dec *httpx.Decoder, cookieSecure bool) *Handler {
	return &Handler{svc: svc, org: orgSvc, dec: dec, cookieSecure: cookieSecure}
}

// Register adds the routes.
func (h *Handler) Register(r *httpx.Router) {
	r.POST("/auth/login", httpx.Public(), h.login, httpx.WithBodyLimit(8<<10))
	r.POST("/auth/logout", httpx.AnyRole(), h.logout)
	r.GET("/me", httpx.AnyRole(), h.me)
	r.PUT("/me/password", httpx.AnyRole(), h.changePassword, httpx.WithBodyLimit(8<<10))
}

type loginRequest struct {
	Username string `json:"username" validate:"required,max=64"`
	Password string `json:"password" validate:"required,max=200"`
}

type loginResponse struct {
	Token     string    `json:"token"`
	CSRFToken string    `json:"csrf_token"`
	ExpiresAt time.Time `json:"expires_at"`
	User      MeJSON    `json:"user"`
}

// MeJSON is the signed-in user: their fields at the top level, with their store.
type MeJSON struct {
	ID              int64      `json:"id"`
	Username        string     `json:"username"`
	DisplayName     string     `json:"display_name"`
	Role            string     `json:"role"`
	StoreID         *int64     `json:"store_id"`
	Store           *storeJSON `json:"store"`
	DepartmentCodes []string   `json:"department_codes"`
	CSRFToken       string     `json:"csrf_token"`
}

func meJSON(p org.Profile, csrf string) MeJSON {
	m := MeJSON{ID: p.ID, Username: p.Username, DisplayName: p.DisplayName, Role: string(p.Role),
		StoreID: p.StoreID, DepartmentCodes: p.DepartmentCodes, CSRFToken: csrf}
	if p.Store != nil {
		s := storeJSON(*p.Store)
		m.Store = &s
	}
	return m
}

// storeJSON is the signed-in user's store, as the store list shows it.
type storeJSON struct {
	ID        int64     `json:"id"`
	Code      string    `json:"code"`
	Name      string    `json:"name"`
	Region    string    `json:"region"`
	Timezone  string    `json:"timezone"`
	Active    bool      `json:"active"`
	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

func (h *Handler) login(c *gin.Context) {
	var req loginRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	sess, err := h.svc.Login(c.Request.Context(), req.Username, req.Password, c.ClientIP(), c.Request.UserAgent())
	if err != nil {
		var th *ErrThrottled
		if errors.As(err, &th) {
			c.Header("Retry-After", strconv.Itoa(th.Seconds()))
		}
		httpx.Fail(c, err)
		return
	}
	prof, err := h.org.ProfileOf(c.Request.Context(), sess.UserID)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	h.setCookie(c, sess.Token, int(sess.MaxAge.Seconds()))
	c.JSON(http.StatusOK, loginResponse{Token: sess.Token, CSRFToken: sess.CSRFToken,
		ExpiresAt: sess.ExpiresAt, User: meJSON(prof, sess.CSRFToken)})
}

func (h *Handler) setCookie(c *gin.Context, value string, maxAge int) {
	http.SetCookie(c.Writer, &http.Cookie{Name: httpx.SessionCookie, Value: value, Path: "/",
		MaxAge: maxAge, HttpOnly: true, Secure: h.cookieSecure, SameSite: http.SameSiteLaxMode})
}

func (h *Handler) logout(c *gin.Context) {
	token, _ := httpx.SessionTokenOf(c)
	if err := h.svc.Logout(c.Request.Context(), token); err != nil {
		httpx.Fail(c, err)
		return
	}
	h.setCookie(c, "", -1)
	c.Status(http.StatusNoContent)
}

// me answers from the profile read with the session; only a principal made otherwise makes
// it look the user up.
func (h *Handler) me(c *gin.Context) {
	p := httpx.Principal(c)
	prof, ok := p.Profile.(org.Profile)
	if !ok {
		var err error
		if prof, err = h.org.ProfileOf(c.Request.Context(), p.UserID); err != nil {
			httpx.Fail(c, err)
			return
		}
	}
	c.JSON(http.StatusOK, meJSON(prof, p.CSRFToken))
}

type changePasswordRequest struct {
	CurrentPassword string `json:"current_password" validate:"required,max=200"`
	NewPassword     string `json:"new_password" validate:"required"`
}

func (h *Handler) changePassword(c *gin.Context) {
	var req changePasswordRequest
	if err := h.dec.DecodeRequest(c.Request, &req); err != nil {
		httpx.Fail(c, err)
		return
	}
	err := h.org.ChangeOwnPassword(c.Request.Context(), httpx.Principal(c), req.CurrentPassword, req.NewPassword)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.Status(http.StatusNoContent)
}
