package shrink

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/fixed"
)

// Barcode formats of a markdown label.
const (
	BarcodeEAN13   = "ean13"
	BarcodeCode128 = "code128"
)

// Layout is the chain's price-embedded EAN-13 layout (the variable-measure prefix 2 numbers
// that weighing scales print and tills read): Prefix, then ItemDigits of the product's code,
// then PriceDigits of the price in fen, then the check digit.
type Layout struct {
	Enabled     bool
	Prefix      string
	ItemDigits  int
	PriceDigits int
	Version     int
}

// DefaultLayout is off: labels carry Code 128 of the SKU until an admin sets the layout.
var DefaultLayout = Layout{Prefix: "2", ItemDigits: 6, PriceDigits: 5}

// Validate checks a layout an admin sends.
func (l Layout) Validate() error {
	if !l.Enabled {
		return nil
	}
	fe := apperr.FieldErrors{}
	if len(l.Prefix) < 1 || len(l.Prefix) > 3 || l.Prefix[0] != '2' || strings.IndexFunc(l.Prefix, notDigit) >= 0 {
		fe.Add("prefix", "must be 1 to 3 digits starting with 2")
	}
	if l.ItemDigits < 1 || l.ItemDigits > 10 {
		fe.Add("item_digits", "must be from 1 to 10")
	}
	if l.PriceDigits < 1 || l.PriceDigits > 10 {
		fe.Add("price_digits", "must be from 1 to 10")
	}
	if err := fe.Err(); err != nil {
		return err
	}
	if n := len(l.Prefix) + l.ItemDigits + l.PriceDigits; n != 12 {
		fe.Add("price_digits", fmt.Sprintf("prefix, item and price digits must add up to 12, not %d", n))
	}
	return fe.Err()
}

func notDigit(r rune) bool { return r < '0' || r > '9' }

// Barcode is what a label prints.
type Barcode struct {
	Format string
	Value  string
}

// LabelBarcode is the barcode of a unit of sku sold at price: the layout's EAN-13 when it is
// enabled and the SKU's digits and the price fit, else Code 128 of the SKU.
func LabelBarcode(l Layout, sku string, price fixed.Money) Barcode {
	fallback := Barcode{Format: BarcodeCode128, Value: sku}
	if !l.Enabled || price < 0 {
		return fallback
	}
	digits := strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) && r < 128 {
			return r
		}
		return -1
	}, sku)
	digits = strings.TrimLeft(digits, "0")
	fen := strconv.FormatInt(int64(price), 10)
	if digits == "" || len(digits) > l.ItemDigits || len(fen) > l.PriceDigits {
		return fallback
	}
	body := l.Prefix + pad(digits, l.ItemDigits) + pad(fen, l.PriceDigits)
	return Barcode{Format: BarcodeEAN13, Value: body + string(rune('0'+EANCheck(body)))}
}

func pad(s string, n int) string { return strings.Repeat("0", n-len(s)) + s }

// EANCheck is the check digit of 12 EAN digits: weights 1 and 3 from the left.
func EANCheck(body string) int {
	sum := 0
	for i, r := range body {
		d := int(r - '0')
		if i%2 == 1 {
			d *= 3
		}
		sum += d
	}
	return (10 - sum%10) % 10
}
