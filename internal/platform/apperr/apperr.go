// Package apperr is the error vocabulary shared by every module. Domain code wraps one of
// the kinds below (fmt.Errorf("stocktake %d: %w", id, apperr.ErrNotFound)) and exactly one
// function in httpx maps the kinds to HTTP status codes.
package apperr

import (
	"errors"
	"sort"
	"strings"
)

// The error kinds. Each maps to one HTTP status in httpx.
var (
	// ErrInvalid means the input is malformed or fails validation (400).
	ErrInvalid = errors.New("invalid input")
	// ErrUnauthenticated means no valid session was presented (401).
	ErrUnauthenticated = errors.New("authentication required")
	// ErrForbidden means the caller's role may not take this action (403).
	ErrForbidden = errors.New("forbidden")
	// ErrNotFound means the resource does not exist or is outside the caller's scope (404).
	ErrNotFound = errors.New("not found")
	// ErrConflict means a stale version, a duplicate or a wrong state (409).
	ErrConflict = errors.New("conflict")
	// ErrTooLarge means the request body exceeds the limit (413).
	ErrTooLarge = errors.New("request body too large")
	// ErrRule means a business rule refused an otherwise well-formed request (422).
	ErrRule = errors.New("refused by a business rule")
	// ErrTooManyRequests means the caller is throttled (429).
	ErrTooManyRequests = errors.New("too many requests")
	// ErrUnavailable means a dependency (the database) cannot be reached for the moment; the
	// client may repeat the request (503).
	ErrUnavailable = errors.New("service unavailable")
)

// Error carries a kind, a machine-readable code and a human message. Use it when the
// client needs a specific code (for example "invalid_credentials") rather than the
// kind's default one.
type Error struct {
	Kind    error
	Code    string
	Message string
	Cause   error // optional: what went wrong underneath, for the log and errors.Is
}

func (e *Error) Error() string { return e.Message }

// Unwrap lets errors.Is match the kind, and the cause when there is one.
func (e *Error) Unwrap() []error {
	if e.Cause == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Cause}
}

// New builds an Error of the given kind with a code and message.
func New(kind error, code, message string) *Error {
	return &Error{Kind: kind, Code: code, Message: message}
}

// FieldErrors maps a field name (as the client spells it, e.g. "lines[3].qty") to what is
// wrong with it. It is an ErrInvalid, so the client sees every field problem at once.
type FieldErrors map[string]string

// Error lists the fields in a stable order.
func (fe FieldErrors) Error() string {
	keys := make([]string, 0, len(fe))
	for k := range fe {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+": "+fe[k])
	}
	return "invalid input: " + strings.Join(parts, "; ")
}

// Unwrap makes FieldErrors match ErrInvalid.
func (fe FieldErrors) Unwrap() error { return ErrInvalid }

// Add records a problem with a field, keeping the first message for that field.
func (fe FieldErrors) Add(field, message string) {
	if _, ok := fe[field]; !ok {
		fe[field] = message
	}
}

// Err returns nil when no field has a problem, otherwise the FieldErrors itself.
func (fe FieldErrors) Err() error {
	if len(fe) == 0 {
		return nil
	}
	return fe
}

// Field is a shorthand for a FieldErrors with one field.
func Field(field, message string) error {
	return FieldErrors{field: message}
}
