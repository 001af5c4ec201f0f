package stocktake

import (
	"database/sql/driver"
	"fmt"
	"strconv"
	"strings"
)

// Ratio is a fraction in ten-thousandths (9876 is 0.9876), exact like every other number
// StoreOps stores; JSON carries it as a string such as "0.9876".
type Ratio int64

// RatioOne is 1.0000.
const RatioOne Ratio = 10000

// String formats the ratio with 4 decimals.
func (r Ratio) String() string {
	sign := ""
	v := int64(r)
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%04d", sign, v/10000, v%10000)
}

// MarshalJSON emits a string such as "0.9876".
func (r Ratio) MarshalJSON() ([]byte, error) { return []byte(`"` + r.String() + `"`), nil }

// Value stores the ratio as a DECIMAL(7,4).
func (r Ratio) Value() (driver.Value, error) { return r.String(), nil }

// Scan reads a DECIMAL column.
func (r *Ratio) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case []byte:
		s = string(v)
	case string:
		s = v
	case float64:
		s = strconv.FormatFloat(v, 'f', 4, 64)
	case int64:
		*r = Ratio(v * 10000)
		return nil
	default:
		return fmt.Errorf("stocktake: cannot scan %T into a ratio", src)
	}
	v, err := parseRatio(s)
	*r = v
	return err
}

func parseRatio(s string) (Ratio, error) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	frac = (frac + "0000")[:4]
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("stocktake: ratio %q: %w", s, err)
	}
	f, err := strconv.ParseInt(frac, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("stocktake: ratio %q: %w", s, err)
	}
	v := Ratio(w*10000 + f)
	if neg {
		v = -v
	}
	return v, nil
}
