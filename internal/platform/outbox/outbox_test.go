package outbox_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/storeops/storeops/internal/platform/outbox"
)

func TestBackoffGrowsWithJitterUpToTheCap(t *testing.T) {
	base, maxDelay := 30*time.Second, time.Hour
	lowest := func(time.Duration) time.Duration { return 0 }
	highest := func(d time.Duration) time.Duration { return d - 1 }
	cases := []struct {
		attempt  int
		min, max time.Duration // the pause lies in [min, max)
	}{
		{1, 15 * time.Second, 30 * time.Second},
		{2, 30 * time.Second, time.Minute},
		{3, time.Minute, 2 * time.Minute},
		{7, 16 * time.Minute, 32 * time.Minute},
		{8, 30 * time.Minute, time.Hour}, // 64 min is over the cap
		{12, 30 * time.Minute, time.Hour},
		{200, 30 * time.Minute, time.Hour}, // no overflow
	}
	for _, c := range cases {
		lo := outbox.Backoff(c.attempt, base, maxDelay, lowest)
		hi := outbox.Backoff(c.attempt, base, maxDelay, highest)
		if lo != c.min || hi >= c.max || hi < lo {
			t.Errorf("attempt %d: pause in [%s, %s], want [%s, %s)", c.attempt, lo, hi, c.min, c.max)
		}
	}
}

func TestLogDelivererWritesTheMessage(t *testing.T) {
	var buf bytes.Buffer
	d := outbox.LogDeliverer{Log: slog.New(slog.NewTextHandler(&buf, nil))}
	store := int64(3)
	err := d.Deliver(context.Background(), outbox.Envelope{MessageID: "5f0c6f3e-1f7b-4c1e-9d37-3b1a2e0c9a11",
		Topic: "task.overdue", StoreID: &store, Payload: []byte(`{"task_id":7}`), Attempt: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"message_id=5f0c6f3e-1f7b-4c1e-9d37-3b1a2e0c9a11", "topic=task.overdue", "store_id=3",
		`payload="{\"task_id\":7}"`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("log line %q lacks %s", buf.String(), want)
		}
	}
}
