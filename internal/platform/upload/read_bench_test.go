package upload

import (
	"bytes"
	"fmt"
	"testing"
)

var salesSpec = Spec{Array: "lines", MaxLines: 100_000, Required: []string{"business_date", "sku", "qty", "net_sales", "cost"}}

func salesBody(n int, csv bool) []byte {
	var buf bytes.Buffer
	if csv {
		buf.WriteString("business_date,sku,qty,net_sales,cost\n")
	} else {
		buf.WriteString(`{"lines":[`)
	}
	for i := 0; i < n; i++ {
		if csv {
			fmt.Fprintf(&buf, "2026-10-%02d,P1%04d,%d.250,%d.50,%d.10\n", i%28+1, i%300, i%50, i%500, i%300)
			continue
		}
		if i > 0 {
			buf.WriteByte(',')
		}
		fmt.Fprintf(&buf, `{"business_date":"2026-10-%02d","sku":"P1%04d","qty":"%d.250","net_sales":"%d.50","cost":"%d.10"}`, i%28+1, i%300, i%50, i%500, i%300)
	}
	if !csv {
		buf.WriteString(`]}`)
	}
	return buf.Bytes()
}

// BenchmarkRead measures decoding a 10,000-line sales body, without the database.
func BenchmarkRead(b *testing.B) {
	for _, format := range []string{JSON, CSV} {
		b.Run(format, func(b *testing.B) {
			body := salesBody(10000, format == CSV)
			b.SetBytes(int64(len(body)))
			b.ReportAllocs()
			for b.Loop() {
				pr := NewProblems()
				res, err := Read(bytes.NewReader(body), format, "", salesSpec, pr, func(*Line) {})
				if err != nil || res.Lines != 10000 || pr.Err() != nil {
					b.Fatal(res.Lines, err, pr.Err())
				}
			}
		})
	}
}
