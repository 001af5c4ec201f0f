package fixed

import (
	"math/big"
	"strings"
	"testing"
)

// Whatever ParseMoney and ParseQty accept is the exact decimal written: formatting it and
// parsing again gives the same value, and big.Rat reads the same number from the input.
func FuzzParseDecimal(f *testing.F) {
	for _, s := range []string{"0", "12.50", "-3.250", "+1", ".5", "5.", "1.0000", "1e3", "", "-", "9223372036854775807",
		"92233720368547758.07", "0.001", "１２", "1,000", " 1", "1.2.3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		check := func(v int64, err error, scale int, again func(string) (int64, error)) {
			if err != nil {
				return
			}
			out := format(v, scale)
			w, err := again(out)
			if err != nil || w != v {
				t.Fatalf("%q → %d → %q → %d, %v", s, v, out, w, err)
			}
			in, ok := new(big.Rat).SetString(strings.TrimPrefix(s, "+"))
			if !ok {
				t.Fatalf("%q accepted but is no decimal", s)
			}
			exact := new(big.Rat).SetFrac(big.NewInt(v), new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(scale)), nil))
			if in.Cmp(exact) != 0 {
				t.Fatalf("%q read as %s", s, out)
			}
		}
		m, err := ParseMoney(s)
		check(int64(m), err, moneyScale, func(x string) (int64, error) { v, err := ParseMoney(x); return int64(v), err })
		q, err := ParseQty(s)
		check(int64(q), err, qtyScale, func(x string) (int64, error) { v, err := ParseQty(x); return int64(v), err })
	})
}
