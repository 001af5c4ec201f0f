package attachments

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
)

// Link attaches the uploads ids to owner inside the caller's transaction tx, with an audit
// entry per newly linked upload; a problem with ids[i] is a 400 naming "photos[i]". See
// LinkField for the rules.
func (s *Service) Link(ctx context.Context, tx *gorm.DB, p *authz.Principal, ids []int64, owner Owner) error {
	return s.LinkField(ctx, tx, p, "photos", ids, owner)
}

// LinkField is Link for a request whose ids are in another field, such as
// "items[3].photos": problems are named field[i].
//
// Only the uploader may link an upload: an unlinked upload is visible to nobody else, and
// letting a colleague link it would let them read it through their own record. Each id
// must exist and be p's upload (an unknown id and someone else's upload get the same
// message, so ids reveal nothing), be listed once, and be unlinked or already linked to
// exactly this owner (linking again is a no-op, so a retried request succeeds). Once
// linked, an attachment keeps its owner.
//
// A concurrent request that links the same upload first makes this one return
// database.ErrRetry, so that database.Tx runs the caller's transaction again and it then
// answers the 400 of an upload linked elsewhere.
func (s *Service) LinkField(ctx context.Context, tx *gorm.DB, p *authz.Principal, field string, ids []int64, owner Owner) error {
	if err := authz.Require(p); err != nil {
		return err
	}
	if s.visibility(owner.Kind) == nil || owner.ID <= 0 {
		return fmt.Errorf("attachments: link to %s: the owner kind is not registered or the id is not set", owner)
	}
	if len(ids) == 0 {
		return nil
	}
	rows, err := findRows(ctx, tx, ids)
	if err != nil {
		return err
	}
	fe := apperr.FieldErrors{}
	seen := map[int64]bool{}
	var toLink []int64
	for i, id := range ids {
		name := fmt.Sprintf("%s[%d]", field, i)
		r, ok := rows[id]
		switch {
		case seen[id]:
			fe.Add(name, "is listed more than once")
		case !ok || !sameUploader(p, r.UploadedBy):
			fe.Add(name, fmt.Sprintf("attachment %d is not one of your uploads", id))
		case r.OwnerKind == nil:
			toLink = append(toLink, id)
		case *r.OwnerKind != owner.Kind || r.OwnerID == nil || *r.OwnerID != owner.ID:
			fe.Add(name, fmt.Sprintf("attachment %d is already attached to another record", id))
		}
		seen[id] = true
	}
	if err := fe.Err(); err != nil {
		return err
	}
	if len(toLink) == 0 {
		return nil
	}
	n, err := linkRows(ctx, tx, toLink, owner, s.now().UTC())
	if err != nil {
		return err
	}
	if n != int64(len(toLink)) {
		return fmt.Errorf("attachments: %d of %d uploads were linked meanwhile: %w", int64(len(toLink))-n, len(toLink), database.ErrRetry)
	}
	entries := make([]audit.Entry, len(toLink))
	for i, id := range toLink {
		entries[i] = audit.Entry{Action: "attachment.link", EntityType: "attachment", EntityID: audit.ID(id),
			StoreID: owner.storeID(), After: map[string]any{"owner_kind": owner.Kind, "owner_id": owner.ID}}
	}
	return s.audit.WriteMany(ctx, tx, p, entries)
}

// ForOwner lists the attachments of one owner record, oldest first. The caller has already
// decided that its own caller may see the record.
func (s *Service) ForOwner(ctx context.Context, kind string, id int64) ([]Attachment, error) {
	m, err := s.ForOwners(ctx, kind, []int64{id})
	if err != nil {
		return nil, err
	}
	return m[id], nil
}

// ForOwners lists the attachments of many owner records of one kind in one query, for
// list pages: owner id → its attachments, oldest first; owners without any are absent.
func (s *Service) ForOwners(ctx context.Context, kind string, ids []int64) (map[int64][]Attachment, error) {
	out := map[int64][]Attachment{}
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := ownedRows(ctx, s.db, kind, ids)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		out[*r.OwnerID] = append(out[*r.OwnerID], r.attachment())
	}
	return out, nil
}
