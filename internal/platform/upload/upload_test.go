package upload

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http/httptest"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/storeops/storeops/internal/platform/apperr"
)

var noteSpec = Spec{Array: "lines", MaxLines: 4, Required: []string{"sku", "qty"}, Optional: []string{"note"},
	Numbers: []string{"qty"}, Bools: []string{"urgent"}, Top: []string{"zone", "urgent"}}

type got struct {
	lines    []map[string]string
	problems map[string]string
	res      Result
	err      error
}

func read(t *testing.T, format, charset, body string) got {
	t.Helper()
	var g got
	pr := NewProblems()
	g.res, g.err = Read(strings.NewReader(body), format, charset, noteSpec, pr, func(l *Line) {
		m := map[string]string{"@": l.Name()}
		for _, f := range noteSpec.fields() {
			if v, ok := l.Get(f); ok {
				m[f] = v
			}
		}
		g.lines = append(g.lines, m)
	})
	var fe apperr.FieldErrors
	if errors.As(pr.Err(), &fe) {
		g.problems = fe
	}
	return g
}

func gbk(t *testing.T, s string) string {
	t.Helper()
	b, err := simplifiedchinese.GBK.NewEncoder().String(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestJSONLinesAreStrictlyTyped(t *testing.T) {
	g := read(t, JSON, "", `{"zone":"冷库","urgent":true,"lines":[
		{"sku":"P1","qty":3.250,"note":"新鲜"},
		{"sku":"P2","qty":"1","note":null},
		{"sku":12,"qty":true,"note":[],"colour":"red"},
		[1,2]]}`)
	if g.err != nil {
		t.Fatal(g.err)
	}
	if len(g.lines) != 3 || g.lines[0]["qty"] != "3.250" || g.lines[0]["note"] != "新鲜" || g.lines[1]["note"] != "" {
		t.Fatalf("lines %v", g.lines)
	}
	if g.res.Top["zone"] != "冷库" || g.res.Top["urgent"] != "true" {
		t.Errorf("top %v", g.res.Top)
	}
	want := map[string]string{
		"lines[2].sku":    "must be a string",
		"lines[2].qty":    "must be a number",
		"lines[2].note":   "must be a string",
		"lines[2].colour": "is not a known field",
		"lines[3]":        "must be an object",
	}
	for field, msg := range want {
		if !strings.Contains(g.problems[field], msg) {
			t.Errorf("%s: got %q, want %q (all: %v)", field, g.problems[field], msg, g.problems)
		}
	}
}

func TestJSONBodyShape(t *testing.T) {
	tests := []struct {
		name, body, field string
		fatal             bool
	}{
		{"not an object", `[1]`, "body", true},
		{"cut short", `{"lines":[{"sku":"P1"`, "body", true},
		{"trailing data", `{"lines":[]} {}`, "body", true},
		{"lines not an array", `{"lines":{}}`, "lines", true},
		{"too many lines", `{"lines":[{},{},{},{},{}]}`, "lines", true},
		{"no lines key", `{}`, "lines", false},
		{"unknown top field", `{"lines":[],"colour":1}`, "colour", false},
		{"top field of the wrong type", `{"lines":[],"zone":3}`, "zone", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := read(t, JSON, "", tc.body)
			var fe apperr.FieldErrors
			switch {
			case tc.fatal && errors.As(g.err, &fe) && fe[tc.field] != "":
			case !tc.fatal && g.err == nil && g.problems[tc.field] != "":
			default:
				t.Fatalf("err %v problems %v, want %s", g.err, g.problems, tc.field)
			}
		})
	}
}

func TestCSVInEveryEncodingChineseExportsUse(t *testing.T) {
	utf := "SKU,Qty,Note\nP1,2,新鲜猪肉\nP2,1.5,\n"
	tests := []struct {
		name, charset, body, want string
	}{
		{"UTF-8", "", utf, "utf-8"},
		{"UTF-8 with a byte-order mark", "", "\xEF\xBB\xBF" + utf, "utf-8"},
		{"GBK, recognised", "", gbk(t, utf), "gb18030"},
		{"GBK, named", "GBK", gbk(t, utf), "gb18030"},
		{"GBK after 70 KiB of ASCII", "", "sku,qty,note\n" + strings.Repeat("P0,1,ok\n", 9000) + gbk(t, "P1,2,新鲜猪肉\n"), "gb18030"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			spec := noteSpec
			spec.MaxLines = 100_000
			pr := NewProblems()
			var notes []string
			res, err := Read(strings.NewReader(tc.body), CSV, tc.charset, spec, pr, func(l *Line) {
				v, _ := l.Get("note")
				notes = append(notes, v)
			})
			if err != nil || pr.Err() != nil {
				t.Fatal(err, pr.Err())
			}
			if res.Charset != tc.want || !containsString(notes, "新鲜猪肉") {
				t.Fatalf("charset %s, notes %v", res.Charset, notes[max(0, len(notes)-2):])
			}
		})
	}
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func TestCSVRefusesWhatItCannotReadSafely(t *testing.T) {
	tests := []struct {
		name, charset, body, field, msg string
	}{
		{"unknown column", "", "sku,qty,colour\n", "line 1", "unknown column"},
		{"missing column", "", "sku\nP1\n", "line 1", "missing column qty"},
		{"repeated column", "", "sku,qty,qty\n", "line 1", "twice"},
		{"empty file", "", "", "line 1", "empty"},
		{"broken quotes", "", "sku,qty\n\"P1,2\n", "line 2", "malformed CSV"},
		{"unknown charset", "latin1", "sku,qty\n", "content_type", "charset"},
		{"bytes neither UTF-8 nor GB18030", "", "sku,qty,note\nP1,1,\x80\xff\n", "line 2", "not text"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := read(t, CSV, tc.charset, tc.body)
			var fe apperr.FieldErrors
			if !errors.As(g.err, &fe) || !strings.Contains(fe[tc.field], tc.msg) {
				t.Fatalf("got %v, want %s: %s", g.err, tc.field, tc.msg)
			}
		})
	}
	g := read(t, CSV, "", "sku,qty\nP1,1,extra\n\nP2,2\n")
	if g.err != nil || !strings.Contains(g.problems["line 2"], "3 cells") || len(g.lines) != 2 || g.lines[1]["@"] != "line 4" {
		t.Fatalf("extra cells: %v %v %v", g.err, g.problems, g.lines)
	}
	g = read(t, CSV, "", "sku,qty\nP1,1\nP2,1\nP3,1\nP4,1\nP5,1\n")
	if g.err == nil || !strings.Contains(g.err.Error(), "at most 4") {
		t.Fatalf("too many lines: %v", g.err)
	}
}

func TestHashCoversTheWholeBodyAsSent(t *testing.T) {
	body := `{"lines":[{"sku":"P1","qty":"1"}]}` + "\n\n"
	g := read(t, JSON, "", body)
	sum := sha256.Sum256([]byte(body))
	if g.err != nil || g.res.Hash != hex.EncodeToString(sum[:]) {
		t.Fatalf("hash %s, want the SHA-256 of every byte (%v)", g.res.Hash, g.err)
	}
}

func TestFromRequest(t *testing.T) {
	tests := []struct {
		name, contentType, query string
		key                      []string
		wantErr                  string
		want                     Request
	}{
		{"json", "application/json", "", nil, "", Request{Format: JSON}},
		{"csv with charset and dry run", "text/csv; charset=GBK", "?dry_run=true", nil, "", Request{Format: CSV, Charset: "GBK", DryRun: true}},
		{"a key", "application/json", "", []string{"pos-1"}, "", Request{Format: JSON, IdempotencyKey: "pos-1"}},
		{"an empty key", "application/json", "", []string{""}, "idempotency_key", Request{}},
		{"a malformed key", "application/json", "", []string{"a b"}, "idempotency_key", Request{}},
		{"form", "application/x-www-form-urlencoded", "", nil, "content_type", Request{}},
		{"bad dry run", "application/json", "?dry_run=maybe", nil, "dry_run", Request{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/x"+tc.query, bytes.NewReader(nil))
			r.Header.Set("Content-Type", tc.contentType)
			if tc.key != nil {
				r.Header["Idempotency-Key"] = tc.key
			}
			got, err := FromRequest(r, true)
			var fe apperr.FieldErrors
			switch {
			case tc.wantErr != "" && (!errors.As(err, &fe) || fe[tc.wantErr] == ""):
				t.Fatalf("got %v, want an error on %s", err, tc.wantErr)
			case tc.wantErr == "" && (err != nil || got != tc.want):
				t.Fatalf("got %+v %v, want %+v", got, err, tc.want)
			}
		})
	}
}

// A control character or invalid UTF-8 in any cell is refused with the cell's field named,
// in JSON and CSV alike; tabs and line breaks inside a note are text.
func TestCellsMustBeText(t *testing.T) {
	g := read(t, JSON, "", "{\"lines\":[{\"sku\":\"P1\",\"qty\":\"1\",\"note\":\"a\\u0000b\"},"+
		"{\"sku\":\"P\xff2\",\"qty\":\"1\"},{\"sku\":\"P3\",\"qty\":\"1\",\"note\":\"two\\nlines\"}]}")
	if g.problems["lines[0].note"] != "must not contain control characters" ||
		g.problems["lines[1].sku"] != "must be valid UTF-8 text" || len(g.problems) != 2 {
		t.Errorf("JSON problems %v", g.problems)
	}
	g = read(t, CSV, "", "sku,qty,note\nP1,1,\"bell\a\"\nP2,1,\"two\nlines\"\n")
	if g.problems["line 2.note"] != "must not contain control characters" || len(g.problems) != 1 {
		t.Errorf("CSV problems %v", g.problems)
	}
}
