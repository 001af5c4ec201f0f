package testutil

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gin-gonic/gin"
	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/app"
	"github.com/storeops/storeops/internal/platform/config"
	"github.com/storeops/storeops/internal/seed"
)

// Clock is a settable clock for time-based rules.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock starts at a fixed instant.
func NewClock() *Clock { return &Clock{now: time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)} }

// Now returns the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock on.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Env is a running application on a fresh database with the demo organisation seeded.
type Env struct {
	TB     testing.TB
	DB     *gorm.DB
	App    *app.App
	Clock  *Clock
	Config config.Config
}

// Option adjusts the configuration of a test application.
type Option func(*config.Config)

// NewEnv builds the application on a new database of dialect and seeds the demo chain.
func NewEnv(tb testing.TB, dialect string, opts ...Option) *Env {
	tb.Helper()
	cfg, err := config.Load(func(string) string { return "" })
	if err != nil {
		tb.Fatal(err)
	}
	cfg.BcryptCost = 4
	cfg.AttachmentsDir = filepath.Join(tb.TempDir(), "attachments")
	for _, o := range opts {
		o(&cfg)
	}
	gin.SetMode(gin.ReleaseMode)
	db := NewTestDB(tb, dialect)
	clock := NewClock()
	a, err := app.New(app.Deps{Config: cfg, DB: db, Now: clock.Now,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := seed.Demo(context.Background(), seed.Services{Org: a.Org, Catalog: a.Catalog, Calendar: a.Calendar, Supplier: a.Supplier}, ""); err != nil {
		tb.Fatalf("seed: %v", err)
	}
	return &Env{TB: tb, DB: db, App: a, Clock: clock, Config: cfg}
}

// Response is a recorded answer.
type Response struct {
	Status int
	Header http.Header
	Body   []byte
}

// JSON decodes the body into v, failing the test on error.
func (r *Response) JSON(tb testing.TB, v any) {
	tb.Helper()
	if err := json.Unmarshal(r.Body, v); err != nil {
		tb.Fatalf("decode %s: %v", r.Body, err)
	}
}

// ErrorCode returns error.code of an error answer.
func (r *Response) ErrorCode() string {
	var e struct {
		Error struct {
			Code   string            `json:"code"`
			Fields map[string]string `json:"fields"`
		} `json:"error"`
	}
	_ = json.Unmarshal(r.Body, &e)
	return e.Error.Code
}

// Fields returns error.fields of an error answer.
func (r *Response) Fields() map[string]string {
	var e struct {
		Error struct {
			Fields map[string]string `json:"fields"`
		} `json:"error"`
	}
	_ = json.Unmarshal(r.Body, &e)
	return e.Error.Fields
}

// Client calls the application as one user (or anonymously when Token is empty). Every
// answer is checked against api/openapi.yaml.
type Client struct {
	env     *Env
	Token   string
	CSRF    string
	Cookie  bool // send the token as the session cookie instead of a bearer header
	Headers map[string]string
	// RemoteAddr is the client's address ("203.0.113.7:4242"); empty is httptest's 192.0.2.1.
	RemoteAddr string
}

// Anonymous returns a client with no session.
func (e *Env) Anonymous() *Client { return &Client{env: e} }

// Login signs in with the demo password and returns a bearer client.
func (e *Env) Login(username string) *Client {
	e.TB.Helper()
	return e.LoginWith(username, seed.DefaultDemoPassword)
}

// LoginWith signs in with a password.
func (e *Env) LoginWith(username, password string) *Client {
	e.TB.Helper()
	res := e.Anonymous().Do(http.MethodPost, "/api/v1/auth/login",
		map[string]string{"username": username, "password": password})
	if res.Status != http.StatusOK {
		e.TB.Fatalf("login %s: %d %s", username, res.Status, res.Body)
	}
	var body struct {
		Token     string `json:"token"`
		CSRFToken string `json:"csrf_token"`
	}
	res.JSON(e.TB, &body)
	return &Client{env: e, Token: body.Token, CSRF: body.CSRFToken}
}

// Do sends a request; body is marshalled to JSON unless it is a string or []byte.
func (c *Client) Do(method, path string, body any) *Response {
	c.env.TB.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			c.env.TB.Fatal(err)
		}
		rd = bytes.NewReader(raw)
	}
	req := httptest.NewRequest(method, path, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	switch {
	case c.Token != "" && c.Cookie:
		req.AddCookie(&http.Cookie{Name: "storeops_session", Value: c.Token})
	case c.Token != "":
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	for k, v := range c.Headers {
		req.Header.Set(k, v)
	}
	if c.RemoteAddr != "" {
		req.RemoteAddr = c.RemoteAddr
	}
	rec := httptest.NewRecorder()
	c.env.App.Handler.ServeHTTP(rec, req)
	res := &Response{Status: rec.Code, Header: rec.Header(), Body: rec.Body.Bytes()}
	CheckAgainstSpec(c.env.TB, req, res)
	return res
}

// Must sends a request and fails the test unless it answers status want.
func Must(t testing.TB, c *Client, method, path string, body any, want int) *Response {
	t.Helper()
	res := c.Do(method, path, body)
	if res.Status != want {
		t.Fatalf("%s %s: got %d %s, want %d", method, path, res.Status, res.Body, want)
	}
	return res
}
