// Package upload reads the bulk bodies every import endpoint takes: JSON {"lines": [...]}
// or a CSV file with a header line, streamed line by line so a 100,000-line upload is never
// held twice. CSV files may be UTF-8 (with or without a byte-order mark), GBK or GB18030,
// which Chinese POS systems and Excel export. Each line reaches the caller as text cells by
// field name, already checked for shape: unknown fields, extra CSV cells and JSON values
// that are not scalars are problems named "lines[i].field" or "line N.field". The caller
// adds its own problems to the same list, and the whole body is refused when any exists.
package upload

import (
	"fmt"
	"strconv"

	"github.com/storeops/storeops/internal/platform/apperr"
)

// Formats of a bulk body.
const (
	JSON = "json"
	CSV  = "csv"
)

// Spec says what one kind of upload carries.
type Spec struct {
	// Array is the JSON key holding the lines ("lines"; the catalogue uses "products").
	Array string
	// Required and Optional are the field names of a line; a CSV header must name every
	// required one and may name optional ones.
	Required, Optional []string
	// Top lists scalar fields a JSON body may carry beside the array (a count sheet's zone).
	Top []string
	// Numbers lists the fields a JSON body may send as numbers (quantities, money, counts)
	// as well as strings; Bools those it sends as true or false. Every other field is a
	// JSON string: a number, boolean, object or array there is refused, never coerced.
	Numbers, Bools []string
	// MaxLines bounds the lines of one body.
	MaxLines int
}

func (s Spec) fields() []string {
	return append(append([]string{}, s.Required...), s.Optional...)
}

func (s Spec) index() map[string]int {
	out := map[string]int{}
	for i, f := range s.fields() {
		out[f] = i
	}
	return out
}

// Line is one line of an upload while it is visited; it is reused for the next line, so a
// visitor copies what it keeps.
type Line struct {
	// Index is the position in the JSON array, or the CSV file line (the header is line 1).
	Index int
	csv   bool
	array string
	cells []cell
	names map[string]int
	spec  *Spec
}

type cell struct {
	v   string
	set bool
}

// Get answers a field's text (trimmed for CSV) and whether the line carried the field at
// all; a JSON null counts as carried and empty.
func (l *Line) Get(name string) (string, bool) {
	i, ok := l.names[name]
	if !ok {
		return "", false
	}
	return l.cells[i].v, l.cells[i].set
}

// Name names the line in errors: "lines[3]" or "line 4".
func (l *Line) Name() string {
	if l.csv {
		return "line " + strconv.Itoa(l.Index)
	}
	return l.array + "[" + strconv.Itoa(l.Index) + "]"
}

// Field names one of the line's fields in errors: "lines[3].qty" or "line 4.qty".
func (l *Line) Field(name string) string {
	if l.csv {
		return "line " + strconv.Itoa(l.Index) + "." + name
	}
	return l.array + "[" + strconv.Itoa(l.Index) + "]." + name
}

// Labeler answers a function naming this line's fields that stays valid after the Line
// moves on to the next one.
func (l *Line) Labeler() func(field string) string {
	copied := Line{Index: l.Index, csv: l.csv, array: l.array}
	return copied.Field
}

func (l *Line) reset() {
	for i := range l.cells {
		l.cells[i] = cell{}
	}
}

// MaxProblems caps the problems one upload lists, so a broken 100,000-line file answers a
// readable list; the rest are counted.
const MaxProblems = 500

// Problems collects the field problems of a whole upload.
type Problems struct {
	fe      apperr.FieldErrors
	dropped int
}

// NewProblems returns an empty list.
func NewProblems() *Problems { return &Problems{fe: apperr.FieldErrors{}} }

// Add records a problem; the first message of a field wins.
func (p *Problems) Add(field, msg string) {
	if _, seen := p.fe[field]; seen {
		return
	}
	if len(p.fe) >= MaxProblems {
		p.dropped++
		return
	}
	p.fe[field] = msg
}

// Len is how many problems were recorded, listed or not.
func (p *Problems) Len() int { return len(p.fe) + p.dropped }

// Err answers the problems as an apperr.FieldErrors, or nil when there are none.
func (p *Problems) Err() error {
	if p.dropped > 0 {
		p.fe["lines"] = fmt.Sprintf("… and %d more problems", p.dropped)
	}
	return p.fe.Err()
}
