package feeds

import (
	"bytes"
	"fmt"
	"testing"
)

// BenchmarkReadJSON measures decoding a 10,000-line sales body, without the database.
func BenchmarkReadJSON(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString(`{"lines":[`)
	for i := 0; i < 10000; i++ {
		if i > 0 {
			buf.WriteByte(',')
		}
		fmt.Fprintf(&buf, `{"business_date":"2026-10-%02d","sku":"P1%04d","qty":"%d.250","net_sales":"%d.50","cost":"%d.10"}`, i%28+1, i%300, i%50, i%500, i%300)
	}
	buf.WriteString(`]}`)
	body := buf.Bytes()
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	for b.Loop() {
		pr := newProblems()
		n, err := readJSON(bytes.NewReader(body), KindSales, pr, func(r *rawLine, a at) {})
		if err != nil || n != 10000 || pr.err() != nil {
			b.Fatal(n, err, pr.err())
		}
	}
}
