package attachments

import (
	"context"
	"fmt"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/database"
)

// row is the attachments table.
type row struct {
	ID            int64 `gorm:"primaryKey"`
	StorageKey    string
	ThumbnailKey  string
	ContentType   string
	SizeBytes     int64
	ThumbnailSize int64
	Width         int
	Height        int
	SHA256        string `gorm:"column:sha256"`
	UploadedBy    *int64
	StoreID       *int64
	OwnerKind     *string
	OwnerID       *int64
	OwnerStoreID  *int64
	LinkedAt      *time.Time
	CreatedAt     time.Time
}

func (row) TableName() string { return "attachments" }

// Models lists the row types of this package for the schema test.
func Models() []any { return []any{&row{}} }

func (r row) attachment() Attachment {
	a := Attachment{ID: r.ID, ContentType: r.ContentType, Size: r.SizeBytes, Width: r.Width, Height: r.Height,
		SHA256: r.SHA256, UploadedBy: r.UploadedBy, StoreID: r.StoreID, CreatedAt: r.CreatedAt.UTC(),
		key: r.StorageKey, thumbKey: r.ThumbnailKey, thumbSize: r.ThumbnailSize}
	if r.OwnerKind != nil && r.OwnerID != nil {
		o := Owner{Kind: *r.OwnerKind, ID: *r.OwnerID}
		if r.OwnerStoreID != nil {
			o.StoreID = *r.OwnerStoreID
		}
		a.Owner = &o
	}
	return a
}

func findRow(ctx context.Context, db *gorm.DB, id int64) (row, error) {
	var r row
	err := db.WithContext(ctx).Take(&r, id).Error
	return r, database.Translate(err, fmt.Sprintf("attachment %d", id))
}

func findRows(ctx context.Context, db *gorm.DB, ids []int64) (map[int64]row, error) {
	var rows []row
	if err := db.WithContext(ctx).Where("id IN ?", ids).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("attachments: %w", err)
	}
	out := make(map[int64]row, len(rows))
	for _, r := range rows {
		out[r.ID] = r
	}
	return out, nil
}

// linkRows sets the owner of the still unlinked rows among ids and answers how many it set.
func linkRows(ctx context.Context, tx *gorm.DB, ids []int64, o Owner, at time.Time) (int64, error) {
	res := tx.WithContext(ctx).Model(&row{}).Where("id IN ? AND owner_kind IS NULL", ids).
		Updates(map[string]any{"owner_kind": o.Kind, "owner_id": o.ID, "owner_store_id": o.storeID(), "linked_at": at})
	if res.Error != nil {
		return 0, fmt.Errorf("attachments: link: %w", res.Error)
	}
	return res.RowsAffected, nil
}

func ownedRows(ctx context.Context, db *gorm.DB, kind string, ids []int64) ([]row, error) {
	var rows []row
	err := db.WithContext(ctx).Where("owner_kind = ? AND owner_id IN ?", kind, ids).Order("id").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("attachments: %w", err)
	}
	return rows, nil
}

// staleRows answers up to limit never-linked rows created before cutoff, after id afterID.
func staleRows(ctx context.Context, db *gorm.DB, cutoff time.Time, afterID int64, limit int) ([]row, error) {
	var rows []row
	err := db.WithContext(ctx).Where("owner_kind IS NULL AND created_at < ? AND id > ?", cutoff, afterID).
		Order("id").Limit(limit).Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("attachments: %w", err)
	}
	return rows, nil
}

// deleteIfUnlinked deletes the row unless it was linked meanwhile; it reports whether it did.
func deleteIfUnlinked(ctx context.Context, tx *gorm.DB, id int64) (bool, error) {
	res := tx.WithContext(ctx).Where("id = ? AND owner_kind IS NULL", id).Delete(&row{})
	if res.Error != nil {
		return false, fmt.Errorf("attachments: delete %d: %w", id, res.Error)
	}
	return res.RowsAffected == 1, nil
}
