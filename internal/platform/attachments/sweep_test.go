package attachments_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/testutil"
)

func TestSweepUnlinked(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		ctx := context.Background()
		super1 := f.env.Login("super1")
		png := attachments.PNGOf(t, attachments.TwoTone(4, 4))
		abandoned := []attachments.JSON{f.upload(t, super1, png), f.upload(t, super1, png), f.upload(t, f.env.Login("hq1"), png)}
		linked := f.upload(t, super1, png)
		if err := f.link(f.principal(t, super1), []int64{linked.ID}, attachments.Owner{Kind: noteKind, ID: f.pudong, StoreID: f.pudong}); err != nil {
			t.Fatal(err)
		}
		f.env.Clock.Advance(23 * time.Hour)
		super1 = f.env.Login("super1") // sessions end after 12 idle hours
		fresh := f.upload(t, super1, png)
		if n, err := f.svc.SweepUnlinked(ctx, attachments.DefaultUnlinkedTTL); err != nil || n != 0 {
			t.Fatalf("sweep before a day has passed: %d %v", n, err)
		}

		f.env.Clock.Advance(2 * time.Hour)
		super1 = f.env.Login("super1")
		n, err := f.svc.SweepUnlinked(ctx, attachments.DefaultUnlinkedTTL)
		if err != nil || n != len(abandoned) {
			t.Fatalf("sweep: %d %v, want %d", n, err, len(abandoned))
		}
		var ids []int64
		f.env.DB.Table("attachments").Order("id").Pluck("id", &ids)
		if len(ids) != 2 || ids[0] != linked.ID || ids[1] != fresh.ID {
			t.Errorf("rows left %v, want the linked %d and the fresh %d", ids, linked.ID, fresh.ID)
		}
		if got := f.files(t); got != 4 {
			t.Errorf("%d files left, want 4 (image and thumbnail of the two kept)", got)
		}
		if got := f.audits(t, "attachment.sweep"); got != int64(len(abandoned)) {
			t.Errorf("%d sweep audit entries", got)
		}
		if res := super1.Do("GET", abandoned[0].URL, nil); res.Status != http.StatusNotFound {
			t.Errorf("swept upload: %d", res.Status)
		}
		for _, a := range []attachments.JSON{linked, fresh} {
			if res := super1.Do("GET", a.ThumbnailURL, nil); res.Status != http.StatusOK {
				t.Errorf("kept upload %d: %d", a.ID, res.Status)
			}
		}
		if n, err := f.svc.SweepUnlinked(ctx, attachments.DefaultUnlinkedTTL); err != nil || n != 0 {
			t.Errorf("second sweep: %d %v", n, err)
		}
		if _, err := f.svc.SweepUnlinked(ctx, 0); err == nil {
			t.Error("a zero age was accepted")
		}
	})
}

// TestSweepManyBatches sweeps more uploads than one query reads.
func TestSweepManyBatches(t *testing.T) {
	f := newFixture(t, "sqlite")
	super1 := f.env.Login("super1")
	png := attachments.PNGOf(t, attachments.TwoTone(2, 2))
	const uploads = 110 // more than the 100 rows one query reads
	for range uploads {
		f.upload(t, super1, png)
	}
	f.env.Clock.Advance(48 * time.Hour)
	n, err := f.svc.SweepUnlinked(context.Background(), attachments.DefaultUnlinkedTTL)
	if err != nil || n != uploads || f.files(t) != 0 {
		t.Fatalf("swept %d (%v), %d files left; want %d and none", n, err, f.files(t), uploads)
	}
}
