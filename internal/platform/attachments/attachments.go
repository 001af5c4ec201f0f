// Package attachments is the one photo capability of every module (DESIGN.md §4): a
// multipart upload whose content is sniffed, size-limited, decoded, turned upright,
// re-encoded without any metadata (no EXIF location, no camera serial) and thumbnailed; the
// files live behind a Storage interface. A module links uploads to the record that owns them
// inside its own transaction, and registers how to tell who may see such a record: an
// attachment is served only to callers who may see its owner, and to nobody else (404).
//
// A module with photos registers its kind once, while the application is built, and links
// the ids its create or complete request carries inside its own transaction:
//
//	app.Attachments.Register("write_off", attachments.VisibilityFunc(writeOffs.PhotoVisibleTo))
//
//	err := database.Tx(ctx, db, func(tx *gorm.DB) error {
//		// … insert the write-off …
//		return att.Link(ctx, tx, p, req.Photos, attachments.Owner{Kind: "write_off", ID: wo.ID, StoreID: wo.StoreID})
//	})
//
// and answers the record's photos as ToJSONList of what att.ForOwner(ctx, "write_off", wo.ID) lists.
package attachments

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/storeops/storeops/internal/platform/authz"
)

// Content types of stored images. WebP uploads are stored as JPEG (or PNG when they have
// transparency), since Go has no pure WebP encoder.
const (
	TypeJPEG = "image/jpeg"
	TypePNG  = "image/png"
	TypeWebP = "image/webp"
)

// Defaults of Options.
const (
	// DefaultMaxBytes is the largest upload accepted: a phone photo is 2–8 MiB.
	DefaultMaxBytes = 12 << 20
	// DefaultMaxPixels refuses images whose decoded size would exhaust memory (a 40 MP image
	// takes 160 MiB decoded); current phone cameras save 12–24 MP by default.
	DefaultMaxPixels = 40_000_000
	// DefaultThumbnailSide is the longest side of a thumbnail, enough for a list or a grid.
	DefaultThumbnailSide = 320
	// DefaultConcurrentDecodes bounds how many images are decoded at once, so a burst of
	// uploads cannot take more memory than a few large images need.
	DefaultConcurrentDecodes = 2
)

// BasePath is where the routes of this package live, for the URLs in Attachment.
const BasePath = "/api/v1/attachments"

// Attachment is one stored image as modules see it.
type Attachment struct {
	ID          int64
	ContentType string // TypeJPEG or TypePNG: what is served
	Size        int64  // bytes of the stored image
	Width       int    // pixels, after the EXIF orientation was applied
	Height      int
	SHA256      string // hex of the stored image's bytes
	UploadedBy  *int64 // the uploader's user id; nil for work of authz.System
	StoreID     *int64 // the uploader's store; nil for admins and HQ
	Owner       *Owner // the record it is linked to; nil until linked
	CreatedAt   time.Time

	key, thumbKey string
	thumbSize     int64
}

// URL is the path that serves the image.
func (a Attachment) URL() string { return BasePath + "/" + strconv.FormatInt(a.ID, 10) }

// ThumbnailURL is the path that serves the thumbnail.
func (a Attachment) ThumbnailURL() string { return a.URL() + "/thumbnail" }

// Owner is the record an attachment is linked to: a kind registered with Register (for
// example "write_off"), the record's id, and the store it belongs to, recorded for the
// audit log and store-level housekeeping (0 for a chain-wide record such as a checklist).
type Owner struct {
	Kind    string
	ID      int64
	StoreID int64
}

// String names the owner in errors.
func (o Owner) String() string { return fmt.Sprintf("%s %d", o.Kind, o.ID) }

func (o Owner) storeID() *int64 {
	if o.StoreID == 0 {
		return nil
	}
	id := o.StoreID
	return &id
}

// Visibility tells whether a caller may see an owner record. VisibleTo answers nil when p
// may see the record of kind with id ownerID, and an error wrapping apperr.ErrNotFound (or
// apperr.ErrForbidden) otherwise; any other error is a failure and answers 500. The module
// owning the kind implements it with the same scope rules as its own reads.
type Visibility interface {
	VisibleTo(ctx context.Context, p *authz.Principal, ownerID int64) error
}

// VisibilityFunc adapts a function to Visibility, as http.HandlerFunc does for handlers.
type VisibilityFunc func(ctx context.Context, p *authz.Principal, ownerID int64) error

// VisibleTo calls f.
func (f VisibilityFunc) VisibleTo(ctx context.Context, p *authz.Principal, ownerID int64) error {
	return f(ctx, p, ownerID)
}

// Options tunes the service; zero fields take the defaults above.
type Options struct {
	MaxBytes          int64
	MaxPixels         int64
	ThumbnailSide     int
	ConcurrentDecodes int
}

func (o Options) withDefaults() Options {
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxPixels <= 0 {
		o.MaxPixels = DefaultMaxPixels
	}
	if o.ThumbnailSide <= 0 {
		o.ThumbnailSide = DefaultThumbnailSide
	}
	if o.ConcurrentDecodes <= 0 {
		o.ConcurrentDecodes = DefaultConcurrentDecodes
	}
	return o
}

// sameUploader reports whether p is the one who uploaded a: the same user, or (for uploads
// made by background work) another System principal.
func sameUploader(p *authz.Principal, uploadedBy *int64) bool {
	actor := p.ActorID()
	if actor == nil || uploadedBy == nil {
		return actor == nil && uploadedBy == nil && p.IsSystem()
	}
	return *actor == *uploadedBy
}
