// Package csvx reads the CSV files people export from spreadsheets and POS systems: a UTF-8
// byte-order mark is skipped, columns are found by header name in any order, every record
// knows its line number, and text that is not UTF-8 (GBK from a Chinese Excel, typically)
// is refused with a message saying how to fix it rather than stored as mojibake.
package csvx

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"unicode/utf8"

	"github.com/storeops/storeops/internal/platform/apperr"
)

// Reader yields records of a CSV file with a header line.
type Reader struct {
	csv     *csv.Reader
	columns map[string]int
	record  []string
	line    int
}

var bom = []byte{0xEF, 0xBB, 0xBF}

// NotUTF8 is the field error for GBK or other non-UTF-8 files.
const NotUTF8 = "the file is not UTF-8 (Excel's \"CSV UTF-8\" format); it looks like GBK or another legacy encoding: save it as CSV UTF-8 and upload again"

// NewReader reads the header line and checks that every required column is present;
// optional columns may be missing. Unknown columns are refused so typos do not pass silently.
func NewReader(r io.Reader, required, optional []string) (*Reader, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	if head, err := br.Peek(3); err == nil && bytes.Equal(head, bom) {
		_, _ = br.Discard(3)
	}
	cr := csv.NewReader(br)
	cr.ReuseRecord = true
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, apperr.Field("line 1", "the file is empty: the first line must name the columns "+strings.Join(required, ","))
	}
	if err != nil {
		return nil, parseError(err)
	}
	rd := &Reader{csv: cr, columns: map[string]int{}, line: 1}
	fe := apperr.FieldErrors{}
	known := map[string]bool{}
	for _, c := range append(append([]string{}, required...), optional...) {
		known[c] = true
	}
	for i, h := range header {
		if !utf8.ValidString(h) {
			return nil, apperr.Field("line 1", NotUTF8)
		}
		name := strings.ToLower(strings.TrimSpace(h))
		if !known[name] {
			fe.Add("line 1", fmt.Sprintf("unknown column %q: the columns are %s", h, strings.Join(append(append([]string{}, required...), optional...), ", ")))
			continue
		}
		if _, dup := rd.columns[name]; dup {
			fe.Add("line 1", fmt.Sprintf("column %q appears twice", name))
		}
		rd.columns[name] = i
	}
	for _, c := range required {
		if _, ok := rd.columns[c]; !ok {
			fe.Add("line 1", "missing column "+c)
		}
	}
	return rd, fe.Err()
}

// Next reads the next record; it returns io.EOF at the end. Blank lines are skipped.
func (r *Reader) Next() error {
	for {
		rec, err := r.csv.Read()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return io.EOF
			}
			return parseError(err)
		}
		line, _ := r.csv.FieldPos(0)
		r.line = line
		if len(rec) == 1 && strings.TrimSpace(rec[0]) == "" {
			continue
		}
		for _, f := range rec {
			if !utf8.ValidString(f) {
				return apperr.Field(fmt.Sprintf("line %d", line), NotUTF8)
			}
		}
		r.record = rec
		return nil
	}
}

// Line is the file line number of the current record (the header is line 1).
func (r *Reader) Line() int { return r.line }

// Get returns the trimmed value of a column, "" when the column or the cell is absent.
func (r *Reader) Get(column string) string {
	i, ok := r.columns[column]
	if !ok || i >= len(r.record) {
		return ""
	}
	return strings.TrimSpace(r.record[i])
}

// Has reports whether the file has the column.
func (r *Reader) Has(column string) bool { _, ok := r.columns[column]; return ok }

// Field names a cell for an error: "line 7.qty".
func Field(line int, column string) string { return fmt.Sprintf("line %d.%s", line, column) }

func parseError(err error) error {
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
