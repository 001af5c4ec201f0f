package attachments_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/testutil"
)

func TestLinkRules(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		super1, super2 := f.env.Login("super1"), f.env.Login("super2")
		p1 := f.principal(t, super1)
		png := attachments.PNGOf(t, attachments.TwoTone(6, 4))
		a, b, d := f.upload(t, super1, png).ID, f.upload(t, super1, png).ID, f.upload(t, super1, png).ID
		other := f.upload(t, super2, png).ID
		note1 := attachments.Owner{Kind: noteKind, ID: f.pudong, StoreID: f.pudong}
		note2 := attachments.Owner{Kind: noteKind, ID: f.tianhe, StoreID: f.tianhe}

		refusals := []struct {
			name   string
			ids    []int64
			owner  attachments.Owner
			fields map[string]string // field → part of its message
		}{
			{"another user's upload", []int64{other}, note1, map[string]string{"photos[0]": "not one of your uploads"}},
			{"unknown id", []int64{a, 987654}, note1, map[string]string{"photos[1]": "not one of your uploads"}},
			{"listed twice", []int64{a, a}, note1, map[string]string{"photos[1]": "more than once"}},
			{"all problems at once", []int64{other, d, d}, note1, map[string]string{"photos[0]": "not one", "photos[2]": "more than once"}},
		}
		for _, tc := range refusals {
			err := f.link(p1, tc.ids, tc.owner)
			var fe apperr.FieldErrors
			if !errors.As(err, &fe) || len(fe) != len(tc.fields) {
				t.Errorf("%s: %v, want fields %v", tc.name, err, tc.fields)
				continue
			}
			for field, msg := range tc.fields {
				if !strings.Contains(fe[field], msg) {
					t.Errorf("%s: %s is %q, want it to say %q", tc.name, field, fe[field], msg)
				}
			}
		}
		if n := f.audits(t, "attachment.link"); n != 0 {
			t.Fatalf("refused links wrote %d audit entries", n)
		}

		if err := f.link(p1, []int64{a, b}, note1); err != nil {
			t.Fatal(err)
		}
		if err := f.link(p1, []int64{b, a}, note1); err != nil {
			t.Errorf("linking again to the same owner: %v, want a no-op", err)
		}
		if n := f.audits(t, "attachment.link"); n != 2 {
			t.Errorf("%d link audit entries, want 2 (linking again writes none)", n)
		}
		var stores []int64
		f.env.DB.Table("audit_log").Where("action = ?", "attachment.link").Pluck("store_id", &stores)
		if len(stores) != 2 || stores[0] != f.pudong || stores[1] != f.pudong {
			t.Errorf("link audit entries carry stores %v, want the owner's store %d", stores, f.pudong)
		}
		err := f.link(p1, []int64{d, b}, note2)
		var fe apperr.FieldErrors
		if !errors.As(err, &fe) || !strings.Contains(fe["photos[1]"], "already attached") || len(fe) != 1 {
			t.Errorf("linking to a second owner: %v", err)
		}
		got, err := f.svc.ForOwner(context.Background(), noteKind, f.pudong)
		if err != nil || len(got) != 2 || got[0].ID != a || got[1].ID != b || got[0].Owner == nil || *got[0].Owner != note1 {
			t.Errorf("ForOwner: %+v %v, want a and b linked to note1", got, err)
		}
		if m, _ := f.svc.ForOwners(context.Background(), noteKind, []int64{f.pudong, f.tianhe}); len(m[f.pudong]) != 2 || len(m[f.tianhe]) != 0 {
			t.Errorf("ForOwners: %v; d must stay unlinked after the refused request", m)
		}

		// Another field name for requests whose photos are nested.
		err = database.Tx(context.Background(), f.env.DB, func(tx *gorm.DB) error {
			return f.svc.LinkField(context.Background(), tx, p1, "items[2].photos", []int64{other}, note1)
		})
		if !errors.As(err, &fe) || fe["items[2].photos[0]"] == "" {
			t.Errorf("LinkField: %v", err)
		}
		// A kind nobody registered is a programming error, not bad input.
		err = f.link(p1, []int64{d}, attachments.Owner{Kind: "unregistered", ID: 1, StoreID: f.pudong})
		if err == nil || errors.Is(err, apperr.ErrInvalid) {
			t.Errorf("unregistered kind: %v, want an internal error", err)
		}
		// Background work may not link a user's upload either.
		if err := f.link(authz.System("test"), []int64{d}, note1); !errors.Is(err, apperr.ErrInvalid) {
			t.Errorf("system linking a user's upload: %v", err)
		}
		if err := f.link(nil, []int64{d}, note1); !errors.Is(err, authz.ErrNoCaller) {
			t.Errorf("nil caller: %v", err)
		}
	})
}

// TestConcurrentLinksOfOneUpload races two requests linking the same upload to two owners:
// exactly one wins, the other gets the 400 of an upload linked elsewhere.
func TestConcurrentLinksOfOneUpload(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		super1 := f.env.Login("super1")
		p1 := f.principal(t, super1)
		for round := 0; round < 5; round++ {
			id := f.upload(t, super1, attachments.PNGOf(t, attachments.TwoTone(4, 4))).ID
			var wg sync.WaitGroup
			errs := make([]error, 2)
			for i, owner := range []int64{f.pudong, f.tianhe} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					errs[i] = f.link(p1, []int64{id}, attachments.Owner{Kind: noteKind, ID: owner, StoreID: owner})
				}()
			}
			wg.Wait()
			won := 0
			for _, err := range errs {
				switch {
				case err == nil:
					won++
				case !errors.Is(err, apperr.ErrInvalid):
					t.Fatalf("round %d: %v, want success or a 400", round, err)
				}
			}
			if won != 1 {
				t.Fatalf("round %d: %d links succeeded (%v), want exactly 1", round, won, errs)
			}
		}
	})
}
