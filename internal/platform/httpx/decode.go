package httpx

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/go-playground/validator/v10"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/text"
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

// DecodeOptional is DecodeRequest for bodies that may be left out (an action's optional
// note): an empty body leaves dst as it is, validated; anything sent is decoded as usual.
func (d *Decoder) DecodeOptional(r *http.Request, dst any) error {
	if r.Body == nil {
		return d.Validate(dst)
	}
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		return decodeError(err)
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return d.Validate(dst)
	}
	r.Body = io.NopCloser(bytes.NewReader(raw))
	return d.DecodeRequest(r, dst)
}

// Decode reads one JSON value from body into dst and validates it.
func (d *Decoder) Decode(body io.Reader, dst any) error {
	if body == nil {
		return apperr.Field("body", "must not be empty")
	}
	raw, err := io.ReadAll(body)
	if err != nil {
		return decodeError(err)
	}
	// encoding/json turns invalid UTF-8 into U+FFFD without a word: refuse it instead.
	if !utf8.Valid(raw) {
		return apperr.Field("body", "must be valid UTF-8")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		if name := failedField(raw, dst, err); name != "" {
			return apperr.Field(name, err.Error())
		}
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

// Validate checks dst's text and validator tags and names every bad field. Every string,
// whatever its field, must be text (text.Problem), and a required one must not be blank.
func (d *Decoder) Validate(dst any) error {
	fe := apperr.FieldErrors{}
	checkText(reflect.ValueOf(dst), "", false, fe)
	if len(fe) > 0 {
		return fe
	}
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
	for _, v := range verrs {
		fe.Add(fieldPath(v.Namespace()), message(v))
	}
	return fe
}

// checkText names every string in v that is not acceptable text, or blank where its field
// is required; path is v's JSON path.
func checkText(v reflect.Value, path string, required bool, fe apperr.FieldErrors) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			checkText(v.Elem(), path, required, fe)
		}
	case reflect.String:
		s := v.String()
		if msg := text.Problem(s); msg != "" {
			fe.Add(path, msg)
		} else if required && s != "" && text.Blank(s) {
			fe.Add(path, "must not be blank")
		}
	case reflect.Slice, reflect.Array:
		if v.Type().Elem().Kind() == reflect.Uint8 {
			return
		}
		for i := 0; i < v.Len(); i++ {
			checkText(v.Index(i), fmt.Sprintf("%s[%d]", path, i), false, fe)
		}
	case reflect.Map:
		iter := v.MapRange()
		for iter.Next() {
			key := fmt.Sprint(iter.Key().Interface())
			if msg := text.Problem(key); msg != "" {
				fe.Add(joinPath(path, "key"), msg)
				continue
			}
			checkText(iter.Value(), joinPath(path, key), false, fe)
		}
	case reflect.Struct:
		t := v.Type()
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			if !f.IsExported() {
				continue
			}
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "-" {
				continue
			}
			if name == "" {
				name = f.Name
			}
			if f.Anonymous && f.Tag.Get("json") == "" {
				checkText(v.Field(i), path, false, fe)
				continue
			}
			checkText(v.Field(i), joinPath(path, name), hasRequired(f.Tag.Get("validate")), fe)
		}
	}
}

func joinPath(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// hasRequired reports whether a validate tag asks for the field unconditionally.
func hasRequired(tag string) bool {
	for _, t := range strings.Split(tag, ",") {
		if t == "required" {
			return true
		}
	}
	return false
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

// failedField names the top-level field whose own UnmarshalJSON method (a date, a decimal)
// refused its value: encoding/json does not say which, so each field's raw value is decoded
// again on its own. "" when err is not such an error or no single field explains it.
func failedField(raw []byte, dst any, err error) string {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	var tooLarge *http.MaxBytesError
	if errors.As(err, &syntax) || errors.As(err, &typ) || errors.As(err, &tooLarge) ||
		errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || strings.HasPrefix(err.Error(), "json: unknown field ") {
		return ""
	}
	t := reflect.TypeOf(dst)
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct {
		return ""
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		return ""
	}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		value, ok := obj[name]
		if !ok || name == "" || name == "-" || !f.IsExported() {
			continue
		}
		if json.Unmarshal(value, reflect.New(f.Type).Interface()) != nil {
			return name
		}
	}
	return ""
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
