package org

import (
	"context"
	"fmt"
	"time"

	"github.com/storeops/storeops/internal/platform/paging"
	"github.com/storeops/storeops/internal/platform/patch"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/password"
)

// ListUsers lists users: admins see all, store managers their own store's.
func (s *Service) ListUsers(ctx context.Context, p *authz.Principal, f UserFilter, pg paging.Page) ([]User, int64, error) {
	return findUsers(ctx, s.db, p.StoreFilter(), f, pg)
}

// GetUser returns a user in the caller's scope.
func (s *Service) GetUser(ctx context.Context, p *authz.Principal, id int64) (User, error) {
	r, codes, err := loadUser(ctx, s.db, id)
	if err != nil {
		return User{}, err
	}
	if only := p.StoreFilter(); only != nil && (r.StoreID == nil || *r.StoreID != *only) {
		return User{}, fmt.Errorf("user %d: %w", id, apperr.ErrNotFound)
	}
	return toUser(r, codes), nil
}

// NewUser is what creating a user takes.
type NewUser struct {
	User
	Password string
	// IsDefaultPassword marks a seeded, publicly known password that production refuses.
	IsDefaultPassword bool
}

// CreateUser adds a user (admin).
func (s *Service) CreateUser(ctx context.Context, p *authz.Principal, nu NewUser) (User, error) {
	u := nu.User
	u.DepartmentCodes = NormaliseCodes(u.DepartmentCodes)
	var created User
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		if err := s.validateUser(ctx, tx, u, nu.Password, true); err != nil {
			return err
		}
		hash, err := s.hasher.Hash(nu.Password)
		if err != nil {
			return err
		}
		now := s.now()
		r := userRow{Username: u.Username, DisplayName: u.DisplayName, Role: string(u.Role),
			StoreID: u.StoreID, PasswordHash: hash, PasswordIsDefault: nu.IsDefaultPassword,
			Version: 1, CreatedAt: now, UpdatedAt: now}
		if err := tx.Create(&r).Error; err != nil {
			return database.Translate(err, "user "+u.Username)
		}
		if err := setUserDepartments(ctx, tx, r.ID, u.DepartmentCodes); err != nil {
			return err
		}
		created = toUser(r, u.DepartmentCodes)
		return s.audit.Write(ctx, tx, p, audit.Entry{Action: "user.create", EntityType: "user",
			EntityID: audit.ID(r.ID), StoreID: r.StoreID, After: UserToJSON(created)})
	})
	return created, err
}

// validateUser checks the fields and, inside tx, the store and departments it names.
func (s *Service) validateUser(ctx context.Context, tx *gorm.DB, u User, pw string, withPassword bool) error {
	var storeDepts []string
	fe := apperr.FieldErrors{}
	if u.StoreID != nil {
		if _, err := loadStore(ctx, tx, *u.StoreID); err != nil {
			fe.Add("store_id", "no such store")
		} else if storeDepts, err = storeDepartmentCodes(ctx, tx, *u.StoreID); err != nil {
			return err
		}
	}
	if err := s.requireDepartments(ctx, tx, "department_codes", u.DepartmentCodes); err != nil {
		mergeFields(fe, err)
	}
	if err := ValidateUser(u, storeDepts); err != nil {
		mergeFields(fe, err)
	}
	if withPassword {
		if msg := password.Check(pw); msg != "" {
			fe.Add("password", msg)
		}
	}
	return fe.Err()
}

func mergeFields(fe apperr.FieldErrors, err error) {
	if other, ok := err.(apperr.FieldErrors); ok {
		for k, v := range other {
			fe.Add(k, v)
		}
	}
}

// UserPatch holds the fields of a user update; nil fields stay as they are.
type UserPatch struct {
	DisplayName     *string
	Role            *authz.Role
	StoreID         **int64
	DepartmentCodes *[]string
	Disabled        *bool
	Version         int
}

// UpdateUser changes a user (admin). Disabling a user or changing their role or store ends
// their sessions, so the new scope applies at once. Admins cannot lock themselves out.
func (s *Service) UpdateUser(ctx context.Context, p *authz.Principal, id int64, change UserPatch) (User, error) {
	var after User
	err := database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		r, codes, err := loadUser(ctx, tx, id)
		if err != nil {
			return err
		}
		before := toUser(r, codes)
		next := before
		patch.Apply(&next.DisplayName, change.DisplayName)
		patch.Apply(&next.Role, change.Role)
		patch.Apply(&next.StoreID, change.StoreID)
		patch.Apply(&next.Disabled, change.Disabled)
		if change.DepartmentCodes != nil {
			next.DepartmentCodes = NormaliseCodes(*change.DepartmentCodes)
		}
		if id == p.UserID && (next.Disabled || next.Role != before.Role) {
			return apperr.New(apperr.ErrRule, "self_lockout", "you cannot disable yourself or change your own role")
		}
		if err := s.validateUser(ctx, tx, next, "", false); err != nil {
			return err
		}
		changes := map[string]any{"display_name": next.DisplayName, "role": string(next.Role),
			"store_id": next.StoreID, "disabled": next.Disabled}
		if err := database.UpdateVersioned(ctx, tx, &userRow{}, id, change.Version, changes, fmt.Sprintf("user %d", id), s.now()); err != nil {
			return err
		}
		if err := setUserDepartments(ctx, tx, id, next.DepartmentCodes); err != nil {
			return err
		}
		scopeChanged := next.Disabled || next.Role != before.Role || !sameStore(next.StoreID, before.StoreID)
		if scopeChanged {
			if err := s.revoker.RevokeUserSessions(ctx, tx, id, ""); err != nil {
				return err
			}
		}
		r, codes, err = loadUser(ctx, tx, id)
		if err != nil {
			return err
		}
		after = toUser(r, codes)
		return s.audit.Write(ctx, tx, p, audit.Entry{Action: "user.update", EntityType: "user",
			EntityID: audit.ID(id), StoreID: after.StoreID, Before: UserToJSON(before), After: UserToJSON(after)})
	})
	return after, err
}

func sameStore(a, b *int64) bool {
	return (a == nil && b == nil) || (a != nil && b != nil && *a == *b)
}

// ResetPassword sets a user's password (admin) and ends their sessions. The password set
// this way is the admin's own choice, so it works in production mode.
func (s *Service) ResetPassword(ctx context.Context, p *authz.Principal, id int64, newPassword string) error {
	if msg := password.Check(newPassword); msg != "" {
		return apperr.Field("new_password", msg)
	}
	return database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		r, _, err := loadUser(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := s.setPassword(ctx, tx, r, newPassword); err != nil {
			return err
		}
		if err := s.revoker.RevokeUserSessions(ctx, tx, id, ""); err != nil {
			return err
		}
		return s.audit.Write(ctx, tx, p, audit.Entry{Action: "user.reset_password", EntityType: "user",
			EntityID: audit.ID(id), StoreID: r.StoreID})
	})
}

// ChangeOwnPassword lets a signed-in user replace their password, ending their other sessions.
func (s *Service) ChangeOwnPassword(ctx context.Context, p *authz.Principal, current, next string) error {
	fe := apperr.FieldErrors{}
	if msg := password.Check(next); msg != "" {
		fe.Add("new_password", msg)
	}
	return database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		r, _, err := loadUser(ctx, tx, p.UserID)
		if err != nil {
			return err
		}
		if !s.hasher.Matches(r.PasswordHash, current) {
			fe.Add("current_password", "is not your current password")
		}
		if err := fe.Err(); err != nil {
			return err
		}
		if err := s.setPassword(ctx, tx, r, next); err != nil {
			return err
		}
		if err := s.revoker.RevokeUserSessions(ctx, tx, p.UserID, p.SessionID); err != nil {
			return err
		}
		return s.audit.Write(ctx, tx, p, audit.Entry{Action: "user.change_password", EntityType: "user",
			EntityID: audit.ID(p.UserID), StoreID: r.StoreID})
	})
}

func (s *Service) setPassword(ctx context.Context, tx *gorm.DB, r userRow, pw string) error {
	hash, err := s.hasher.Hash(pw)
	if err != nil {
		return err
	}
	return tx.WithContext(ctx).Model(&userRow{}).Where("id = ?", r.ID).Updates(map[string]any{
		"password_hash": hash, "password_is_default": false,
		"version": gorm.Expr("version + 1"), "updated_at": s.now(),
	}).Error
}

// Credentials is what signing in needs to know about a username.
type Credentials struct {
	UserID            int64
	PasswordHash      string
	Disabled          bool
	PasswordIsDefault bool
}

// CredentialsOf looks up a username; an unknown one answers ErrNotFound.
func (s *Service) CredentialsOf(ctx context.Context, username string) (Credentials, error) {
	var r userRow
	err := s.db.WithContext(ctx).Where("username = ?", username).First(&r).Error
	if err != nil {
		return Credentials{}, database.Translate(err, "user")
	}
	return Credentials{UserID: r.ID, PasswordHash: r.PasswordHash, Disabled: r.Disabled,
		PasswordIsDefault: r.PasswordIsDefault}, nil
}

// PrincipalOf returns the scope of an enabled user; a disabled or missing user is
// unauthenticated.
func (s *Service) PrincipalOf(ctx context.Context, userID int64) (*authz.Principal, error) {
	rows, err := s.loadCaller(ctx, userID)
	if err != nil {
		return nil, err
	}
	p, _, err := CallerOf(rows)
	return p, err
}

// RecordLogin stamps the user's last sign-in.
func (s *Service) RecordLogin(ctx context.Context, userID int64, at time.Time) error {
	return s.db.WithContext(ctx).Model(&userRow{}).Where("id = ?", userID).
		UpdateColumn("last_login_at", at).Error
}

// ProfileOf returns the user and their store, read in one statement.
func (s *Service) ProfileOf(ctx context.Context, userID int64) (Profile, error) {
	rows, err := s.loadCaller(ctx, userID)
	if err != nil {
		return Profile{}, err
	}
	if len(rows) == 0 {
		return Profile{}, fmt.Errorf("user %d: %w", userID, apperr.ErrNotFound)
	}
	return profileOf(rows), nil
}
