// Package sheet answers report tables as file downloads: CSV (UTF-8 with a byte-order mark,
// so Excel shows Chinese text correctly) or XLSX. It also reads the two query parameters
// every exportable report shares: ?format= and the language of the column headers.
package sheet

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/xuri/excelize/v2"

	"github.com/storeops/storeops/internal/platform/apperr"
)

// Formats of a report answer.
const (
	JSON = ""
	CSV  = "csv"
	XLSX = "xlsx"
)

// Languages of column headers.
const (
	Chinese = "zh-CN"
	English = "en"
)

// Content types of the downloads.
const (
	CSVType  = "text/csv; charset=utf-8"
	XLSXType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// Format reads ?format=: empty for JSON, csv or xlsx.
func Format(c *gin.Context, fe apperr.FieldErrors) string {
	f := c.Query("format")
	if f != JSON && f != CSV && f != XLSX {
		fe.Add("format", "must be csv or xlsx (or left out for JSON)")
		return JSON
	}
	return f
}

// FileFormat reads ?format= of a download: csv or xlsx, required.
func FileFormat(c *gin.Context, fe apperr.FieldErrors) string {
	f := Format(c, fe)
	if f == JSON {
		fe.Add("format", "must be csv or xlsx")
	}
	return f
}

// Language picks the header language: ?lang= when given (zh-CN or en), otherwise the
// preferred of the two in Accept-Language, otherwise Chinese, the product's default.
func Language(c *gin.Context, fe apperr.FieldErrors) string {
	switch v := c.Query("lang"); {
	case v == "":
	case strings.EqualFold(v, Chinese) || strings.EqualFold(v, "zh"):
		return Chinese
	case strings.EqualFold(v, English):
		return English
	default:
		fe.Add("lang", "must be zh-CN or en")
	}
	return FromAcceptLanguage(c.GetHeader("Accept-Language"))
}

// FromAcceptLanguage picks Chinese or English from an Accept-Language header: the first
// listed with the highest weight wins; neither listed means Chinese.
func FromAcceptLanguage(h string) string {
	best, bestQ := Chinese, -1.0
	for _, part := range strings.Split(h, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			q = parseQ(v)
		}
		var lang string
		switch tag = strings.ToLower(tag); {
		case tag == "zh" || strings.HasPrefix(tag, "zh-"):
			lang = Chinese
		case tag == "en" || strings.HasPrefix(tag, "en-"):
			lang = English
		default:
			continue
		}
		if q > bestQ {
			best, bestQ = lang, q
		}
	}
	return best
}

// parseQ reads a weight such as 0.8; anything malformed counts as 0.
func parseQ(v string) float64 {
	q, scale, seenDot := 0.0, 1.0, false
	for _, r := range v {
		switch {
		case r == '.' && !seenDot:
			seenDot = true
		case r >= '0' && r <= '9':
			if seenDot {
				scale /= 10
				q += float64(r-'0') * scale
			} else {
				q = q*10 + float64(r-'0')
			}
		default:
			return 0
		}
	}
	return q
}

// Cell is one value of a table: text, or a number that XLSX stores as a numeric cell.
type Cell struct {
	Value   string
	Number  bool
	Integer bool // shown without decimals
}

// Text is a text cell.
func Text(s string) Cell { return Cell{Value: s} }

// Number is a decimal cell from its exact text ("12.50"); "" leaves the cell empty.
func Number(s string) Cell { return Cell{Value: s, Number: s != ""} }

// Integer is a whole-number cell.
func Integer(n int) Cell { return Cell{Value: strconv.Itoa(n), Number: true, Integer: true} }

// Table is a header and its rows; Name names the XLSX sheet.
type Table struct {
	Name   string
	Header []string
	Rows   [][]Cell
}

// Send answers the tables as a download named filename plus the format's extension. CSV
// puts several tables one after another, separated by an empty line; XLSX gives each its
// own sheet.
func Send(c *gin.Context, format, filename string, tables ...Table) error {
	var body []byte
	var contentType string
	switch format {
	case CSV:
		body, contentType = writeCSV(tables), CSVType
	case XLSX:
		b, err := writeXLSX(tables)
		if err != nil {
			return err
		}
		body, contentType = b, XLSXType
	}
	c.Header("Content-Disposition", `attachment; filename="`+filename+"."+format+`"`)
	c.Data(http.StatusOK, contentType, body)
	return nil
}

func writeCSV(tables []Table) []byte {
	var buf bytes.Buffer
	buf.WriteString("\xEF\xBB\xBF")
	w := csv.NewWriter(&buf)
	for i, t := range tables {
		if i > 0 {
			_ = w.Write(nil)
		}
		_ = w.Write(t.Header)
		rec := make([]string, 0, len(t.Header))
		for _, row := range t.Rows {
			rec = rec[:0]
			for _, cell := range row {
				rec = append(rec, cell.Value)
			}
			_ = w.Write(rec)
		}
	}
	w.Flush()
	return buf.Bytes()
}

func writeXLSX(tables []Table) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	decimal, err := f.NewStyle(&excelize.Style{NumFmt: 4}) // #,##0.00
	if err != nil {
		return nil, err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, err
	}
	for i, t := range tables {
		name := t.Name
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return nil, err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return nil, err
		}
		if err := writeSheet(f, t, bold, decimal); err != nil {
			return nil, err
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func writeSheet(f *excelize.File, t Table, bold, decimal int) error {
	for col, h := range t.Header {
		cell, _ := excelize.CoordinatesToCellName(col+1, 1)
		if err := f.SetCellStr(t.Name, cell, h); err != nil {
			return err
		}
		if err := f.SetCellStyle(t.Name, cell, cell, bold); err != nil {
			return err
		}
	}
	for r, row := range t.Rows {
		for col, v := range row {
			cell, _ := excelize.CoordinatesToCellName(col+1, r+2)
			var err error
			if v.Number {
				// The exact decimal text becomes a numeric cell; no float64 round trip.
				if err = f.SetCellDefault(t.Name, cell, v.Value); err == nil && !v.Integer {
					err = f.SetCellStyle(t.Name, cell, cell, decimal)
				}
			} else {
				err = f.SetCellStr(t.Name, cell, v.Value)
			}
			if err != nil {
				return err
			}
		}
	}
	if len(t.Header) > 0 {
		last, _ := excelize.ColumnNumberToName(len(t.Header))
		return f.SetColWidth(t.Name, "A", last, 14)
	}
	return nil
}
