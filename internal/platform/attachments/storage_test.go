package attachments

import (
	"context"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestDiskPutOpenDelete(t *testing.T) {
	ctx := context.Background()
	root := filepath.Join(t.TempDir(), "attachments") // created on the first Put
	d := NewDisk(root)
	key, thumb, err := newKeys()
	if err != nil {
		t.Fatal(err)
	}
	if thumb != key+"_thumb" || !keyPattern.MatchString(key) || !keyPattern.MatchString(thumb) {
		t.Fatalf("keys %q %q", key, thumb)
	}
	if err := d.Put(ctx, key, strings.NewReader("first")); err != nil {
		t.Fatal(err)
	}
	if err := d.Put(ctx, key, strings.NewReader("second")); err != nil {
		t.Fatal(err)
	}
	rc, err := d.Open(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(rc)
	rc.Close()
	if string(got) != "second" {
		t.Errorf("read %q", got)
	}
	entries, _ := os.ReadDir(filepath.Join(root, key[:2]))
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries, want only the file (no temporary files left)", len(entries))
	}
	if err := d.Delete(ctx, key); err != nil {
		t.Fatal(err)
	}
	if err := d.Delete(ctx, key); err != nil {
		t.Errorf("deleting a missing key: %v", err)
	}
	if _, err := d.Open(ctx, key); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("open after delete: %v, want fs.ErrNotExist", err)
	}
}

func TestDiskRefusesKeysItDidNotMake(t *testing.T) {
	ctx := context.Background()
	d := NewDisk(t.TempDir())
	for _, key := range []string{"../escape", "ab/../../etc/passwd", "/abs", "", "ab/ABCDEF", "ab/0123456789abcdef0123456789abcdef/x"} {
		if err := d.Put(ctx, key, strings.NewReader("x")); err == nil {
			t.Errorf("Put(%q) accepted", key)
		}
		if _, err := d.Open(ctx, key); err == nil || errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Open(%q): %v, want a malformed-key error", key, err)
		}
		if err := d.Delete(ctx, key); err == nil {
			t.Errorf("Delete(%q) accepted", key)
		}
	}
}

func TestDiskPutLeavesNothingWhenTheReaderFails(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	root := t.TempDir()
	d := NewDisk(root)
	key, _, _ := newKeys()
	cancel()
	if err := d.Put(ctx, key, strings.NewReader("never written")); err == nil {
		t.Fatal("Put with a cancelled context succeeded")
	}
	entries, _ := os.ReadDir(filepath.Join(root, key[:2]))
	if len(entries) != 0 {
		t.Errorf("a failed Put left %d files", len(entries))
	}
}
