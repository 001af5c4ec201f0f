package attachments_test

import (
	"context"
	"errors"
	"io/fs"
	"net/http"
	"path/filepath"
	"testing"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/testutil"
)

// noteKind is an owner kind registered by the tests: a "note" record belongs to the store
// whose id it has, and is visible to whoever may see that store.
const noteKind = "note"

type fixture struct {
	env            *testutil.Env
	svc            *attachments.Service
	pudong, tianhe int64 // the stores of manager1/super1 and manager2/super2
}

func newFixture(t *testing.T, dialect string) *fixture {
	t.Helper()
	env := testutil.NewEnv(t, dialect)
	f := &fixture{env: env, svc: env.App.Attachments, pudong: storeID(t, env, "sh-pudong"), tianhe: storeID(t, env, "gz-tianhe")}
	f.svc.Register(noteKind, attachments.VisibilityFunc(func(_ context.Context, p *authz.Principal, id int64) error {
		return p.RequireStore(id)
	}))
	return f
}

func storeID(t *testing.T, env *testutil.Env, code string) int64 {
	t.Helper()
	var id int64
	if err := env.DB.Table("stores").Where("code = ?", code).Pluck("id", &id).Error; err != nil || id == 0 {
		t.Fatalf("store %s: %v", code, err)
	}
	return id
}

// principal is the caller behind a signed-in client, as the HTTP layer would see it.
func (f *fixture) principal(t *testing.T, c *testutil.Client) *authz.Principal {
	t.Helper()
	p, err := f.env.App.Auth.Authenticate(context.Background(), c.Token, false)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// upload posts data as the part "file" and answers the created attachment.
func (f *fixture) upload(t *testing.T, c *testutil.Client, data []byte) attachments.JSON {
	t.Helper()
	res := c.Upload("/api/v1/attachments", testutil.Part{Name: "file", FileName: "photo.jpg", ContentType: "image/jpeg", Data: data})
	if res.Status != http.StatusCreated {
		t.Fatalf("upload: %d %s", res.Status, res.Body)
	}
	var a attachments.JSON
	res.JSON(t, &a)
	return a
}

// link links ids to owner in a transaction of its own, as a module's use case would.
func (f *fixture) link(p *authz.Principal, ids []int64, owner attachments.Owner) error {
	ctx := context.Background()
	return database.Tx(ctx, f.env.DB, func(tx *gorm.DB) error {
		return f.svc.Link(ctx, tx, p, ids, owner)
	})
}

// files counts the files in the attachments directory.
func (f *fixture) files(t *testing.T) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(f.env.Config.AttachmentsDir, func(_ string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) {
			return nil // nothing uploaded yet: the directory is made on the first upload
		}
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			n++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func (f *fixture) audits(t *testing.T, action string) int64 {
	t.Helper()
	var n int64
	if err := f.env.DB.Table("audit_log").Where("action = ?", action).Count(&n).Error; err != nil {
		t.Fatal(err)
	}
	return n
}
