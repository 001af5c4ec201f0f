package upload

import (
	"bufio"
	"bytes"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"

	"github.com/storeops/storeops/internal/platform/apperr"
)

// text is a CSV body decoded to UTF-8.
type text interface {
	io.Reader
	Charset() string
}

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// decode returns body as UTF-8 text. A named charset is used as given (GBK and GB2312 are
// read as GB18030, which contains both); without one the encoding is found from the first
// bytes that are not ASCII: valid UTF-8 there means UTF-8, anything else GB18030. Everything
// before them is ASCII, which both encodings spell the same.
func decode(body io.Reader, charset string) (text, error) {
	br := bufio.NewReaderSize(body, 64<<10)
	if head, err := br.Peek(3); err == nil && bytes.Equal(head, utf8BOM) {
		_, _ = br.Discard(3)
		charset = "utf-8"
	}
	switch strings.ToLower(strings.TrimSpace(charset)) {
	case "":
		return &sniffer{br: br}, nil
	case "utf-8", "utf8", "us-ascii":
		return named{Reader: br, name: "utf-8"}, nil
	case "gbk", "gb2312", "gb18030", "cp936":
		return named{Reader: transform.NewReader(br, simplifiedchinese.GB18030.NewDecoder()), name: "gb18030"}, nil
	}
	return nil, apperr.Field("content_type", "charset must be utf-8, gbk or gb18030")
}

type named struct {
	io.Reader
	name string
}

func (n named) Charset() string { return n.name }

// sniffer passes ASCII through until the first other byte, then decides the encoding of
// the rest of the stream from a window of up to 64 KiB there.
type sniffer struct {
	br      *bufio.Reader
	decided io.Reader
	name    string
}

func (s *sniffer) Charset() string {
	if s.name == "" {
		return "utf-8" // all ASCII so far
	}
	return s.name
}

func (s *sniffer) Read(p []byte) (int, error) {
	if s.decided != nil {
		return s.decided.Read(p)
	}
	buf, err := s.br.Peek(min(len(p), s.br.Size()))
	if len(buf) == 0 {
		return 0, err
	}
	i := bytes.IndexFunc(buf, func(r rune) bool { return r >= utf8.RuneSelf })
	switch {
	case i < 0:
		return s.br.Read(p[:len(buf)])
	case i > 0:
		return s.br.Read(p[:i])
	}
	window, err := s.br.Peek(s.br.Size())
	if validUTF8Prefix(window, err == nil) {
		s.decided, s.name = s.br, "utf-8"
	} else {
		s.decided, s.name = transform.NewReader(s.br, simplifiedchinese.GB18030.NewDecoder()), "gb18030"
	}
	return s.decided.Read(p)
}

// validUTF8Prefix reports whether b is UTF-8, allowing a rune cut off at its end when more
// of the stream follows.
func validUTF8Prefix(b []byte, more bool) bool {
	if more {
		if i := lastStart(b); i >= 0 && !utf8.FullRune(b[i:]) {
			b = b[:i]
		}
	}
	return utf8.Valid(b)
}

// lastStart is the index of the last byte that can start a rune, or -1.
func lastStart(b []byte) int {
	for i := len(b) - 1; i >= 0 && i >= len(b)-utf8.UTFMax; i-- {
		if utf8.RuneStart(b[i]) {
			return i
		}
	}
	return -1
}
