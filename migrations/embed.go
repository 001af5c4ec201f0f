// Package migrations holds the versioned SQL migrations of both dialects, embedded into the
// binary. Files are never edited once applied: a change is a new numbered file in both folders.
package migrations

import "embed"

// FS holds mysql/*.sql and sqlite/*.sql.
//
//go:embed mysql/*.sql sqlite/*.sql
var FS embed.FS
