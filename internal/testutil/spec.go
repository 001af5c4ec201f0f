package testutil

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/storeops/storeops/api"
)

var spec struct {
	once   sync.Once
	doc    *openapi3.T
	router routers.Router
	err    error
}

// Spec returns the parsed and validated api/openapi.yaml.
func Spec(tb testing.TB) (*openapi3.T, routers.Router) {
	tb.Helper()
	spec.once.Do(func() {
		loader := openapi3.NewLoader()
		spec.doc, spec.err = loader.LoadFromData(api.Spec)
		if spec.err != nil {
			return
		}
		if spec.err = spec.doc.Validate(context.Background()); spec.err != nil {
			return
		}
		spec.router, spec.err = gorillamux.NewRouter(spec.doc)
	})
	if spec.err != nil {
		tb.Fatalf("api/openapi.yaml: %v", spec.err)
	}
	return spec.doc, spec.router
}

// CheckAgainstSpec fails the test when an answer of an API route is not what
// api/openapi.yaml says: an undocumented path, method or status, or a body of the wrong shape.
// Paths outside the API (the single-page app) are not checked.
func CheckAgainstSpec(tb testing.TB, req *http.Request, res *Response) {
	tb.Helper()
	if !strings.HasPrefix(req.URL.Path, "/api/") && !isSystemPath(req.URL.Path) {
		return
	}
	if res.Status == http.StatusNotFound && strings.Contains(string(res.Body), `"not_found"`) {
		// Unknown ids and paths answer the same documented 404 body; an unknown path has no
		// operation to check it against.
		if _, _, err := findRoute(tb, req); err != nil {
			return
		}
	}
	route, params, err := findRoute(tb, req)
	if err != nil {
		tb.Errorf("%s %s: not in api/openapi.yaml: %v", req.Method, req.URL.Path, err)
		return
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route},
		Status:                 res.Status,
		Header:                 res.Header,
		Body:                   io.NopCloser(bytes.NewReader(res.Body)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		tb.Errorf("%s %s → %d does not match api/openapi.yaml: %v\nbody: %.400s", req.Method, req.URL.Path, res.Status, err, res.Body)
	}
}

func findRoute(tb testing.TB, req *http.Request) (*routers.Route, map[string]string, error) {
	_, router := Spec(tb)
	r := req.Clone(context.Background())
	r.Host, r.URL.Host, r.URL.Scheme = "", "", ""
	return router.FindRoute(r)
}

func isSystemPath(p string) bool {
	return p == "/healthz" || p == "/readyz" || p == "/metrics"
}
