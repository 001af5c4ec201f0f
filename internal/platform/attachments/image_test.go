package attachments

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"testing"

	"github.com/storeops/storeops/internal/platform/apperr"
)

func decoded(t *testing.T, b []byte) image.Image {
	t.Helper()
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	return img
}

// near reports whether two colours differ by at most 40 per channel (JPEG is lossy).
func near(a, b color.Color) bool {
	r1, g1, b1, _ := a.RGBA()
	r2, g2, b2, _ := b.RGBA()
	d := func(x, y uint32) bool { return x>>8 <= y>>8+40 && y>>8 <= x>>8+40 }
	return d(r1, r2) && d(g1, g2) && d(b1, b2)
}

func TestProcessEachFormat(t *testing.T) {
	cases := []struct {
		name          string
		data          []byte
		wantType      string
		width, height int
		opaque        bool
	}{
		{"jpeg", JPEGOf(t, TwoTone(40, 20)), TypeJPEG, 40, 20, true},
		{"png", PNGOf(t, TwoTone(40, 20)), TypePNG, 40, 20, true},
		{"webp lossy", Fixture(t, "opaque-12x8.webp"), TypeJPEG, 12, 8, true},
		{"webp lossless with alpha", Fixture(t, "alpha-12x8.webp"), TypePNG, 12, 8, false},
		{"webp lossy with alpha", Fixture(t, "alpha-lossy-12x8.webp"), TypePNG, 12, 8, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, err := process(tc.data, DefaultMaxPixels, DefaultThumbnailSide)
			if err != nil {
				t.Fatal(err)
			}
			if out.contentType != tc.wantType || out.width != tc.width || out.height != tc.height {
				t.Fatalf("got %s %d×%d, want %s %d×%d", out.contentType, out.width, out.height, tc.wantType, tc.width, tc.height)
			}
			stored := decoded(t, out.data)
			if b := stored.Bounds(); b.Dx() != tc.width || b.Dy() != tc.height {
				t.Errorf("stored image is %v", b)
			}
			if _, _, _, a := stored.At(0, 0).RGBA(); tc.opaque != (a == 0xffff) {
				t.Errorf("pixel (0,0) alpha %d, want opaque=%v", a, tc.opaque)
			}
			thumb := decoded(t, out.thumb)
			if b := thumb.Bounds(); b.Dx() != tc.width || b.Dy() != tc.height {
				t.Errorf("thumbnail of a small image is %v, want its own size", b)
			}
			if !tc.opaque && !near(thumb.At(0, 0), color.White) {
				t.Errorf("transparent part of the thumbnail is %v, want white", thumb.At(0, 0))
			}
		})
	}
}

// TestOrientationIsAppliedAndMetadataDropped: a phone photo taken upright is stored
// sideways with EXIF orientation 6 (turn 90° clockwise to show); the stored copy is upright
// and carries no EXIF at all, so neither the GPS position nor the camera serial survive.
func TestOrientationIsAppliedAndMetadataDropped(t *testing.T) {
	in := ExifJPEG(t, TwoTone(40, 20), 6)
	if !bytes.Contains(in, []byte("Exif\x00\x00")) || !bytes.Contains(in, []byte("SERIAL-0042")) {
		t.Fatal("the fixture carries no EXIF block")
	}
	out, err := process(in, DefaultMaxPixels, DefaultThumbnailSide)
	if err != nil {
		t.Fatal(err)
	}
	if out.width != 20 || out.height != 40 {
		t.Fatalf("stored %d×%d, want 20×40 (turned upright)", out.width, out.height)
	}
	img := decoded(t, out.data)
	// Turning clockwise puts the left (red) half on top.
	if top, bottom := img.At(10, 5), img.At(10, 35); !near(top, Red) || !near(bottom, Blue) {
		t.Errorf("top %v bottom %v, want red over blue", top, bottom)
	}
	for _, b := range [][]byte{out.data, out.thumb} {
		for _, marker := range []string{"Exif", "SERIAL-0042"} {
			if bytes.Contains(b, []byte(marker)) {
				t.Errorf("a stored file still contains %q", marker)
			}
		}
		if bytes.Contains(b, []byte{0xFF, 0xE1}) {
			t.Error("a stored file still has an APP1 segment")
		}
	}
	if th := decoded(t, out.thumb).Bounds(); th.Dx() != 20 || th.Dy() != 40 {
		t.Errorf("thumbnail %v, want upright 20×40", th)
	}
}

func TestThumbnailFitsTheLongestSide(t *testing.T) {
	cases := []struct {
		name           string
		w, h           int
		thumbW, thumbH int
	}{
		{"landscape", 1000, 500, 320, 160},
		{"portrait", 300, 900, 106, 320},
		{"exactly the side", 320, 200, 320, 200},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out, err := process(JPEGOf(t, TwoTone(tc.w, tc.h)), DefaultMaxPixels, DefaultThumbnailSide)
			if err != nil {
				t.Fatal(err)
			}
			if b := decoded(t, out.thumb).Bounds(); b.Dx() != tc.thumbW || b.Dy() != tc.thumbH {
				t.Errorf("thumbnail %d×%d, want %d×%d", b.Dx(), b.Dy(), tc.thumbW, tc.thumbH)
			}
			if out.width != tc.w || out.height != tc.h {
				t.Errorf("stored %d×%d, want the original size", out.width, out.height)
			}
		})
	}
}

func TestRefusedContent(t *testing.T) {
	jpg := JPEGOf(t, TwoTone(64, 64))
	cases := []struct {
		name string
		data []byte
		code string
	}{
		{"text", []byte("hello, this is not a photo"), CodeUnsupportedMediaType},
		{"gif", []byte("GIF89a\x01\x00\x01\x00\x80\x00\x00"), CodeUnsupportedMediaType},
		{"pdf", []byte("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n"), CodeUnsupportedMediaType},
		{"html posing as nothing", []byte("<html><script>alert(1)</script></html>"), CodeUnsupportedMediaType},
		{"truncated jpeg", jpg[:len(jpg)/2], CodeInvalidImage},
		{"jpeg magic only", []byte{0xFF, 0xD8, 0xFF, 0xE0, 0, 0}, CodeInvalidImage},
		{"png claiming 8000×6000", ClaimedPNG(t, 8000, 6000), CodeInvalidImage},
		{"png claiming 100000×1000", ClaimedPNG(t, 100000, 1000), CodeInvalidImage},
		{"broken webp", append([]byte("RIFF\x10\x00\x00\x00WEBPVP8 "), make([]byte, 8)...), CodeInvalidImage},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := process(tc.data, DefaultMaxPixels, DefaultThumbnailSide)
			var ae *apperr.Error
			var fe apperr.FieldErrors
			if !errors.As(err, &ae) || !errors.As(err, &fe) || !errors.Is(err, apperr.ErrInvalid) {
				t.Fatalf("got %v, want a 400 naming file", err)
			}
			if ae.Code != tc.code {
				t.Errorf("code %q, want %q", ae.Code, tc.code)
			}
			if fe["file"] == "" {
				t.Errorf("fields %v do not name file", fe)
			}
		})
	}
}
