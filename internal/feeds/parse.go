package feeds

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
	"strings"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/csvx"
)

// visitor receives each line as it is read; the same rawLine is reused for every line, so
// nothing of the body is held twice.
type visitor func(r *rawLine, a at)

// readJSON streams {"lines": [...]} and calls visit per line.
func readJSON(body io.Reader, kind string, pr *problems, visit visitor) (int, error) {
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := expectDelim(dec, '{'); err != nil {
		return 0, err
	}
	n, sawLines := 0, false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return 0, bodyError(err)
		}
		if key, _ := tok.(string); key != "lines" {
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return 0, bodyError(err)
			}
			pr.add(key, "is not a known field (send {\"lines\": [...]})")
			continue
		}
		sawLines = true
		if err := expectDelim(dec, '['); err != nil {
			return 0, apperr.Field("lines", "must be an array")
		}
		allowed := allowedFields(kind)
		var raw rawLine
		for dec.More() {
			if n == MaxLines {
				return n, apperr.Field("lines", "must have at most 100000 lines: split the upload")
			}
			raw = rawLine{}
			a := at{index: n}
			n++
			if err := dec.Decode(&raw); err != nil {
				var syntax *json.SyntaxError
				var tooLarge *http.MaxBytesError
				if errors.As(err, &syntax) || errors.As(err, &tooLarge) || errors.Is(err, io.ErrUnexpectedEOF) {
					return n, bodyError(err)
				}
				if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
					pr.add(a.field(strings.Trim(name, `"`)), "is not a known field")
					continue
				}
				pr.add(a.String(), "must be an object of fields")
				continue
			}
			for _, nc := range raw.all() {
				if nc.c.set && !slices.Contains(allowed, nc.name) {
					pr.add(a.field(nc.name), "is not a field of "+kind+" lines")
				}
			}
			visit(&raw, a)
		}
		if _, err := dec.Token(); err != nil {
			return n, bodyError(err)
		}
	}
	if _, err := dec.Token(); err != nil {
		return n, bodyError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return n, apperr.Field("body", "must hold a single JSON object")
	}
	if !sawLines {
		pr.add("lines", "is required")
	}
	return n, nil
}

func expectDelim(dec *json.Decoder, d json.Delim) error {
	tok, err := dec.Token()
	if err != nil {
		return bodyError(err)
	}
	if got, ok := tok.(json.Delim); !ok || got != d {
		return apperr.Field("body", "must be a JSON object {\"lines\": [...]}")
	}
	return nil
}

func bodyError(err error) error {
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return apperr.New(apperr.ErrTooLarge, "payload_too_large", "the upload is larger than the limit: split it")
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return apperr.Field("body", "is empty or cut short")
	}
	return apperr.Field("body", "is malformed JSON: "+strings.TrimPrefix(err.Error(), "json: "))
}

func allowedFields(kind string) []string {
	c := columns[kind]
	return append(append([]string{}, c.required...), c.optional...)
}

// readCSV streams a CSV file with a header line of the kind's field names.
func readCSV(body io.Reader, kind string, pr *problems, visit visitor) (int, error) {
	cols := columns[kind]
	rd, err := csvx.NewReader(body, cols.required, cols.optional)
	if err != nil {
		return 0, err
	}
	n := 0
	var raw rawLine
	for {
		err := rd.Next()
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		if n == MaxLines {
			return n, apperr.Field("lines", "must have at most 100000 lines: split the upload")
		}
		n++
		raw = rawLine{}
		for _, nc := range raw.all() {
			if rd.Has(nc.name) {
				nc.c.s, nc.c.set = rd.Get(nc.name), true
			}
		}
		visit(&raw, at{csv: true, index: rd.Line()})
	}
}
