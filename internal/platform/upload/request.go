package upload

import (
	"mime"
	"net/http"
	"regexp"
	"strconv"

	"github.com/storeops/storeops/internal/platform/apperr"
)

// Request is what the HTTP request says about an upload besides its body.
type Request struct {
	Format  string // JSON or CSV
	Charset string // the Content-Type's charset parameter, "" when absent
	DryRun  bool
	// IdempotencyKey is the Idempotency-Key header; "" when the request sent none (then the
	// upload is not idempotent).
	IdempotencyKey string
}

var keyPattern = regexp.MustCompile(`^[A-Za-z0-9._:-]{1,128}$`)

// FromRequest reads the Content-Type (application/json, or text/csv with an optional
// charset), ?dry_run= and the Idempotency-Key header. A header that is present but empty or
// malformed is a 400: the client meant to make the request safe to retry and would not be.
// csvOK is false for endpoints that take JSON only.
func FromRequest(r *http.Request, csvOK bool) (Request, error) {
	var out Request
	fe := apperr.FieldErrors{}
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch {
	case err == nil && mt == "application/json":
		out.Format = JSON
	case err == nil && csvOK && (mt == "text/csv" || mt == "application/csv"):
		out.Format, out.Charset = CSV, params["charset"]
	case csvOK:
		fe.Add("content_type", "must be application/json or text/csv")
	default:
		fe.Add("content_type", "must be application/json")
	}
	if v := r.URL.Query().Get("dry_run"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			fe.Add("dry_run", "must be true or false")
		}
		out.DryRun = b
	}
	key, err := IdempotencyKey(r)
	if err != nil {
		return out, err
	}
	out.IdempotencyKey = key
	return out, fe.Err()
}

// IdempotencyKey reads the Idempotency-Key header: "" when absent, a 400 naming
// idempotency_key when present but empty or not 1-128 letters, digits, '.', '_', ':' or '-'.
func IdempotencyKey(r *http.Request) (string, error) {
	values, present := r.Header[http.CanonicalHeaderKey("Idempotency-Key")]
	if !present {
		return "", nil
	}
	if len(values) != 1 || !keyPattern.MatchString(values[0]) {
		return "", apperr.Field("idempotency_key", "must be 1-128 letters, digits, '.', '_', ':' or '-' (send no header for a request that is not to be replayed)")
	}
	return values[0], nil
}
