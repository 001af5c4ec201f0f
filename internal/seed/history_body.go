package seed

import (
	"encoding/json"
	"strconv"
)

// lineWriter builds a {"lines": [...]} body by appending text, without a JSON encoder per
// line: values are dates, codes and decimals written as strings.
type lineWriter struct {
	b     []byte
	n     int
	first bool
}

func (w *lineWriter) begin() {
	if w.n == 0 {
		w.b = append(w.b[:0], `{"lines":[`...)
	} else {
		w.b = append(w.b, ',')
	}
	w.n++
	w.b = append(w.b, '{')
	w.first = true
}

func (w *lineWriter) end() { w.b = append(w.b, '}') }

func (w *lineWriter) key(name string) {
	if !w.first {
		w.b = append(w.b, ',')
	}
	w.first = false
	w.b = append(w.b, '"')
	w.b = append(w.b, name...)
	w.b = append(w.b, '"', ':')
}

func (w *lineWriter) text(name, v string) {
	w.key(name)
	w.b = appendJSONString(w.b, v)
}

func (w *lineWriter) decimal(name string, v int64, scale int) {
	w.key(name)
	w.b = append(w.b, '"')
	w.b = appendDecimal(w.b, v, scale)
	w.b = append(w.b, '"')
}

// body closes the array and returns the request body; reset must follow before reuse.
func (w *lineWriter) body() []byte {
	w.b = append(w.b, ']', '}')
	return w.b
}

func (w *lineWriter) reset() {
	w.b, w.n = w.b[:0], 0
}

// appendJSONString quotes s; plain ASCII (dates, SKUs, codes) is copied as is.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			q, _ := json.Marshal(s)
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// appendDecimal writes v, a count of 10^-scale, as a decimal with scale places.
func appendDecimal(b []byte, v int64, scale int) []byte {
	if v < 0 {
		b = append(b, '-')
		v = -v
	}
	unit := int64(1)
	for range scale {
		unit *= 10
	}
	b = strconv.AppendInt(b, v/unit, 10)
	b = append(b, '.')
	frac := v % unit
	for d := unit / 10; d > 0; d /= 10 {
		b = append(b, byte('0'+frac/d%10))
	}
	return b
}
