package httpx

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"regexp"
	"strings"

	"github.com/go-playground/validator/v10"

	"github.com/storeops/storeops/internal/platform/apperr"
)

// Decoder reads request bodies strictly: JSON only, unknown fields refused, one value, and
// validator tags checked, every problem named by its JSON field path.
type Decoder struct {
	validate *validator.Validate
}

// NewDecoder builds a Decoder whose validation errors use JSON field names.
func NewDecoder() *Decoder {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(func(f reflect.StructField) string {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			return ""
		}
		if name == "" {
			return f.Name
		}
		return name
	})
	// slug is the shape of codes (store, department, sku-like identifiers).
	_ = v.RegisterValidation("slug", func(fl validator.FieldLevel) bool {
		return slugPattern.MatchString(fl.Field().String())
	})
	return &Decoder{validate: v}
}

var slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*$`)

// DecodeRequest decodes r's JSON body into dst and validates it.
func (d *Decoder) DecodeRequest(r *http.Request, dst any) error {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil || mt != "application/json" {
			return apperr.Field("content_type", "must be application/json")
		}
	}
	return d.Decode(r.Body, dst)
}

// Decode reads one JSON value from body into dst and validates it.
func (d *Decoder) Decode(body io.Reader, dst any) error {
	if body == nil {
		return apperr.Field("body", "must not be empty")
	}
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return decodeError(err)
	}
	if err := dec.Decode(&struct{}{}); !errors.Is(err, io.EOF) {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return decodeError(err)
		}
		return apperr.Field("body", "must hold a single JSON value")
	}
	return d.Validate(dst)
}

// Validate checks dst's validator tags and names every bad field.
func (d *Decoder) Validate(dst any) error {
	err := d.validate.Struct(dst)
	if err == nil {
		return nil
	}
	var verrs validator.ValidationErrors
	if !errors.As(err, &verrs) {
		var inv *validator.InvalidValidationError
		if errors.As(err, &inv) {
			return apperr.Field("body", "must be a JSON object")
		}
		return err
	}
	fe := apperr.FieldErrors{}
	for _, v := range verrs {
		fe.Add(fieldPath(v.Namespace()), message(v))
	}
	return fe
}

// fieldPath drops the struct name that leads a validator namespace ("req.lines[0].qty").
func fieldPath(ns string) string {
	if _, rest, ok := strings.Cut(ns, "."); ok {
		return rest
	}
	return ns
}

func decodeError(err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return apperr.New(apperr.ErrTooLarge, "payload_too_large",
			fmt.Sprintf("request body is larger than %d bytes", tooLarge.Limit))
	case errors.Is(err, io.EOF):
		return apperr.Field("body", "must not be empty")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return apperr.Field("body", "is malformed JSON (unexpected end)")
	case errors.As(err, &syntax):
		return apperr.Field("body", fmt.Sprintf("is malformed JSON at offset %d", syntax.Offset))
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "body"
		}
		return apperr.Field(field, "must be "+typeName(typ.Type))
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return apperr.Field(name, "is not a known field")
	}
	var fe apperr.FieldErrors
	if errors.As(err, &fe) {
		return fe
	}
	var ae *apperr.Error
	if errors.As(err, &ae) {
		return ae
	}
	// Errors from custom UnmarshalJSON methods (decimals, dates) carry their own text.
	return apperr.Field("body", err.Error())
}

func typeName(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	return "a valid value"
}

func message(v validator.FieldError) string {
	switch v.Tag() {
	case "required", "required_if", "required_unless", "required_with":
		return "is required"
	case "min":
		if v.Kind() == reflect.String {
			return "must be at least " + v.Param() + " characters"
		}
		if v.Kind() == reflect.Slice {
			return "must have at least " + v.Param() + " items"
		}
		return "must be at least " + v.Param()
	case "max":
		if v.Kind() == reflect.String {
			return "must be at most " + v.Param() + " characters"
		}
		if v.Kind() == reflect.Slice {
			return "must have at most " + v.Param() + " items"
		}
		return "must be at most " + v.Param()
	case "gt":
		return "must be greater than " + v.Param()
	case "gte":
		return "must be at least " + v.Param()
	case "oneof":
		return "must be one of: " + strings.ReplaceAll(v.Param(), " ", ", ")
	case "alphanum":
		return "must contain only letters and digits"
	case "slug":
		return "must contain only lowercase letters, digits, '_' and '-'"
	case "timezone":
		return "must be an IANA time zone such as Asia/Shanghai"
	case "dive":
		return "has an invalid item"
	}
	return "is invalid (" + v.Tag() + ")"
}
