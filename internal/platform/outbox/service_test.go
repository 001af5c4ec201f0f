package outbox_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"
	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/outbox"
	"github.com/storeops/storeops/internal/platform/paging"
	"github.com/storeops/storeops/internal/testutil"
)

var system = authz.System("outbox.deliver")

// recorder is a channel that keeps what it was given and fails while fail says so.
type recorder struct {
	name string
	mu   sync.Mutex
	got  []outbox.Envelope
	fail func(e outbox.Envelope) error
}

func (r *recorder) Name() string { return r.name }

func (r *recorder) Deliver(ctx context.Context, e outbox.Envelope) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail != nil {
		if err := r.fail(e); err != nil {
			return err
		}
	}
	r.got = append(r.got, e)
	return nil
}

func (r *recorder) envelopes() []outbox.Envelope {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]outbox.Envelope(nil), r.got...)
}

func newService(tb testing.TB, db *gorm.DB, clock *testutil.Clock, opts outbox.Options) *outbox.Service {
	tb.Helper()
	s, err := outbox.NewService(db, clock.Now, nil, opts)
	if err != nil {
		tb.Fatal(err)
	}
	return s
}

// add writes m in its own committed transaction.
func add(tb testing.TB, db *gorm.DB, s *outbox.Service, m outbox.Message) string {
	tb.Helper()
	var id string
	err := database.Tx(context.Background(), db, func(tx *gorm.DB) error {
		var err error
		id, err = s.Add(context.Background(), tx, m)
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return id
}

func deliver(tb testing.TB, s *outbox.Service) outbox.Result {
	tb.Helper()
	res, err := s.DeliverDue(context.Background(), system, 100)
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

// message reads one message back through the admin listing.
func message(tb testing.TB, s *outbox.Service, messageID string) outbox.Record {
	tb.Helper()
	items, _, err := s.List(context.Background(), system, "", paging.Page{Page: 1, PageSize: paging.MaxPageSize})
	if err != nil {
		tb.Fatal(err)
	}
	for _, r := range items {
		if r.MessageID == messageID {
			return r
		}
	}
	tb.Fatalf("message %s does not exist", messageID)
	return outbox.Record{}
}

func count(tb testing.TB, db *gorm.DB) int64 {
	tb.Helper()
	var n int64
	if err := db.Table("outbox_messages").Count(&n).Error; err != nil {
		tb.Fatal(err)
	}
	return n
}

func TestAMessageExistsExactlyWhenItsTransactionCommits(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		db := testutil.NewTestDB(t, dialect)
		clock := testutil.NewClock()
		ch := &recorder{name: "test"}
		s := newService(t, db, clock, outbox.Options{Deliverers: []outbox.Deliverer{ch}})
		ctx := context.Background()

		rollback := errors.New("the event failed")
		err := database.Tx(ctx, db, func(tx *gorm.DB) error {
			if _, err := s.Add(ctx, tx, outbox.Message{Topic: "test.rolled_back", Payload: map[string]int{"n": 1}}); err != nil {
				return err
			}
			return rollback
		})
		if !errors.Is(err, rollback) || count(t, db) != 0 {
			t.Fatalf("after a rollback (err %v) %d messages exist, want none", err, count(t, db))
		}

		store := int64(42)
		id := add(t, db, s, outbox.Message{Topic: "test.committed", StoreID: &store, Payload: map[string]any{"task_id": 7}})
		if _, err := uuid.Parse(id); err != nil {
			t.Fatalf("message id %q is not a UUID: %v", id, err)
		}
		if rec := message(t, s, id); rec.Status != outbox.StatusPending || rec.NextAttemptAt == nil || rec.Attempts != 0 {
			t.Fatalf("new message %+v", rec)
		}
		if res := deliver(t, s); res != (outbox.Result{Delivered: 1}) {
			t.Fatalf("first pass %+v, want one delivered", res)
		}
		if res := deliver(t, s); res != (outbox.Result{}) {
			t.Fatalf("second pass %+v, want nothing", res)
		}
		got := ch.envelopes()
		if len(got) != 1 || got[0].MessageID != id || got[0].Topic != "test.committed" || got[0].Attempt != 1 ||
			got[0].StoreID == nil || *got[0].StoreID != 42 || string(got[0].Payload) != `{"task_id":7}` {
			t.Fatalf("channel got %+v", got)
		}
		rec := message(t, s, id)
		if rec.Status != outbox.StatusDelivered || rec.DeliveredAt == nil || !rec.DeliveredAt.Equal(clock.Now()) ||
			rec.NextAttemptAt != nil || len(rec.DeliveredChannels) != 1 {
			t.Fatalf("delivered message %+v", rec)
		}
	})
}

func TestAKeyedMessageIsAddedOnce(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		db := testutil.NewTestDB(t, dialect)
		s := newService(t, db, testutil.NewClock(), outbox.Options{})
		first := add(t, db, s, outbox.Message{Topic: "task.overdue", Key: "task:7", Payload: 1})
		again := add(t, db, s, outbox.Message{Topic: "task.overdue", Key: "task:7", Payload: 2})
		other := add(t, db, s, outbox.Message{Topic: "task.done", Key: "task:7", Payload: 3})
		unkeyed := add(t, db, s, outbox.Message{Topic: "task.overdue", Payload: 4})
		if again != first || other == first || unkeyed == first || count(t, db) != 3 {
			t.Fatalf("ids %s %s %s %s and %d rows: a key is unique per topic", first, again, other, unkeyed, count(t, db))
		}
		bad := []outbox.Message{
			{Topic: ""},
			{Topic: strings.Repeat("t", outbox.MaxTopicLen+1)},
			{Topic: "x", Key: strings.Repeat("k", outbox.MaxKeyLen+1)},
			{Topic: "x", Payload: func() {}},
			{Topic: "x", Payload: strings.Repeat("p", outbox.MaxPayloadBytes)},
		}
		for _, m := range bad {
			err := database.Tx(context.Background(), db, func(tx *gorm.DB) error {
				_, err := s.Add(context.Background(), tx, m)
				return err
			})
			if err == nil {
				t.Errorf("added a bad message (topic %.20q)", m.Topic)
			}
		}
	})
}

func TestAFailingChannelIsRetriedWithGrowingPausesThenDelivered(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		db := testutil.NewTestDB(t, dialect)
		clock := testutil.NewClock()
		calls := 0
		flaky := &recorder{name: "flaky", fail: func(outbox.Envelope) error {
			calls++
			if calls <= 2 {
				return fmt.Errorf("robot answered 502 (call %d)", calls)
			}
			return nil
		}}
		steady := &recorder{name: "steady"}
		s := newService(t, db, clock, outbox.Options{Deliverers: []outbox.Deliverer{steady, flaky}})
		id := add(t, db, s, outbox.Message{Topic: "test.flaky", Payload: "hello"})

		var lastPause time.Duration
		for attempt := 1; attempt <= 2; attempt++ {
			failedAt := clock.Now()
			if res := deliver(t, s); res != (outbox.Result{Retried: 1}) {
				t.Fatalf("attempt %d: %+v, want a retry", attempt, res)
			}
			rec := message(t, s, id)
			pause := rec.NextAttemptAt.Sub(failedAt)
			if rec.Status != outbox.StatusPending || rec.Attempts != attempt || rec.LastError == nil ||
				!strings.Contains(*rec.LastError, "flaky: robot answered 502") || pause <= lastPause {
				t.Fatalf("after failed attempt %d: %+v, pause %s after %s", attempt, rec, pause, lastPause)
			}
			lastPause = pause
			clock.Advance(pause - time.Second)
			if res := deliver(t, s); res != (outbox.Result{}) {
				t.Fatalf("attempt %d: retried %+v a second before its pause ended", attempt, res)
			}
			clock.Advance(time.Second)
		}
		if res := deliver(t, s); res != (outbox.Result{Delivered: 1}) {
			t.Fatalf("third attempt %+v, want delivered", res)
		}
		for i, e := range flaky.envelopes() {
			if e.MessageID != id || e.Attempt != 3 {
				t.Errorf("flaky took envelope %d: %+v", i, e)
			}
		}
		if calls != 3 {
			t.Errorf("flaky was called %d times, want 3", calls)
		}
		// The channel that took the message the first time is not given it again.
		if got := steady.envelopes(); len(got) != 1 || got[0].MessageID != id || got[0].Attempt != 1 {
			t.Errorf("steady got %+v, want the message once", got)
		}
		if rec := message(t, s, id); rec.Status != outbox.StatusDelivered || rec.Attempts != 2 {
			t.Errorf("finally %+v", rec)
		}
	})
}

func TestAMessageIsDeadAfterMaxAttempts(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		db := testutil.NewTestDB(t, dialect)
		clock := testutil.NewClock()
		var ids []string
		broken := &recorder{name: "broken", fail: func(e outbox.Envelope) error {
			ids = append(ids, e.MessageID)
			panic("the robot's client crashed")
		}}
		s := newService(t, db, clock, outbox.Options{Deliverers: []outbox.Deliverer{broken}, MaxAttempts: 3})
		id := add(t, db, s, outbox.Message{Topic: "test.doomed", Payload: nil})
		want := []outbox.Result{{Retried: 1}, {Retried: 1}, {Dead: 1}, {}}
		for i, w := range want {
			if res := deliver(t, s); res != w {
				t.Fatalf("pass %d: %+v, want %+v", i+1, res, w)
			}
			clock.Advance(2 * time.Hour)
		}
		rec := message(t, s, id)
		if rec.Status != outbox.StatusDead || rec.Attempts != 3 || rec.NextAttemptAt != nil ||
			rec.LastError == nil || !strings.Contains(*rec.LastError, "panic: the robot's client crashed") {
			t.Fatalf("dead message %+v", rec)
		}
		if len(ids) != 3 || ids[0] != id || ids[2] != id {
			t.Fatalf("attempts carried %v", ids)
		}
		dead, total, err := s.List(context.Background(), system, outbox.StatusDead, paging.First())
		if err != nil || total != 1 || len(dead) != 1 || dead[0].MessageID != id {
			t.Fatalf("dead list %+v total %d (err %v)", dead, total, err)
		}
	})
}

func TestWithoutAChannelMessagesStayPending(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		db := testutil.NewTestDB(t, dialect)
		s := newService(t, db, testutil.NewClock(), outbox.Options{})
		id := add(t, db, s, outbox.Message{Topic: "test.nowhere", Payload: json.RawMessage(`{"a":1}`)})
		if res := deliver(t, s); res != (outbox.Result{}) {
			t.Fatalf("delivered %+v with no channel", res)
		}
		if rec := message(t, s, id); rec.Status != outbox.StatusPending || rec.Attempts != 0 || string(rec.Payload) != `{"a":1}` {
			t.Fatalf("message %+v, want it pending and untouched", rec)
		}
		if _, err := s.DeliverDue(context.Background(), nil, 10); err == nil {
			t.Fatal("DeliverDue without a caller")
		}
	})
}

func TestTwoWorkersNeverDeliverAMessageTwice(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		db := testutil.NewTestDB(t, dialect)
		clock := testutil.NewClock()
		ch := &recorder{name: "shared"}
		a := newService(t, db, clock, outbox.Options{Deliverers: []outbox.Deliverer{ch}})
		b := newService(t, db, clock, outbox.Options{Deliverers: []outbox.Deliverer{ch}})
		const n = 40
		for i := range n {
			add(t, db, a, outbox.Message{Topic: "test.race", Payload: i})
		}
		var wg sync.WaitGroup
		results := make([]outbox.Result, 2)
		for i, s := range []*outbox.Service{a, b} {
			wg.Go(func() {
				res, err := s.DeliverDue(context.Background(), system, n)
				if err != nil {
					t.Errorf("worker %d: %v", i, err)
				}
				results[i] = res
			})
		}
		wg.Wait()
		seen := map[string]int{}
		for _, e := range ch.envelopes() {
			seen[e.MessageID]++
		}
		if len(seen) != n || results[0].Delivered+results[1].Delivered != n {
			t.Fatalf("%d distinct messages delivered, workers report %+v, want %d", len(seen), results, n)
		}
		for id, times := range seen {
			if times != 1 {
				t.Errorf("message %s delivered %d times", id, times)
			}
		}
	})
}
