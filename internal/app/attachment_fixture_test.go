package app_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"testing"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/testutil"
)

// attachmentFixtures stores two photos, each linked to a record of the test owner kind
// "walk_store" (one record per store, visible to whoever may see that store): one of
// sh-pudong and one of gz-tianhe. They are the fixtures of the /attachments/{attachment_id}
// routes: every role reads the first, and the second is another store's resource.
func attachmentFixtures(t *testing.T, env *testutil.Env) (own, other string) {
	t.Helper()
	svc := env.App.Attachments
	svc.Register("walk_store", attachments.VisibilityFunc(func(_ context.Context, p *authz.Principal, storeID int64) error {
		return p.RequireStore(storeID)
	}))
	caller := authz.System("route-walk")
	photo := func(storeCode string) string {
		a, err := svc.Upload(context.Background(), caller, tinyPNG(t))
		if err != nil {
			t.Fatalf("attachment fixture: %v", err)
		}
		id := storeID(t, env, storeCode)
		err = database.Tx(context.Background(), env.DB, func(tx *gorm.DB) error {
			return svc.Link(context.Background(), tx, caller, []int64{a.ID}, attachments.Owner{Kind: "walk_store", ID: id, StoreID: id})
		})
		if err != nil {
			t.Fatalf("attachment fixture: %v", err)
		}
		return fmt.Sprint(a.ID)
	}
	return photo("sh-pudong"), photo("gz-tianhe")
}

func tinyPNG(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
