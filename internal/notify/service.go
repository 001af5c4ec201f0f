package notify

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"time"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/org"
	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/paging"
)

// Stores names stores, and tells which exist.
type Stores interface {
	StoresByID(ctx context.Context, ids []int64) (map[int64]org.Store, error)
}

// Options are the service's collaborators and settings.
type Options struct {
	Stores Stores
	Guard  Guard
	// Resolver checks a webhook's host when it is saved; nil is the system resolver.
	Resolver Resolver
	SMTP     SMTP
	// MaxAttempts is the outbox's: a delivery failing on that attempt is marked dead.
	MaxAttempts int
	Log         *slog.Logger
}

// Service is the notification channels' use cases and their outbox channel.
type Service struct {
	db      *gorm.DB
	opts    Options
	now     func() time.Time
	webhook webhookSender
	email   emailSender
}

// NewService wires the notify module.
func NewService(db *gorm.DB, opts Options, now func() time.Time) *Service {
	if opts.Resolver == nil {
		opts.Resolver = net.DefaultResolver
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if opts.MaxAttempts <= 0 {
		opts.MaxAttempts = 12
	}
	clock := func() time.Time { return now().UTC().Truncate(time.Microsecond) }
	return &Service{db: db, opts: opts, now: clock,
		webhook: webhookSender{client: newHTTPClient(opts.Guard), guard: opts.Guard, now: now},
		email:   emailSender{cfg: opts.SMTP, now: now}}
}

func notFound(id int64) error {
	return apperr.New(apperr.ErrNotFound, "not_found", fmt.Sprintf("notification channel %d not found", id))
}

// readScope answers which channels p may read: all (admin) or one store's (its manager).
func readScope(p *authz.Principal) (*int64, error) {
	if err := p.RequireRole(authz.RoleAdmin, authz.RoleStoreManager); err != nil {
		return nil, err
	}
	if p.HasRole(authz.RoleAdmin) {
		return nil, nil
	}
	if p.StoreID == nil {
		return nil, apperr.New(apperr.ErrForbidden, "forbidden", "no store")
	}
	return p.StoreID, nil
}

// load reads channel id in p's read scope; another store's channel is 404.
func (s *Service) load(ctx context.Context, db *gorm.DB, p *authz.Principal, id int64) (channelRow, error) {
	scope, err := readScope(p)
	if err != nil {
		return channelRow{}, err
	}
	var rows []channelRow
	if err := db.WithContext(ctx).Where("id = ?", id).Limit(1).Find(&rows).Error; err != nil {
		return channelRow{}, err
	}
	if len(rows) == 0 || (scope != nil && (rows[0].StoreID == nil || *rows[0].StoreID != *scope)) {
		return channelRow{}, notFound(id)
	}
	return rows[0], nil
}

// List answers a page of channels: every channel for admins, their store's for managers.
func (s *Service) List(ctx context.Context, p *authz.Principal, f ChannelFilter, pg paging.Page) ([]Channel, int64, error) {
	scope, err := readScope(p)
	if err != nil {
		return nil, 0, err
	}
	if scope != nil {
		if f.ChainWide || (f.StoreID != nil && *f.StoreID != *scope) {
			return []Channel{}, 0, nil
		}
		f.StoreID = scope
	}
	rows, total, err := findChannels(ctx, s.db, f, pg)
	out := make([]Channel, len(rows))
	for i, r := range rows {
		out[i] = toChannel(r)
	}
	return out, total, err
}

// Get answers one channel in p's scope.
func (s *Service) Get(ctx context.Context, p *authz.Principal, id int64) (Channel, error) {
	r, err := s.load(ctx, s.db, p, id)
	return toChannel(r), err
}

// check validates c fully: its fields, its store and its webhook's address.
func (s *Service) check(ctx context.Context, c Channel) error {
	fe := apperr.FieldErrors{}
	var ve apperr.FieldErrors
	if err := c.Validate(); errors.As(err, &ve) {
		fe = ve
	}
	if c.StoreID != nil {
		found, err := s.opts.Stores.StoresByID(ctx, []int64{*c.StoreID})
		if err != nil {
			return err
		}
		if _, ok := found[*c.StoreID]; !ok {
			fe.Add("store_id", "no such store")
		}
	}
	if c.Webhook() && fe["url"] == "" {
		if err := s.opts.Guard.CheckURL(ctx, s.opts.Resolver, c.URL); err != nil {
			fe.Add("url", err.Error())
		}
	}
	return fe.Err()
}

// Create adds a channel (admins only).
func (s *Service) Create(ctx context.Context, p *authz.Principal, c Channel) (Channel, error) {
	if err := p.RequireRole(authz.RoleAdmin); err != nil {
		return Channel{}, err
	}
	c.Topics, c.Recipients = Dedupe(c.Topics), Dedupe(c.Recipients)
	if err := s.check(ctx, c); err != nil {
		return Channel{}, err
	}
	now := s.now()
	c.ID, c.Version, c.CreatedAt, c.UpdatedAt = 0, 1, now, now
	row := toChannelRow(c)
	if err := s.db.WithContext(ctx).Create(&row).Error; err != nil {
		return Channel{}, err
	}
	return toChannel(row), nil
}

// Patch is a partial change of a channel; nil fields keep their value. Kind never changes.
type Patch struct {
	Name       *string
	SetStore   bool   // StoreID applies (nil: chain-wide)
	StoreID    *int64 //
	Topics     *[]string
	URL        *string // an empty string keeps the URL: screens never see it to send it back
	Secret     *string // "" clears the secret
	Recipients *[]string
	Enabled    *bool
}

// Update changes a channel (admins only) at version.
func (s *Service) Update(ctx context.Context, p *authz.Principal, id int64, ch Patch, version int) (Channel, error) {
	if err := p.RequireRole(authz.RoleAdmin); err != nil {
		return Channel{}, err
	}
	var out Channel
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		r, err := s.load(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if r.Version != version {
			return apperr.New(apperr.ErrConflict, "stale_version", fmt.Sprintf("channel %d is at version %d", id, r.Version))
		}
		c := toChannel(r)
		apply(&c, ch)
		c.Topics, c.Recipients = Dedupe(c.Topics), Dedupe(c.Recipients)
		if err := s.check(ctx, c); err != nil {
			return err
		}
		c.Version, c.UpdatedAt = r.Version+1, s.now()
		row := toChannelRow(c)
		res := tx.Model(&channelRow{}).Where("id = ? AND version = ?", id, version).Select("*").Omit("id", "created_at").Updates(&row)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected != 1 {
			return apperr.New(apperr.ErrConflict, "stale_version", fmt.Sprintf("channel %d changed meanwhile", id))
		}
		out = c
		return nil
	})
	return out, err
}

func apply(c *Channel, ch Patch) {
	if ch.Name != nil {
		c.Name = *ch.Name
	}
	if ch.SetStore {
		c.StoreID = ch.StoreID
	}
	if ch.Topics != nil {
		c.Topics = *ch.Topics
	}
	if ch.URL != nil && *ch.URL != "" {
		c.URL = *ch.URL
	}
	if ch.Secret != nil {
		c.Secret = *ch.Secret
	}
	if ch.Recipients != nil {
		c.Recipients = *ch.Recipients
	}
	if ch.Enabled != nil {
		c.Enabled = *ch.Enabled
	}
}

// Delete removes a channel (admins only) at version; its deliveries stay as history.
func (s *Service) Delete(ctx context.Context, p *authz.Principal, id int64, version int) error {
	if err := p.RequireRole(authz.RoleAdmin); err != nil {
		return err
	}
	return database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		r, err := s.load(ctx, tx, p, id)
		if err != nil {
			return err
		}
		if version != r.Version {
			return apperr.New(apperr.ErrConflict, "stale_version", fmt.Sprintf("channel %d is at version %d", id, r.Version))
		}
		return tx.Where("id = ?", id).Delete(&channelRow{}).Error
	})
}
