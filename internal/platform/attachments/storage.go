package attachments

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
)

// Storage keeps the bytes of attachments under keys this package makes up; keys are never
// derived from anything a client sent. The local disk is one implementation; an object
// store would be another, with no change to the rest of the package.
type Storage interface {
	// Put stores r under key, replacing nothing: a reader sees the whole file or none.
	Put(ctx context.Context, key string, r io.Reader) error
	// Open reads what is stored under key; a missing key is an error wrapping fs.ErrNotExist.
	Open(ctx context.Context, key string) (io.ReadCloser, error)
	// Delete removes key; a key that is already gone is not an error.
	Delete(ctx context.Context, key string) error
}

// keyPattern is the shape of every key newKeys makes: a two-character fan-out directory
// and a random name, so no key can climb out of the storage root.
var keyPattern = regexp.MustCompile(`^[0-9a-f]{2}/[0-9a-f]{32}(_thumb)?$`)

// newKeys makes the keys of a new attachment and of its thumbnail from 128 random bits.
func newKeys() (image, thumb string, err error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", "", fmt.Errorf("attachments: random key: %w", err)
	}
	name := hex.EncodeToString(b[:])
	image = name[:2] + "/" + name
	return image, image + "_thumb", nil
}

// Disk stores attachments as files under a root directory (STOREOPS_ATTACHMENTS_DIR). The
// directory is created on the first upload, so commands that never upload leave no trace.
type Disk struct {
	root string
}

// NewDisk returns a Disk rooted at root.
func NewDisk(root string) *Disk { return &Disk{root: root} }

func (d *Disk) path(key string) (string, error) {
	if !keyPattern.MatchString(key) {
		return "", fmt.Errorf("attachments: malformed storage key %q", key)
	}
	return filepath.Join(d.root, filepath.FromSlash(key)), nil
}

// Put writes r to a temporary file beside the final one, syncs it and renames it into
// place, so a crash or a concurrent reader never sees half a file.
func (d *Disk) Put(ctx context.Context, key string, r io.Reader) (err error) {
	path, err := d.path(key)
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return fmt.Errorf("attachments: %w", err)
	}
	tmp, err := os.CreateTemp(dir, ".upload-*")
	if err != nil {
		return fmt.Errorf("attachments: %w", err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err = io.Copy(tmp, contextReader{ctx, r}); err != nil {
		return fmt.Errorf("attachments: write %s: %w", key, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("attachments: sync %s: %w", key, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("attachments: close %s: %w", key, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("attachments: %w", err)
	}
	return nil
}

// Open opens the file of key.
func (d *Disk) Open(_ context.Context, key string) (io.ReadCloser, error) {
	path, err := d.path(key)
	if err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("attachments: %w", err)
	}
	return f, nil
}

// Delete removes the file of key.
func (d *Disk) Delete(_ context.Context, key string) error {
	path, err := d.path(key)
	if err != nil {
		return err
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("attachments: %w", err)
	}
	return nil
}

// contextReader stops a copy when its context ends.
type contextReader struct {
	ctx context.Context
	r   io.Reader
}

func (c contextReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
