package upload

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/storeops/storeops/internal/platform/apperr"
	txt "github.com/storeops/storeops/internal/platform/text"
)

// readCSV streams a CSV file whose first line names the columns, in any order.
func readCSV(body io.Reader, charset string, spec Spec, pr *Problems, visit func(*Line)) (int, string, error) {
	src, err := decode(body, charset)
	if err != nil {
		return 0, "", err
	}
	cr := csv.NewReader(src)
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return 0, src.Charset(), apperr.Field("line 1", "the file is empty: the first line must name the columns "+
			strings.Join(spec.Required, ","))
	}
	if err != nil {
		return 0, src.Charset(), csvError(err)
	}
	columns, err := readHeader(header, spec)
	if err != nil {
		return 0, src.Charset(), err
	}
	names := spec.index()
	line := &Line{csv: true, cells: make([]cell, len(names)), names: names, spec: &spec}
	n := 0
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return n, src.Charset(), nil
		}
		if err != nil {
			return n, src.Charset(), csvError(err)
		}
		at, _ := cr.FieldPos(0)
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue // a blank line
		}
		if n == spec.MaxLines {
			return n, src.Charset(), tooManyLines(spec)
		}
		n++
		line.reset()
		line.Index = at
		if !fillRecord(line, rec, columns, src.Charset() == "gb18030", pr) {
			return n, src.Charset(), apperr.Field(line.Name(), notText(src.Charset()))
		}
		visit(line)
	}
}

// readHeader maps each column of the file to its field; unknown, repeated or missing
// columns are refused so that a typo does not pass silently.
func readHeader(header []string, spec Spec) ([]int, error) {
	fields := spec.fields()
	known := spec.index()
	fe := apperr.FieldErrors{}
	columns := make([]int, len(header))
	seen := map[string]bool{}
	for i, h := range header {
		if !utf8.ValidString(h) {
			return nil, apperr.Field("line 1", notText(""))
		}
		name := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\uFEFF")))
		idx, ok := known[name]
		switch {
		case !ok:
			fe.Add("line 1", fmt.Sprintf("unknown column %q: the columns are %s", h, strings.Join(fields, ", ")))
		case seen[name]:
			fe.Add("line 1", fmt.Sprintf("column %q appears twice", name))
		}
		seen[name] = true
		columns[i] = idx
	}
	for _, c := range spec.Required {
		if !seen[c] {
			fe.Add("line 1", "missing column "+c)
		}
	}
	return columns, fe.Err()
}

// fillRecord copies a record's cells into line; false when a cell is not valid text (bytes
// that are not UTF-8, or that the GB18030 decoder had to replace).
func fillRecord(line *Line, rec []string, columns []int, gb bool, pr *Problems) bool {
	if len(rec) > len(columns) {
		pr.Add(line.Name(), fmt.Sprintf("has %d cells but the header names %d columns", len(rec), len(columns)))
	}
	for i, v := range rec {
		if i >= len(columns) {
			break
		}
		if !utf8.ValidString(v) || (gb && strings.ContainsRune(v, utf8.RuneError)) {
			return false
		}
		v = strings.TrimSpace(v)
		if msg := txt.Problem(v); msg != "" {
			pr.Add(line.Field(line.spec.fields()[columns[i]]), msg)
			continue
		}
		line.cells[columns[i]] = cell{v: v, set: true}
	}
	return true
}

func notText(charset string) string {
	if charset == "utf-8" {
		return "the file mixes text encodings: save it again as CSV UTF-8 (or GBK) and upload it again"
	}
	return "the file is not text in UTF-8, GBK or GB18030: save it as CSV and upload it again"
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return apperr.Field(fmt.Sprintf("line %d", pe.Line), "malformed CSV: "+pe.Err.Error())
	}
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return apperr.New(apperr.ErrTooLarge, "payload_too_large",
			fmt.Sprintf("the file is larger than the upload limit of %d bytes", tooLarge.Limit))
	}
	return err
}

// FieldAt names a CSV cell in errors: "line 7.qty".
func FieldAt(line int, column string) string { return fmt.Sprintf("line %d.%s", line, column) }
