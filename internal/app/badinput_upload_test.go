package app_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/storeops/storeops/internal/testutil"
)

// refuseBadUploads is TestBadBodiesAreRefusedEverywhere for a route that takes only
// multipart/form-data (an upload): JSON and form-encoded bodies, a multipart body without
// a boundary, a malformed one, one without the required part, one with an unknown part and
// an oversized one must each answer 400 naming what is wrong, or 413.
func refuseBadUploads(t *testing.T, c *testutil.Client, name, path string, limit int64, op *openapi3.Operation) {
	t.Helper()
	mt := op.RequestBody.Value.Content.Get("multipart/form-data")
	if mt == nil || mt.Schema == nil || mt.Schema.Value == nil || len(mt.Schema.Value.Required) == 0 {
		t.Errorf("%s takes neither JSON nor multipart/form-data with a required part: add its bad-body cases", name)
		return
	}
	required := mt.Schema.Value.Required[0]
	noPart, noPartType := testutil.Multipart()
	unknown, unknownType := testutil.Multipart(testutil.Part{Name: "zz_unknown", Data: []byte("1")})
	huge, hugeType := testutil.Multipart(testutil.Part{Name: required, FileName: "x", Data: []byte(strings.Repeat("a", int(limit)))})
	cases := []struct {
		name, body, contentType string
		status                  int
		field                   string
	}{
		{"json", `{"a":1}`, "application/json", 400, "content_type"},
		{"form encoded", `a=1`, "application/x-www-form-urlencoded", 400, "content_type"},
		{"no boundary", `--x--`, "multipart/form-data", 400, "content_type"},
		{"malformed", `not multipart at all`, "multipart/form-data; boundary=zz", 400, "body"},
		{"required part missing", string(noPart), noPartType, 400, required},
		{"unknown part", string(unknown), unknownType, 400, "zz_unknown"},
		{"oversized", string(huge), hugeType, 413, ""},
	}
	for _, tc := range cases {
		res := c.With("Content-Type", tc.contentType).Do(http.MethodPost, path, []byte(tc.body))
		if res.Status != tc.status || res.ErrorCode() == "" {
			t.Errorf("%s %s: got %d %s, want %d", name, tc.name, res.Status, res.Body, tc.status)
			continue
		}
		if tc.field != "" && res.Fields()[tc.field] == "" {
			t.Errorf("%s %s: error does not name field %q: %s", name, tc.name, tc.field, res.Body)
		}
	}
}
