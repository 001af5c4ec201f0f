// Package text holds the rules every free text of a request obeys, whatever its field: valid
// UTF-8 and no control characters (a NUL byte ends strings in C tools, terminals and some
// drivers; the others hide text from people). Tab, line feed and carriage return are allowed.
package text

import (
	"strings"
	"unicode/utf8"
)

// Problem answers why s is not acceptable text, or "" when it is.
func Problem(s string) string {
	if !utf8.ValidString(s) {
		return "must be valid UTF-8 text"
	}
	for _, r := range s {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return "must not contain control characters"
		}
	}
	return ""
}

// Blank reports whether s holds nothing but white space.
func Blank(s string) bool { return strings.TrimSpace(s) == "" }
