package feeds_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/feeds"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/testutil"
)

// BenchmarkIngestSales ingests 30 days × 300 SKUs of one store's sales per iteration through
// the service (no HTTP), on each database; every iteration posts new dates.
func BenchmarkIngestSales(b *testing.B) {
	for _, dialect := range testutil.Dialects(b) {
		b.Run(dialect, func(b *testing.B) {
			env := testutil.NewEnv(b, dialect)
			var store int64
			env.DB.Table("stores").Where("code = ?", "sh-pudong").Pluck("id", &store)
			ctx := authz.WithPrincipal(context.Background(), &authz.Principal{UserID: 1, Username: "admin", Role: authz.RoleAdmin})
			products := catalog.DemoProducts()
			env.Clock.Advance(10 * 365 * 24 * time.Hour)
			start := env.Clock.Now().AddDate(-9, 0, 0)
			lines := 0
			b.ResetTimer()
			for i := 0; b.Loop(); i++ {
				b.StopTimer()
				var buf bytes.Buffer
				buf.WriteString(`{"lines":[`)
				n := 0
				for d := 0; d < 30; d++ {
					date := start.AddDate(0, 0, i*30+d).Format("2006-01-02")
					for k, p := range products {
						if n > 0 {
							buf.WriteByte(',')
						}
						fmt.Fprintf(&buf, `{"business_date":%q,"sku":%q,"qty":"%d.500","net_sales":"%d.00","cost":"%d.00"}`, date, p.SKU, k%20+1, k%90+10, k%60+5)
						n++
					}
				}
				buf.WriteString(`]}`)
				b.StartTimer()
				if _, err := env.App.Feeds.Ingest(ctx, authz.System("bench"), feeds.Request{StoreID: store, Kind: feeds.KindSales, Body: &buf}); err != nil {
					b.Fatal(err)
				}
				lines += n
			}
			b.ReportMetric(float64(lines)/b.Elapsed().Seconds(), "lines/s")
		})
	}
}
