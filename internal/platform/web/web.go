// Package web serves the embedded single-page app with history-mode fallback, the OpenAPI
// file and its browsable docs page.
package web

import (
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/httpx"
)

// SPA serves files from dist and index.html for every other non-API path.
type SPA struct {
	files fs.FS
	index []byte
}

// NewSPA takes the embedded build (a tree whose root holds index.html).
func NewSPA(dist fs.FS) *SPA {
	index, _ := fs.ReadFile(dist, "index.html")
	return &SPA{files: dist, index: index}
}

// Built reports whether the front end was built into the binary.
func (s *SPA) Built() bool { return len(s.index) > 0 }

var startTime = time.Now()

// Serve answers a GET for path p: a file when one exists, else the app's index.html.
// Unknown /api paths answer the JSON 404 instead.
func (s *SPA) Serve(c *gin.Context) {
	p := c.Request.URL.Path
	if strings.HasPrefix(p, "/api/") || p == "/api" {
		httpx.Fail(c, apperr.ErrNotFound)
		return
	}
	if c.Request.Method != http.MethodGet && c.Request.Method != http.MethodHead {
		httpx.Fail(c, apperr.ErrNotFound)
		return
	}
	name := strings.TrimPrefix(path.Clean(p), "/")
	if strings.HasPrefix(name, ".") {
		// Build metadata such as .vite/manifest.json is not for browsers.
		httpx.Fail(c, apperr.ErrNotFound)
		return
	}
	if name != "" && name != "index.html" {
		if b, err := fs.ReadFile(s.files, name); err == nil {
			if strings.HasPrefix(name, "assets/") {
				// Vite puts a content hash in every asset name, so they never change.
				c.Header("Cache-Control", "public, max-age=31536000, immutable")
			}
			serveFile(c.Writer, c.Request, s.files, name, b)
			return
		}
		if path.Ext(name) != "" {
			httpx.Fail(c, apperr.ErrNotFound)
			return
		}
	}
	if !s.Built() {
		c.Data(http.StatusServiceUnavailable, "text/plain; charset=utf-8",
			[]byte("The StoreOps front end is not built into this binary: run `make build`.\n"))
		return
	}
	c.Header("Cache-Control", "no-cache")
	c.Data(http.StatusOK, "text/html; charset=utf-8", s.index)
}

// Docs serves /api/docs (Swagger UI built into dist/apidocs) and /api/openapi.yaml.
type Docs struct {
	spec  []byte
	files fs.FS
}

// NewDocs takes the spec and the embedded build.
func NewDocs(spec []byte, dist fs.FS) *Docs {
	sub, err := fs.Sub(dist, "apidocs")
	if err != nil {
		sub = nil
	}
	return &Docs{spec: spec, files: sub}
}

// Register adds the public documentation routes.
func (d *Docs) Register(r *httpx.Router) {
	r.GET("/openapi.yaml", httpx.Public(), d.serveSpec)
	r.GET("/docs", httpx.Public(), d.serveFile)
	r.GET("/docs/:file", httpx.Public(), d.serveFile)
}

func (d *Docs) serveSpec(c *gin.Context) {
	c.Header("Cache-Control", "no-cache")
	c.Data(http.StatusOK, "application/yaml; charset=utf-8", d.spec)
}

func (d *Docs) serveFile(c *gin.Context) {
	name := c.Param("file")
	if name == "" {
		name = "index.html"
	}
	if d.files == nil {
		httpx.Fail(c, apperr.ErrNotFound)
		return
	}
	b, err := fs.ReadFile(d.files, name)
	if err != nil {
		httpx.Fail(c, apperr.ErrNotFound)
		return
	}
	serveFile(c.Writer, c.Request, d.files, name, b)
}
