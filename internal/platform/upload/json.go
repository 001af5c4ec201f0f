package upload

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"slices"
	"strconv"

	"github.com/storeops/storeops/internal/platform/apperr"
	txt "github.com/storeops/storeops/internal/platform/text"
)

// readJSON streams {"<array>": [{...}, ...], <top fields>} and visits each object.
func readJSON(body io.Reader, spec Spec, pr *Problems, top map[string]string, visit func(*Line)) (int, error) {
	dec := json.NewDecoder(body)
	dec.UseNumber()
	if err := expectDelim(dec, '{', spec); err != nil {
		return 0, err
	}
	names := spec.index()
	line := &Line{cells: make([]cell, len(names)), names: names, array: spec.Array, spec: &spec}
	n, sawArray := 0, false
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return n, bodyError(err)
		}
		key, _ := tok.(string)
		if key != spec.Array {
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return n, bodyError(err)
			}
			readTop(key, raw, spec, pr, top)
			continue
		}
		sawArray = true
		if err := expectArray(dec, spec); err != nil {
			return n, err
		}
		for dec.More() {
			if n == spec.MaxLines {
				return n, tooManyLines(spec)
			}
			var raw json.RawMessage
			if err := dec.Decode(&raw); err != nil {
				return n, bodyError(err)
			}
			line.reset()
			line.Index = n
			n++
			if parseObject(raw, line, pr) {
				visit(line)
			}
		}
		if _, err := dec.Token(); err != nil {
			return n, bodyError(err)
		}
	}
	if _, err := dec.Token(); err != nil {
		return n, bodyError(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return n, bodyError(err)
		}
		return n, apperr.Field("body", "must hold a single JSON object")
	}
	if !sawArray {
		pr.Add(spec.Array, "is required")
	}
	return n, nil
}

func expectDelim(dec *json.Decoder, d json.Delim, spec Spec) error {
	tok, err := dec.Token()
	if err != nil {
		return bodyError(err)
	}
	if got, ok := tok.(json.Delim); !ok || got != d {
		return apperr.Field("body", "must be a JSON object {\""+spec.Array+"\": [...]}")
	}
	return nil
}

func expectArray(dec *json.Decoder, spec Spec) error {
	tok, err := dec.Token()
	if err != nil {
		return bodyError(err)
	}
	if got, ok := tok.(json.Delim); !ok || got != '[' {
		return apperr.Field(spec.Array, "must be an array")
	}
	return nil
}

// readTop keeps an allowed scalar top-level field and reports anything else.
func readTop(key string, raw json.RawMessage, spec Spec, pr *Problems, top map[string]string) {
	if !slices.Contains(spec.Top, key) {
		pr.Add(key, "is not a known field (send {\""+spec.Array+"\": [...]})")
		return
	}
	v, msg := typed(raw, key, spec)
	if msg != "" {
		pr.Add(key, msg)
		return
	}
	top[key] = v
}

// parseObject fills line from one JSON value, which must be a flat object of known fields
// with scalar values; it answers false when the value is not an object at all. The value
// was checked to be well-formed JSON by the decoder, so this scan only splits it: a
// 100,000-line upload must not build a map per line.
func parseObject(raw json.RawMessage, line *Line, pr *Problems) bool {
	i := skipSpace(raw, 0)
	if i >= len(raw) || raw[i] != '{' {
		pr.Add(line.Name(), "must be an object of fields")
		return false
	}
	i++
	for {
		i = skipSpace(raw, i)
		if i >= len(raw) || raw[i] == '}' {
			return true
		}
		if raw[i] == ',' {
			i++
			continue
		}
		keyEnd := skipValue(raw, i)
		key := raw[i:keyEnd]
		i = skipSpace(raw, keyEnd) + 1 // the colon
		i = skipSpace(raw, i)
		valEnd := skipValue(raw, i)
		val := raw[i:valEnd]
		i = valEnd
		name, ok := unquote(key)
		if !ok {
			pr.Add(line.Name(), "must be an object of fields")
			return false
		}
		idx, known := line.names[name]
		if !known {
			pr.Add(line.Field(name), "is not a known field")
			continue
		}
		v, msg := typed(val, name, *line.spec)
		if msg == "" {
			msg = txt.Problem(v)
		}
		if msg != "" {
			pr.Add(line.Field(name), msg)
			continue
		}
		line.cells[idx] = cell{v: v, set: true}
	}
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t' || b[i] == '\n' || b[i] == '\r') {
		i++
	}
	return i
}

// skipValue answers the index just past the JSON value starting at i.
func skipValue(b []byte, i int) int {
	if i >= len(b) {
		return i
	}
	switch b[i] {
	case '"':
		for j := i + 1; j < len(b); j++ {
			switch b[j] {
			case '\\':
				j++
			case '"':
				return j + 1
			}
		}
		return len(b)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				j = skipValue(b, j) - 1
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return j + 1
				}
			}
		}
		return len(b)
	}
	j := i
	for j < len(b) && b[j] != ',' && b[j] != '}' && b[j] != ']' && b[j] != ' ' && b[j] != '\n' && b[j] != '\t' && b[j] != '\r' {
		j++
	}
	return j
}

// unquote reads a JSON string, cheaply when it holds no escapes.
func unquote(b []byte) (string, bool) {
	if len(b) < 2 || b[0] != '"' {
		return "", false
	}
	if bytes.IndexByte(b, '\\') < 0 {
		return string(b[1 : len(b)-1]), true
	}
	var s string
	err := json.Unmarshal(b, &s)
	return s, err == nil
}

// typed renders a JSON value of field name as text, or answers why it is the wrong type:
// strings stay as they are, numbers keep their exact digits where the spec allows them,
// booleans become "true" or "false" where it allows them, null is empty.
func typed(raw []byte, name string, spec Spec) (string, string) {
	if len(raw) == 0 {
		return "", "must be a value"
	}
	number, boolean := slices.Contains(spec.Numbers, name), slices.Contains(spec.Bools, name)
	want := "must be a string"
	switch {
	case number:
		want = "must be a number or a string such as \"12.50\""
	case boolean:
		want = "must be true or false"
	}
	switch c := raw[0]; {
	case c == 'n':
		return "", ""
	case c == '"' && !boolean:
		if v, ok := unquote(raw); ok {
			return v, ""
		}
	case (c == 't' || c == 'f') && boolean:
		return string(raw), ""
	case (c == '-' || (c >= '0' && c <= '9')) && number:
		return string(raw), ""
	}
	return "", want
}

func itoa(n int) string { return strconv.Itoa(n) }
