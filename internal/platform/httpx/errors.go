// Package httpx is StoreOps' HTTP machinery: the error model, strict JSON decoding,
// paging, middleware and the route registry that attaches an access policy to every route.
package httpx

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
)

// ErrorBody is the JSON shape of every error answer.
type ErrorBody struct {
	Error ErrorDetail `json:"error"`
}

// ErrorDetail says what went wrong; Fields names each bad input field.
type ErrorDetail struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
}

// kindStatus is the one map from error kinds to HTTP statuses.
var kindStatus = []struct {
	kind   error
	status int
	code   string
}{
	{apperr.ErrInvalid, http.StatusBadRequest, "validation_failed"},
	{apperr.ErrUnauthenticated, http.StatusUnauthorized, "unauthenticated"},
	{apperr.ErrForbidden, http.StatusForbidden, "forbidden"},
	{apperr.ErrNotFound, http.StatusNotFound, "not_found"},
	{apperr.ErrConflict, http.StatusConflict, "conflict"},
	{apperr.ErrTooLarge, http.StatusRequestEntityTooLarge, "payload_too_large"},
	{apperr.ErrRule, http.StatusUnprocessableEntity, "rule_violation"},
	{apperr.ErrTooManyRequests, http.StatusTooManyRequests, "too_many_requests"},
	{apperr.ErrUnavailable, http.StatusServiceUnavailable, "unavailable"},
}

// StatusOf returns the HTTP status and error body for err. Unknown errors are a 500 whose
// message reveals nothing.
func StatusOf(err error) (int, ErrorBody) {
	for _, ks := range kindStatus {
		if !errors.Is(err, ks.kind) {
			continue
		}
		d := ErrorDetail{Code: ks.code, Message: err.Error()}
		var ae *apperr.Error
		if errors.As(err, &ae) && ae.Code != "" {
			d.Code = ae.Code
		}
		var fe apperr.FieldErrors
		if errors.As(err, &fe) {
			d.Fields = fe
			d.Message = "some fields are invalid"
		}
		if ks.kind == apperr.ErrNotFound {
			// Never echo internals of what was looked for beyond the kind.
			d.Message = "not found"
		}
		return ks.status, ErrorBody{Error: d}
	}
	return http.StatusInternalServerError, ErrorBody{Error: ErrorDetail{Code: "internal", Message: "internal error"}}
}

// StatusClientClosed is the status logged for a request whose client went away before the
// answer (nginx's 499): it is not a server error.
const StatusClientClosed = 499

// Fail answers err in the error model and stops the handler chain. The error is kept on the
// context, where the access log (which has the injected logger) records the cause of a 500.
// A request its client cancelled is not a 500: nobody is listening, and the log says so.
func Fail(c *gin.Context, err error) {
	_ = c.Error(err)
	if c.Request.Context().Err() != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)) {
		c.AbortWithStatus(StatusClientClosed)
		return
	}
	status, body := StatusOf(err)
	if status == http.StatusServiceUnavailable {
		c.Header("Retry-After", "1")
	}
	c.AbortWithStatusJSON(status, body)
}

func tooLarge(limit int64) error {
	return apperr.New(apperr.ErrTooLarge, "payload_too_large",
		"request body is larger than "+strconv.FormatInt(limit, 10)+" bytes")
}
