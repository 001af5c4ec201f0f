package attachments_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/testutil"
)

// TestReadsAreOwnerScoped: before it is linked only the uploader sees an upload; after, the
// owner kind's Visibility decides, and everyone it refuses gets the same 404 as for an id
// that does not exist.
func TestReadsAreOwnerScoped(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		users := map[string]*testutil.Client{}
		for _, u := range []string{"admin", "manager1", "super1", "hq1", "manager2", "super2"} {
			users[u] = f.env.Login(u)
		}
		a := f.upload(t, users["super1"], attachments.PNGOf(t, attachments.TwoTone(8, 8)))
		expect := func(stage string, want map[string]int) {
			t.Helper()
			for u, status := range want {
				for _, path := range []string{a.URL, a.ThumbnailURL} {
					if res := users[u].Do("GET", path, nil); res.Status != status {
						t.Errorf("%s: %s GET %s: %d, want %d", stage, u, path, res.Status, status)
					} else if status == http.StatusNotFound && res.ErrorCode() != "not_found" {
						t.Errorf("%s: %s: 404 body %s", stage, u, res.Body)
					}
				}
			}
		}
		expect("unlinked", map[string]int{"super1": 200, "manager1": 404, "admin": 404, "hq1": 404, "super2": 404})
		if res := f.env.Anonymous().Do("GET", a.URL, nil); res.Status != http.StatusUnauthorized {
			t.Errorf("anonymous: %d", res.Status)
		}

		note := attachments.Owner{Kind: noteKind, ID: f.pudong, StoreID: f.pudong}
		if err := f.link(f.principal(t, users["super1"]), []int64{a.ID}, note); err != nil {
			t.Fatal(err)
		}
		expect("linked", map[string]int{"super1": 200, "manager1": 200, "admin": 200, "hq1": 200, "manager2": 404, "super2": 404})

		for _, path := range []string{"/api/v1/attachments/0", "/api/v1/attachments/abc", "/api/v1/attachments/987654",
			"/api/v1/attachments/987654/thumbnail", "/api/v1/attachments/-1"} {
			if res := users["admin"].Do("GET", path, nil); res.Status != http.StatusNotFound {
				t.Errorf("GET %s: %d, want 404", path, res.Status)
			}
		}
	})
}

func TestETag(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		super1 := f.env.Login("super1")
		a := f.upload(t, super1, attachments.JPEGOf(t, attachments.TwoTone(16, 16)))
		etag := `"` + a.SHA256 + `"`
		cases := []struct {
			name, path, ifNoneMatch string
			status                  int
		}{
			{"current copy", a.URL, etag, http.StatusNotModified},
			{"weak comparison", a.URL, "W/" + etag, http.StatusNotModified},
			{"one of a list", a.URL, `"stale", ` + etag, http.StatusNotModified},
			{"any", a.URL, "*", http.StatusNotModified},
			{"stale copy", a.URL, `"0000"`, http.StatusOK},
			{"image tag on the thumbnail", a.ThumbnailURL, etag, http.StatusOK},
			{"thumbnail", a.ThumbnailURL, `"` + a.SHA256 + `-thumb"`, http.StatusNotModified},
		}
		for _, tc := range cases {
			res := super1.With("If-None-Match", tc.ifNoneMatch).Do("GET", tc.path, nil)
			if res.Status != tc.status {
				t.Errorf("%s: %d, want %d", tc.name, res.Status, tc.status)
			}
			if tc.status == http.StatusNotModified && (len(res.Body) != 0 || res.Header.Get("ETag") == "") {
				t.Errorf("%s: 304 with %d body bytes and ETag %q", tc.name, len(res.Body), res.Header.Get("ETag"))
			}
		}
		// A matching tag from someone who may not see the image reveals nothing either.
		if res := f.env.Login("super2").With("If-None-Match", etag).Do("GET", a.URL, nil); res.Status != http.StatusNotFound {
			t.Errorf("other user with the right ETag: %d, want 404", res.Status)
		}
	})
}

// TestVisibilityFailures: a Visibility answering forbidden is a 404 like not found; an owner
// kind no module registers any more hides its attachments; a Visibility that fails (rather
// than refusing) is a 500, not a 404 that would hide the failure.
func TestVisibilityFailures(t *testing.T) {
	f := newFixture(t, "sqlite")
	super1 := f.env.Login("super1")
	p1 := f.principal(t, super1)
	f.svc.Register("broken", attachments.VisibilityFunc(func(context.Context, *authz.Principal, int64) error {
		return errors.New("the owner's table is unreachable")
	}))
	f.svc.Register("forbidding", attachments.VisibilityFunc(func(context.Context, *authz.Principal, int64) error {
		return fmt.Errorf("role may not read it: %w", apperr.ErrForbidden)
	}))
	png := attachments.PNGOf(t, attachments.TwoTone(4, 4))
	broken, gone, forbidden := f.upload(t, super1, png), f.upload(t, super1, png), f.upload(t, super1, png)
	if err := f.link(p1, []int64{broken.ID}, attachments.Owner{Kind: "broken", ID: 1, StoreID: f.pudong}); err != nil {
		t.Fatal(err)
	}
	if res := super1.Do("GET", broken.URL, nil); res.Status != http.StatusInternalServerError {
		t.Errorf("failing visibility: %d, want 500", res.Status)
	}
	if err := f.link(p1, []int64{forbidden.ID}, attachments.Owner{Kind: "forbidding", ID: 1, StoreID: f.pudong}); err != nil {
		t.Fatal(err)
	}
	if res := super1.Do("GET", forbidden.URL, nil); res.Status != http.StatusNotFound {
		t.Errorf("visibility answering forbidden: %d, want 404 (never 403)", res.Status)
	}
	if err := f.link(p1, []int64{gone.ID}, attachments.Owner{Kind: noteKind, ID: f.pudong, StoreID: f.pudong}); err != nil {
		t.Fatal(err)
	}
	testutil.MustExec(t, f.env.DB, "UPDATE attachments SET owner_kind = 'retired' WHERE id = ?", gone.ID)
	if res := super1.Do("GET", gone.URL, nil); res.Status != http.StatusNotFound {
		t.Errorf("unregistered owner kind: %d, want 404", res.Status)
	}
	if _, err := f.svc.Get(context.Background(), nil, gone.ID); !errors.Is(err, authz.ErrNoCaller) {
		t.Errorf("nil caller: %v", err)
	}
}

func TestRegisterRefusesMistakes(t *testing.T) {
	f := newFixture(t, "sqlite")
	ok := attachments.VisibilityFunc(func(context.Context, *authz.Principal, int64) error { return nil })
	for name, register := range map[string]func(){
		"twice":    func() { f.svc.Register(noteKind, ok) },
		"empty":    func() { f.svc.Register("", ok) },
		"nil":      func() { f.svc.Register("other", nil) },
		"too long": func() { f.svc.Register("a_kind_name_longer_than_thirty_two_chars", ok) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Register %s did not panic", name)
				}
			}()
			register()
		}()
	}
}
