package attachments

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
)

// Service uploads, links and serves attachments.
type Service struct {
	db      *gorm.DB
	storage Storage
	audit   *audit.Log
	now     func() time.Time
	opts    Options
	decodes chan struct{} // a slot per image being decoded

	mu    sync.RWMutex
	kinds map[string]Visibility
}

// NewService builds the service on db and storage; opts may be zero for the defaults.
func NewService(db *gorm.DB, storage Storage, auditLog *audit.Log, now func() time.Time, opts Options) *Service {
	opts = opts.withDefaults()
	return &Service{db: db, storage: storage, audit: auditLog, now: now, opts: opts,
		decodes: make(chan struct{}, opts.ConcurrentDecodes), kinds: map[string]Visibility{}}
}

// MaxBytes is the largest upload the service accepts.
func (s *Service) MaxBytes() int64 { return s.opts.MaxBytes }

// Register names an owner kind and how to tell who may see its records. Each module calls
// it once while the application is built, for each kind of record that has photos; a kind
// registered twice, or an empty kind, is a programming error and panics.
func (s *Service) Register(kind string, v Visibility) {
	if kind == "" || len(kind) > 32 || v == nil {
		panic(fmt.Sprintf("attachments: Register(%q): kind must be 1-32 characters and v not nil", kind))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, dup := s.kinds[kind]; dup {
		panic("attachments: owner kind " + kind + " registered twice")
	}
	s.kinds[kind] = v
}

func (s *Service) visibility(kind string) Visibility {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.kinds[kind]
}

// Upload checks, cleans and stores one image for p and records it, unlinked, with an audit
// entry. The files are written before the row; if recording fails they are removed again.
func (s *Service) Upload(ctx context.Context, p *authz.Principal, data []byte) (Attachment, error) {
	if err := authz.Require(p); err != nil {
		return Attachment{}, err
	}
	if len(data) == 0 {
		return Attachment{}, apperr.Field("file", "must not be empty")
	}
	if int64(len(data)) > s.opts.MaxBytes {
		return Attachment{}, apperr.New(apperr.ErrTooLarge, "payload_too_large",
			fmt.Sprintf("the file is larger than %d bytes", s.opts.MaxBytes))
	}
	img, err := s.process(ctx, data)
	if err != nil {
		return Attachment{}, err
	}
	key, thumbKey, err := newKeys()
	if err != nil {
		return Attachment{}, err
	}
	if err := s.storage.Put(ctx, key, bytes.NewReader(img.data)); err != nil {
		return Attachment{}, err
	}
	if err := s.storage.Put(ctx, thumbKey, bytes.NewReader(img.thumb)); err != nil {
		s.remove(key, thumbKey)
		return Attachment{}, err
	}
	sum := sha256.Sum256(img.data)
	var r row
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		r = row{StorageKey: key, ThumbnailKey: thumbKey, ContentType: img.contentType,
			SizeBytes: int64(len(img.data)), ThumbnailSize: int64(len(img.thumb)), Width: img.width, Height: img.height,
			SHA256: hex.EncodeToString(sum[:]), UploadedBy: p.ActorID(), StoreID: copyID(p.StoreID), CreatedAt: s.now().UTC()}
		if err := tx.Create(&r).Error; err != nil {
			return fmt.Errorf("attachments: insert: %w", err)
		}
		return s.audit.Write(ctx, tx, p, audit.Entry{Action: "attachment.upload", EntityType: "attachment",
			EntityID: audit.ID(r.ID), StoreID: r.StoreID, After: auditView(r)})
	})
	if err != nil {
		s.remove(key, thumbKey)
		return Attachment{}, err
	}
	return r.attachment(), nil
}

// process decodes one image at a time per free slot, so memory stays bounded under load.
func (s *Service) process(ctx context.Context, data []byte) (processed, error) {
	select {
	case s.decodes <- struct{}{}:
	case <-ctx.Done():
		return processed{}, ctx.Err()
	}
	defer func() { <-s.decodes }()
	return process(data, s.opts.MaxPixels, s.opts.ThumbnailSide)
}

// remove deletes files whose row was never written. It runs on a fresh context: the
// request's may be what was cancelled.
func (s *Service) remove(keys ...string) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	for _, k := range keys {
		_ = s.storage.Delete(ctx, k)
	}
}

func copyID(id *int64) *int64 {
	if id == nil {
		return nil
	}
	v := *id
	return &v
}

func auditView(r row) map[string]any {
	return map[string]any{"content_type": r.ContentType, "size": r.SizeBytes, "width": r.Width,
		"height": r.Height, "sha256": r.SHA256}
}

// Get answers the attachment id if p may see it: an unlinked attachment only to its
// uploader, a linked one only to callers its owner kind's Visibility accepts. Everyone else
// gets apperr.ErrNotFound, as for an id that does not exist.
func (s *Service) Get(ctx context.Context, p *authz.Principal, id int64) (Attachment, error) {
	if err := authz.Require(p); err != nil {
		return Attachment{}, err
	}
	r, err := findRow(ctx, s.db, id)
	if err != nil {
		return Attachment{}, err
	}
	notFound := fmt.Errorf("attachment %d: %w", id, apperr.ErrNotFound)
	if r.OwnerKind == nil || r.OwnerID == nil {
		if !sameUploader(p, r.UploadedBy) {
			return Attachment{}, notFound
		}
		return r.attachment(), nil
	}
	v := s.visibility(*r.OwnerKind)
	if v == nil {
		return Attachment{}, notFound
	}
	if err := v.VisibleTo(ctx, p, *r.OwnerID); err != nil {
		if errors.Is(err, apperr.ErrNotFound) || errors.Is(err, apperr.ErrForbidden) {
			return Attachment{}, notFound
		}
		return Attachment{}, fmt.Errorf("attachments: visibility of %s %d: %w", *r.OwnerKind, *r.OwnerID, err)
	}
	return r.attachment(), nil
}

// Content opens the stored image of a (or its thumbnail) and answers its size in bytes. a
// must come from Get or ForOwner, which decided that the caller may see it.
func (s *Service) Content(ctx context.Context, a Attachment, thumbnail bool) (io.ReadCloser, int64, error) {
	key, size := a.key, a.Size
	if thumbnail {
		key, size = a.thumbKey, a.thumbSize
	}
	if key == "" {
		return nil, 0, fmt.Errorf("attachments: attachment %d was not read through the service", a.ID)
	}
	rc, err := s.storage.Open(ctx, key)
	if err != nil {
		return nil, 0, err
	}
	return rc, size, nil
}
