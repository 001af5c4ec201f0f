// Package frontend embeds the built single-page app (frontend/dist) into the binary.
package frontend

import "embed"

// Dist is the Vite build output. Only .gitkeep is there until `npm run build` has run.
//
//go:embed all:dist
var Dist embed.FS
