package text

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestProblem(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"广州天河店", ""},
		{"two\tcolumns\r\nand lines", ""},
		{"", ""},
		{"a\x00b", "must not contain control characters"},
		{"bell\a", "must not contain control characters"},
		{"del\x7f", "must not contain control characters"},
		{"c1\u0085", "must not contain control characters"},
		{"a\xff\xfeb", "must be valid UTF-8 text"},
		{"\xe5\xb9", "must be valid UTF-8 text"},
	}
	for _, tc := range tests {
		if got := Problem(tc.in); got != tc.want {
			t.Errorf("Problem(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestBlank(t *testing.T) {
	for _, s := range []string{"", " ", "\t \n", "\u3000"} {
		if !Blank(s) {
			t.Errorf("Blank(%q) = false", s)
		}
	}
	if Blank(" a ") {
		t.Error(`Blank(" a ") = true`)
	}
}

// Whatever Problem accepts is valid UTF-8 without a NUL or an escape character.
func FuzzProblem(f *testing.F) {
	for _, s := range []string{"a", "a\x00", "\xff", "门店", "\x1b[31m"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if Problem(s) == "" && (!utf8.ValidString(s) || strings.ContainsAny(s, "\x00\x1b")) {
			t.Fatalf("accepted %q", s)
		}
	})
}
