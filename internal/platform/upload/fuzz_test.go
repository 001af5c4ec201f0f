package upload

import (
	"bytes"
	"errors"
	"testing"

	"github.com/storeops/storeops/internal/platform/apperr"
	txt "github.com/storeops/storeops/internal/platform/text"
)

// Read never panics on any body, answers only client errors, and never hands on a cell that
// is not text (such a cell is reported as a problem and left unset).
func FuzzRead(f *testing.F) {
	for _, seed := range []struct {
		csv  bool
		body string
	}{
		{false, `{"zone":"冷库","lines":[{"sku":"P1","qty":3.250,"note":"新鲜"}]}`},
		{false, `{"lines":[{"sku":12,"qty":true,"note":[]}]}`},
		{false, `{"lines":[{"sku":"a\u0000","qty":"1"}]}`},
		{false, `{"lines":[`},
		{true, "sku,qty,note\nP1,1,新鲜\nP2,\"1\",\"a\"\"b\"\n"},
		{true, "\xef\xbb\xbfSKU,Qty\r\nP1,2\r\n"},
		{true, "sku,qty\n\xd6\xed,1\n"},
		{true, "sku,qty,note\nP1,1,x,extra\n"},
	} {
		f.Add(seed.csv, []byte(seed.body))
	}
	f.Fuzz(func(t *testing.T, csvFormat bool, body []byte) {
		format := JSON
		if csvFormat {
			format = CSV
		}
		pr := NewProblems()
		_, err := Read(bytes.NewReader(body), format, "", noteSpec, pr, func(l *Line) {
			for _, name := range noteSpec.fields() {
				if v, ok := l.Get(name); ok && txt.Problem(v) != "" {
					t.Fatalf("line %s: %s = %q handed on without a problem", l.Name(), name, v)
				}
			}
		})
		for _, e := range []error{err, pr.Err()} {
			if e != nil && !errors.Is(e, apperr.ErrInvalid) && !errors.Is(e, apperr.ErrTooLarge) {
				t.Fatalf("%q: %v is not a client error", body, e)
			}
		}
	})
}
