package httpx

import (
	"context"
	"crypto/subtle"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
)

// Names of the session cookie and the CSRF header of DESIGN.md §4.
const (
	SessionCookie = "storeops_session"
	CSRFHeader    = "X-CSRF-Token"
)

// Authenticator resolves a session token to its principal; the auth module implements it.
type Authenticator interface {
	Authenticate(ctx context.Context, token string, viaCookie bool) (*authz.Principal, error)
}

// Access is a route's policy: public, any signed-in user, or a list of roles.
type Access struct {
	public bool
	roles  []authz.Role
}

// Public routes need no session (login, health checks).
func Public() Access { return Access{public: true} }

// AnyRole routes need a session of any role.
func AnyRole() Access { return Access{roles: authz.AllRoles} }

// Roles routes need a session of one of roles; others get 403.
func Roles(roles ...authz.Role) Access { return Access{roles: roles} }

// RouteInfo describes one registered route and its policy; tests walk these.
type RouteInfo struct {
	Method    string
	Path      string // gin syntax, e.g. /api/v1/stores/:store_id
	Public    bool
	Roles     []authz.Role
	BodyLimit int64
}

// Allows reports whether role may call the route.
func (ri RouteInfo) Allows(role authz.Role) bool {
	if ri.Public {
		return true
	}
	for _, r := range ri.Roles {
		if r == role {
			return true
		}
	}
	return false
}

// RouteOption adjusts one route.
type RouteOption func(*RouteInfo)

// WithBodyLimit raises or lowers one route's body limit (bulk imports take more).
func WithBodyLimit(n int64) RouteOption { return func(ri *RouteInfo) { ri.BodyLimit = n } }

// Router registers API routes, each with its access policy, so that authentication, role
// checks, store scoping and body limits are applied the same way everywhere.
type Router struct {
	group     *gin.RouterGroup
	auth      Authenticator
	bodyLimit int64
	routes    *[]RouteInfo
}

// NewRouter returns a Router adding routes under group.
func NewRouter(group *gin.RouterGroup, auth Authenticator, bodyLimit int64) *Router {
	return &Router{group: group, auth: auth, bodyLimit: bodyLimit, routes: &[]RouteInfo{}}
}

// Routes lists what was registered, with policies.
func (r *Router) Routes() []RouteInfo { return append([]RouteInfo(nil), (*r.routes)...) }

// GET registers a GET route.
func (r *Router) GET(path string, a Access, h gin.HandlerFunc, opts ...RouteOption) {
	r.Handle(http.MethodGet, path, a, h, opts...)
}

// POST registers a POST route.
func (r *Router) POST(path string, a Access, h gin.HandlerFunc, opts ...RouteOption) {
	r.Handle(http.MethodPost, path, a, h, opts...)
}

// PUT registers a PUT route.
func (r *Router) PUT(path string, a Access, h gin.HandlerFunc, opts ...RouteOption) {
	r.Handle(http.MethodPut, path, a, h, opts...)
}

// PATCH registers a PATCH route.
func (r *Router) PATCH(path string, a Access, h gin.HandlerFunc, opts ...RouteOption) {
	r.Handle(http.MethodPatch, path, a, h, opts...)
}

// DELETE registers a DELETE route.
func (r *Router) DELETE(path string, a Access, h gin.HandlerFunc, opts ...RouteOption) {
	r.Handle(http.MethodDelete, path, a, h, opts...)
}

// Handle registers a route: authentication (401), role check (403), store scope for paths
// with :store_id (404), body limit (413), then h.
func (r *Router) Handle(method, path string, a Access, h gin.HandlerFunc, opts ...RouteOption) {
	ri := RouteInfo{Method: method, Path: strings.TrimSuffix(r.group.BasePath(), "/") + path, Public: a.public,
		Roles: a.roles, BodyLimit: r.bodyLimit}
	for _, o := range opts {
		o(&ri)
	}
	var chain []gin.HandlerFunc
	if !a.public {
		chain = append(chain, r.authenticate(), requireRoles(a.roles))
		if strings.Contains(path, ":store_id") {
			chain = append(chain, storeScope())
		}
	}
	chain = append(chain, BodyLimit(ri.BodyLimit), h)
	r.group.Handle(method, path, chain...)
	*r.routes = append(*r.routes, ri)
}

// authenticate resolves the bearer token or the session cookie and enforces CSRF for
// cookie-authenticated writes.
func (r *Router) authenticate() gin.HandlerFunc {
	return func(c *gin.Context) {
		token, viaCookie := sessionToken(c)
		if token == "" {
			Fail(c, apperr.New(apperr.ErrUnauthenticated, "unauthenticated", "sign in first"))
			return
		}
		p, err := r.auth.Authenticate(c.Request.Context(), token, viaCookie)
		if err != nil {
			Fail(c, err)
			return
		}
		if viaCookie && !safeMethod(c.Request.Method) {
			sent := c.GetHeader(CSRFHeader)
			if sent == "" || subtle.ConstantTimeCompare([]byte(sent), []byte(p.CSRFToken)) != 1 {
				Fail(c, apperr.New(apperr.ErrForbidden, "csrf_failed",
					"the "+CSRFHeader+" header is missing or wrong"))
				return
			}
		}
		c.Request = c.Request.WithContext(authz.WithPrincipal(c.Request.Context(), p))
		c.Next()
	}
}

// SessionToken returns the bearer token or, failing that, the session cookie.
func sessionToken(c *gin.Context) (token string, viaCookie bool) {
	if h := c.GetHeader("Authorization"); h != "" {
		if scheme, tok, ok := strings.Cut(h, " "); ok && strings.EqualFold(scheme, "Bearer") {
			return strings.TrimSpace(tok), false
		}
		return "", false
	}
	if ck, err := c.Cookie(SessionCookie); err == nil && ck != "" {
		return ck, true
	}
	return "", false
}

// SessionTokenOf exposes the token lookup for logout.
func SessionTokenOf(c *gin.Context) (string, bool) { return sessionToken(c) }

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions
}

func requireRoles(roles []authz.Role) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := Principal(c).RequireRole(roles...); err != nil {
			Fail(c, err)
			return
		}
		c.Next()
	}
}

// storeScope answers 404 for a :store_id outside the caller's scope.
func storeScope() gin.HandlerFunc {
	return func(c *gin.Context) {
		id, err := PathID(c, "store_id")
		if err == nil {
			err = Principal(c).RequireStore(id)
		}
		if err != nil {
			Fail(c, err)
			return
		}
		c.Next()
	}
}

// Principal returns the authenticated caller. On public routes it is nil.
func Principal(c *gin.Context) *authz.Principal {
	return authz.FromContext(c.Request.Context())
}

// Group returns a Router for a sub-path that records its routes in the same list.
func (r *Router) Group(path string) *Router {
	return &Router{group: r.group.Group(path), auth: r.auth, bodyLimit: r.bodyLimit, routes: r.routes}
}
