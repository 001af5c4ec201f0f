// Package patch holds the field type of partial updates (PATCH bodies): it tells a field
// that was not sent from one sent as null.
package patch

import (
	"bytes"
	"encoding/json"
)

// Field is a PATCH field: Set is false when the field was not sent; Value is nil when it was
// sent as null.
type Field[T any] struct {
	Set   bool
	Value *T
}

// To returns a field set to v.
func To[T any](v T) Field[T] { return Field[T]{Set: true, Value: &v} }

// UnmarshalJSON records that the field was present.
func (f *Field[T]) UnmarshalJSON(b []byte) error {
	f.Set = true
	if bytes.Equal(bytes.TrimSpace(b), []byte("null")) {
		f.Value = nil
		return nil
	}
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	f.Value = &v
	return nil
}

// Apply sets *dst to *v when v is not nil: a PATCH field left out keeps the value it had.
func Apply[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}
