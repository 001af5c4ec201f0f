package web

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/gin-gonic/gin"
)

func TestSPAServesFilesAndFallsBackToIndex(t *testing.T) {
	gin.SetMode(gin.ReleaseMode)
	dist := fstest.MapFS{
		"index.html":          {Data: []byte("<html>app</html>")},
		"assets/app-abc.js":   {Data: []byte("console.log(1)")},
		"favicon.svg":         {Data: []byte("<svg/>")},
		".vite/manifest.json": {Data: []byte("{}")},
		"apidocs/index.html":  {Data: []byte("<html>docs</html>")},
	}
	e := gin.New()
	e.NoRoute(NewSPA(dist).Serve)
	tests := []struct {
		path   string
		status int
		body   string
		cache  string
	}{
		{"/", 200, "<html>app</html>", "no-cache"},
		{"/users/7", 200, "<html>app</html>", "no-cache"},
		{"/assets/app-abc.js", 200, "console.log(1)", "immutable"},
		{"/favicon.svg", 200, "<svg/>", ""},
		{"/assets/missing.js", 404, `"not_found"`, ""},
		{"/api/v1/nothing-here", 404, `"not_found"`, ""},
		{"/.vite/manifest.json", 404, `"not_found"`, ""},
		{"/../../etc/passwd", 200, "<html>app</html>", "no-cache"},
	}
	for _, tc := range tests {
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, tc.path, nil))
		if rec.Code != tc.status || !strings.Contains(rec.Body.String(), tc.body) ||
			!strings.Contains(rec.Header().Get("Cache-Control"), tc.cache) {
			t.Errorf("GET %s: %d %q cache %q", tc.path, rec.Code, rec.Body.String(), rec.Header().Get("Cache-Control"))
		}
	}
}

func TestUnbuiltSPASaysHowToBuild(t *testing.T) {
	e := gin.New()
	e.NoRoute(NewSPA(fstest.MapFS{}).Serve)
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	if rec.Code != 503 || !strings.Contains(rec.Body.String(), "make build") {
		t.Fatalf("%d %s", rec.Code, rec.Body.String())
	}
}

// The build's precompressed copies are sent to browsers that accept them, with the plain
// file's type; others get the plain file.
func TestAssetsAreSentPrecompressed(t *testing.T) {
	gin.SetMode(gin.ReleaseMode)
	dist := fstest.MapFS{
		"index.html":            {Data: []byte("<html>app</html>")},
		"assets/app-abc.js":     {Data: []byte("console.log(1)")},
		"assets/app-abc.js.br":  {Data: []byte("BROTLI")},
		"assets/app-abc.js.gz":  {Data: []byte("GZIP")},
		"assets/only-gz.css":    {Data: []byte("a{}")},
		"assets/only-gz.css.gz": {Data: []byte("GZCSS")},
	}
	e := gin.New()
	e.NoRoute(NewSPA(dist).Serve)
	tests := []struct {
		path, accept, body, encoding, ctype string
	}{
		{"/assets/app-abc.js", "gzip, deflate, br, zstd", "BROTLI", "br", "text/javascript; charset=utf-8"},
		{"/assets/app-abc.js", "gzip, deflate", "GZIP", "gzip", "text/javascript; charset=utf-8"},
		{"/assets/app-abc.js", "br;q=0, gzip;q=0.5", "GZIP", "gzip", "text/javascript; charset=utf-8"},
		{"/assets/app-abc.js", "*", "BROTLI", "br", "text/javascript; charset=utf-8"},
		{"/assets/app-abc.js", "identity", "console.log(1)", "", "text/javascript; charset=utf-8"},
		{"/assets/app-abc.js", "", "console.log(1)", "", "text/javascript; charset=utf-8"},
		{"/assets/only-gz.css", "br, gzip", "GZCSS", "gzip", "text/css; charset=utf-8"},
	}
	for _, tc := range tests {
		req := httptest.NewRequest("GET", tc.path, nil)
		if tc.accept != "" {
			req.Header.Set("Accept-Encoding", tc.accept)
		}
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		if rec.Code != 200 || rec.Body.String() != tc.body || rec.Header().Get("Content-Encoding") != tc.encoding ||
			rec.Header().Get("Content-Type") != tc.ctype || !strings.Contains(rec.Header().Get("Vary"), "Accept-Encoding") {
			t.Errorf("%s with Accept-Encoding %q: %d %q, encoding %q, type %q, vary %q", tc.path, tc.accept, rec.Code,
				rec.Body.String(), rec.Header().Get("Content-Encoding"), rec.Header().Get("Content-Type"), rec.Header().Get("Vary"))
		}
	}
}
