package jobs_test

import (
	"testing"
	"time"

	"github.com/storeops/storeops/internal/platform/jobs"
)

func TestNextSlot(t *testing.T) {
	t0 := time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)
	every := 10 * time.Minute
	cases := []struct {
		name string
		now  time.Time
		want time.Time
	}{
		{"finished within the period", t0.Add(3 * time.Second), t0.Add(every)},
		{"started late: counted from the slot, not from now", t0.Add(7 * time.Minute), t0.Add(every)},
		{"finished exactly on the next slot: that slot is past, skip it", t0.Add(every), t0.Add(2 * every)},
		{"down for several periods: once, then the next future slot", t0.Add(35 * time.Minute), t0.Add(40 * time.Minute)},
		{"clock behind the slot", t0.Add(-time.Minute), t0.Add(every)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := jobs.NextSlot(t0, every, c.now); !got.Equal(c.want) {
				t.Errorf("NextSlot(t0, 10m, t0+%s) = t0+%s, want t0+%s", c.now.Sub(t0), got.Sub(t0), c.want.Sub(t0))
			}
		})
	}
}
