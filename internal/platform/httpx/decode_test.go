package httpx

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/civil"
)

type sample struct {
	Name  string   `json:"name" validate:"required,max=5"`
	Qty   int      `json:"qty" validate:"gte=0"`
	Codes []string `json:"codes" validate:"max=2,dive,slug"`
	Note  *string  `json:"note" validate:"omitempty,max=20"`
	Lines []struct {
		Label string `json:"label"`
	} `json:"lines"`
	Day *civil.Date `json:"day"`
}

func TestDecodeNamesTheField(t *testing.T) {
	d := NewDecoder()
	tests := []struct {
		name, body, field string
		kind              error
	}{
		{"ok", `{"name":"apple","qty":1}`, "", nil},
		{"missing required", `{"qty":1}`, "name", apperr.ErrInvalid},
		{"too long", `{"name":"pineapple"}`, "name", apperr.ErrInvalid},
		{"wrong type", `{"name":"a","qty":"many"}`, "qty", apperr.ErrInvalid},
		{"unknown field", `{"name":"a","colour":"red"}`, "colour", apperr.ErrInvalid},
		{"malformed", `{"name":`, "body", apperr.ErrInvalid},
		{"two values", `{"name":"a"}{"name":"b"}`, "body", apperr.ErrInvalid},
		{"bad item", `{"name":"a","codes":["ok","Not OK"]}`, "codes[1]", apperr.ErrInvalid},
		{"too many items", `{"name":"a","codes":["a","b","c"]}`, "codes", apperr.ErrInvalid},
		{"null body", `null`, "name", apperr.ErrInvalid},
		{"array body", `[]`, "body", apperr.ErrInvalid},
		{"a required name of spaces", `{"name":"   "}`, "name", apperr.ErrInvalid},
		{"ideographic space only", `{"name":"\u3000"}`, "name", apperr.ErrInvalid},
		{"spaces around a name are kept", `{"name":" ab "}`, "", nil},
		{"an optional note may be blank", `{"name":"a","note":"  "}`, "", nil},
		{"NUL in a name", `{"name":"a\u0000b"}`, "name", apperr.ErrInvalid},
		{"escape in a note", `{"name":"a","note":"\u001b[31m"}`, "note", apperr.ErrInvalid},
		{"control character deep down", `{"name":"a","lines":[{"label":"ok"},{"label":"x\u0007"}]}`, "lines[1].label", apperr.ErrInvalid},
		{"invalid UTF-8", "{\"name\":\"a\xff\xfeb\"}", "body", apperr.ErrInvalid},
		{"line breaks and tabs are text", `{"name":"a","note":"one\tline\r\ntwo"}`, "", nil},
		{"a date", `{"name":"a","day":"2027-05-18"}`, "", nil},
		{"not a date: its own field is named", `{"name":"a","day":"2027-13-01"}`, "day", apperr.ErrInvalid},
		{"a number for a date", `{"name":"a","day":20270518}`, "day", apperr.ErrInvalid},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var s sample
			err := d.Decode(strings.NewReader(tc.body), &s)
			if tc.kind == nil {
				if err != nil {
					t.Fatalf("want ok, got %v", err)
				}
				return
			}
			if !errors.Is(err, tc.kind) {
				t.Fatalf("want %v, got %v", tc.kind, err)
			}
			var fe apperr.FieldErrors
			if !errors.As(err, &fe) || fe[tc.field] == "" {
				t.Fatalf("want field %q named, got %v", tc.field, err)
			}
		})
	}
}

func TestDecodeStopsAtTheBodyLimit(t *testing.T) {
	d := NewDecoder()
	rec := httptest.NewRecorder()
	body := `{"name":"` + strings.Repeat("x", 2000) + `"}`
	req := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	req.ContentLength = -1 // chunked: only the reader can enforce the limit
	req.Body = http.MaxBytesReader(rec, req.Body, 1024)
	var s sample
	err := d.DecodeRequest(req, &s)
	if !errors.Is(err, apperr.ErrTooLarge) {
		t.Fatalf("want ErrTooLarge, got %v", err)
	}
	if status, _ := StatusOf(err); status != http.StatusRequestEntityTooLarge {
		t.Fatalf("status %d", status)
	}
}

func TestStatusOfUnknownErrorRevealsNothing(t *testing.T) {
	status, body := StatusOf(errors.New("dial tcp 10.0.0.1: secret detail"))
	if status != 500 || strings.Contains(body.Error.Message, "secret") {
		t.Fatalf("%d %+v", status, body)
	}
}

// FuzzDecode feeds arbitrary bytes to the JSON decoding path: it must never panic and must
// answer either success or a 400/413 kind, never an unclassified (500) error.
func FuzzDecode(f *testing.F) {
	for _, seed := range []string{`{"name":"a","qty":1}`, `{"name":`, `[]`, `null`, `{"codes":["x"]}`,
		`{"qty":1e400}`, `{"name":"\u0000"}`, "\xef\xbb\xbf{}", `{"name":"a"} trailing`} {
		f.Add([]byte(seed))
	}
	d := NewDecoder()
	f.Fuzz(func(t *testing.T, data []byte) {
		var s sample
		err := d.Decode(strings.NewReader(string(data)), &s)
		if err == nil {
			return
		}
		if status, _ := StatusOf(err); status != http.StatusBadRequest && status != http.StatusRequestEntityTooLarge {
			t.Fatalf("input %q gave status %d: %v", data, status, err)
		}
	})
}
