// Package fixed holds StoreOps' exact decimal types: quantities with 3 decimals (kg or each)
// and money with 2 (yuan), as scaled 64-bit integers. DESIGN.md fixes both scales, so a
// fixed-point integer is exact, allocation-free on the 100,000-line ingest paths and cheap to
// sum; a general decimal library would allocate per value. JSON emits strings ("12.50") and
// accepts numbers or strings; a value with more decimals than the scale is refused, never
// rounded. Columns are DECIMAL(…,3) and DECIMAL(…,2).
package fixed

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"strings"
)

// Qty is a quantity in thousandths (kg or each).
type Qty int64

// Money is an amount in cents (fen).
type Money int64

const (
	qtyScale   = 3
	moneyScale = 2
)

var pow10 = [...]int64{1, 10, 100, 1000, 10000}

// ErrPrecision is returned for a value with more decimals than its scale allows.
var ErrPrecision = errors.New("too many decimal places")

// ErrSyntax is returned for text that is not a decimal number.
var ErrSyntax = errors.New("not a decimal number")

// ErrRange is returned for a value too large to hold.
var ErrRange = errors.New("number out of range")

// parse reads an optionally signed decimal with at most scale decimals into a scaled integer.
func parse(s string, scale int) (int64, error) {
	if len(s) == 0 {
		return 0, ErrSyntax
	}
	neg := false
	switch s[0] {
	case '-':
		neg, s = true, s[1:]
	case '+':
		s = s[1:]
	}
	var n uint64
	digits, decimals, seenDot := 0, 0, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '.' && !seenDot:
			seenDot = true
			continue
		case c < '0' || c > '9':
			return 0, ErrSyntax
		}
		if seenDot {
			if decimals == scale {
				if c != '0' { // trailing zeros beyond the scale are harmless
					return 0, ErrPrecision
				}
				continue
			}
			decimals++
		}
		digits++
		d := uint64(c - '0')
		if n > (math.MaxInt64-d)/10 {
			return 0, ErrRange
		}
		n = n*10 + d
	}
	if digits == 0 {
		return 0, ErrSyntax
	}
	for ; decimals < scale; decimals++ {
		if n > math.MaxInt64/10 {
			return 0, ErrRange
		}
		n *= 10
	}
	v := int64(n)
	if neg {
		v = -v
	}
	return v, nil
}

func format(v int64, scale int) string {
	var buf [24]byte
	i := len(buf)
	u := uint64(v)
	if v < 0 {
		u = uint64(-v)
	}
	for d := 0; d < scale; d++ {
		i--
		buf[i] = byte('0' + u%10)
		u /= 10
	}
	i--
	buf[i] = '.'
	for {
		i--
		buf[i] = byte('0' + u%10)
		u /= 10
		if u == 0 {
			break
		}
	}
	if v < 0 {
		i--
		buf[i] = '-'
	}
	return string(buf[i:])
}

// ParseQty reads a quantity such as "3.250".
func ParseQty(s string) (Qty, error) { v, err := parse(s, qtyScale); return Qty(v), err }

// ParseMoney reads an amount such as "12.50".
func ParseMoney(s string) (Money, error) { v, err := parse(s, moneyScale); return Money(v), err }

// String formats with exactly 3 decimals.
func (q Qty) String() string { return format(int64(q), qtyScale) }

// String formats with exactly 2 decimals.
func (m Money) String() string { return format(int64(m), moneyScale) }

// QtyOf makes a whole quantity.
func QtyOf(units int64) Qty { return Qty(units * pow10[qtyScale]) }

// MoneyOf makes a whole amount in yuan.
func MoneyOf(yuan int64) Money { return Money(yuan * pow10[moneyScale]) }

// MulQty returns m × q rounded half away from zero to the cent: the value of a quantity at a
// unit price. ok is false on overflow.
func (m Money) MulQty(q Qty) (Money, bool) {
	neg := (m < 0) != (q < 0)
	a, b := abs(int64(m)), abs(int64(q))
	hi, lo := bits.Mul64(a, b)
	const div = 1000
	if hi >= div {
		return 0, false
	}
	quo, rem := bits.Div64(hi, lo, div)
	if rem*2 >= div {
		quo++
	}
	if quo > math.MaxInt64 {
		return 0, false
	}
	if neg {
		return Money(-int64(quo)), true
	}
	return Money(quo), true
}

func abs(v int64) uint64 {
	if v < 0 {
		return uint64(-v)
	}
	return uint64(v)
}

func unmarshal(b []byte, scale int) (int64, error) {
	if len(b) >= 2 && b[0] == '"' && b[len(b)-1] == '"' {
		b = b[1 : len(b)-1]
	}
	if string(b) == "null" {
		return 0, ErrSyntax
	}
	// JSON numbers may use exponents; plain decimals are what clients send.
	return parse(string(b), scale)
}

// MarshalJSON emits a string such as "3.250".
func (q Qty) MarshalJSON() ([]byte, error) { return []byte(`"` + q.String() + `"`), nil }

// UnmarshalJSON accepts 3.25 or "3.25".
func (q *Qty) UnmarshalJSON(b []byte) error {
	v, err := unmarshal(b, qtyScale)
	if err != nil {
		return fieldError(err, qtyScale)
	}
	*q = Qty(v)
	return nil
}

// MarshalJSON emits a string such as "12.50".
func (m Money) MarshalJSON() ([]byte, error) { return []byte(`"` + m.String() + `"`), nil }

// UnmarshalJSON accepts 12.5 or "12.50".
func (m *Money) UnmarshalJSON(b []byte) error {
	v, err := unmarshal(b, moneyScale)
	if err != nil {
		return fieldError(err, moneyScale)
	}
	*m = Money(v)
	return nil
}

// fieldError words a parse error for a client.
func fieldError(err error, scale int) error {
	switch {
	case errors.Is(err, ErrPrecision):
		return fmt.Errorf("must have at most %d decimal places", scale)
	case errors.Is(err, ErrRange):
		return errors.New("is too large")
	}
	return errors.New("must be a decimal number such as \"12.50\"")
}

// Message words a parse error for the field it came from.
func Message(err error, scale int) string { return fieldError(err, scale).Error() }

// Value stores the exact decimal text in a DECIMAL column.
func (q Qty) Value() (driver.Value, error) { return q.String(), nil }

// Value stores the exact decimal text in a DECIMAL column.
func (m Money) Value() (driver.Value, error) { return m.String(), nil }

// Scan reads a DECIMAL column.
func (q *Qty) Scan(src any) error {
	v, err := scan(src, qtyScale)
	*q = Qty(v)
	return err
}

// Scan reads a DECIMAL column.
func (m *Money) Scan(src any) error {
	v, err := scan(src, moneyScale)
	*m = Money(v)
	return err
}

// Scan reads what drivers return for a DECIMAL column or a SUM of one into a decimal of
// scale decimals (0 to 4), in units of 10^-scale. MySQL sends exact text, which is rounded
// half away from zero where it has more decimals (SUM, AVG). SQLite keeps DECIMAL as an
// integer or an 8-byte real: the real is rounded to the scale, which gives back exactly the
// value written for every column of at most 15 significant digits (fixed.MaxDigits), and
// a SUM exactly while the sum of the absolute values stays below 2^50 units
// (docs/adr/0001-exact-decimals.md).
func Scan(src any, scale int) (int64, error) {
	if scale < 0 || scale >= len(pow10) {
		return 0, fmt.Errorf("fixed: scale %d out of range", scale)
	}
	return scan(src, scale)
}

func scan(src any, scale int) (int64, error) {
	switch v := src.(type) {
	case nil:
		return 0, nil
	case int64:
		if v > math.MaxInt64/pow10[scale] || v < math.MinInt64/pow10[scale] {
			return 0, ErrRange
		}
		return v * pow10[scale], nil
	case float64:
		r := math.Round(v * float64(pow10[scale]))
		if !(r > math.MinInt64 && r < math.MaxInt64) { // NaN too
			return 0, ErrRange
		}
		return int64(r), nil
	case []byte:
		return scanText(string(v), scale)
	case string:
		return scanText(v, scale)
	}
	return 0, fmt.Errorf("fixed: cannot scan %T", src)
}

// scanText tolerates more decimals than the scale (SUM and AVG results), rounding half away
// from zero on the decimal text itself.
func scanText(s string, scale int) (int64, error) {
	v, err := parse(s, scale)
	if !errors.Is(err, ErrPrecision) {
		return v, err
	}
	dot := strings.IndexByte(s, '.')
	v, err = parse(s[:dot+1+scale], scale)
	if err != nil {
		return 0, err
	}
	if next := s[dot+1+scale]; next >= '5' {
		if v < 0 || strings.HasPrefix(s, "-") {
			v--
		} else {
			v++
		}
	}
	return v, nil
}
