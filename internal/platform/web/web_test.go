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
