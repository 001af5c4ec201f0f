// Package api embeds the REST contract, served at /api/openapi.yaml.
package api

import _ "embed"

// Spec is api/openapi.yaml.
//
//go:embed openapi.yaml
var Spec []byte
