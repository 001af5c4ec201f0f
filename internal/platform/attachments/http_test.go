package attachments_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"image"
	"net/http"
	"strings"
	"testing"

	"github.com/storeops/storeops/internal/platform/attachments"
	"github.com/storeops/storeops/internal/testutil"
)

func TestUploadEachFormat(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		super := f.env.Login("super1")
		cases := []struct {
			name, sentType, fileName string
			data                     []byte
			wantType                 string
			width, height            int
		}{
			{"jpeg", "image/jpeg", "a.jpg", attachments.JPEGOf(t, attachments.TwoTone(64, 48)), attachments.TypeJPEG, 64, 48},
			{"png", "image/png", "a.png", attachments.PNGOf(t, attachments.TwoTone(30, 20)), attachments.TypePNG, 30, 20},
			{"png sent as a jpeg", "image/jpeg", "a.jpg", attachments.PNGOf(t, attachments.TwoTone(30, 20)), attachments.TypePNG, 30, 20},
			{"no part type or name", "", "", attachments.PNGOf(t, attachments.TwoTone(30, 20)), attachments.TypePNG, 30, 20},
			{"webp", "image/webp", "a.webp", attachments.Fixture(t, "opaque-12x8.webp"), attachments.TypeJPEG, 12, 8},
			{"webp with alpha", "image/webp", "a.webp", attachments.Fixture(t, "alpha-12x8.webp"), attachments.TypePNG, 12, 8},
			{"jpeg turned by exif, gps dropped", "image/jpeg", "IMG_0001.JPG", attachments.ExifJPEG(t, attachments.TwoTone(2, 1), 6), attachments.TypeJPEG, 1, 2},
		}
		for i, tc := range cases {
			res := super.Upload("/api/v1/attachments", testutil.Part{Name: "file", FileName: tc.fileName, ContentType: tc.sentType, Data: tc.data})
			if res.Status != http.StatusCreated {
				t.Fatalf("%s: %d %s", tc.name, res.Status, res.Body)
			}
			var a attachments.JSON
			res.JSON(t, &a)
			if a.ContentType != tc.wantType || a.Width != tc.width || a.Height != tc.height {
				t.Errorf("%s: %s %d×%d, want %s %d×%d", tc.name, a.ContentType, a.Width, a.Height, tc.wantType, tc.width, tc.height)
			}
			if a.URL != fmt.Sprintf("/api/v1/attachments/%d", a.ID) || a.ThumbnailURL != a.URL+"/thumbnail" {
				t.Errorf("%s: urls %q %q", tc.name, a.URL, a.ThumbnailURL)
			}
			if !a.CreatedAt.Equal(f.env.Clock.Now()) {
				t.Errorf("%s: created_at %s", tc.name, a.CreatedAt)
			}
			img := super.Do("GET", a.URL, nil)
			if img.Status != http.StatusOK || img.Header.Get("Content-Type") != tc.wantType {
				t.Fatalf("%s: GET %d %s", tc.name, img.Status, img.Header.Get("Content-Type"))
			}
			sum := sha256.Sum256(img.Body)
			if hex.EncodeToString(sum[:]) != a.SHA256 || int64(len(img.Body)) != a.Size {
				t.Errorf("%s: served bytes do not match sha256/size of the answer", tc.name)
			}
			if bytes.Contains(img.Body, []byte("Exif")) || bytes.Contains(img.Body, []byte("SERIAL-0042")) {
				t.Errorf("%s: the stored image still carries EXIF", tc.name)
			}
			cfg, _, err := image.DecodeConfig(bytes.NewReader(img.Body))
			if err != nil || cfg.Width != tc.width || cfg.Height != tc.height {
				t.Errorf("%s: served image %d×%d (%v)", tc.name, cfg.Width, cfg.Height, err)
			}
			th := super.Do("GET", a.ThumbnailURL, nil)
			if th.Status != http.StatusOK || th.Header.Get("Content-Type") != attachments.TypeJPEG {
				t.Errorf("%s: thumbnail %d %s", tc.name, th.Status, th.Header.Get("Content-Type"))
			}
			if n := f.files(t); n != 2*(i+1) {
				t.Errorf("%s: %d files stored, want an image and a thumbnail per upload", tc.name, n)
			}
		}
		if n := f.audits(t, "attachment.upload"); n != int64(len(cases)) {
			t.Errorf("%d upload audit entries, want %d", n, len(cases))
		}
	})
}

func TestThumbnailOfALargePhoto(t *testing.T) {
	f := newFixture(t, "sqlite")
	super := f.env.Login("super1")
	a := f.upload(t, super, attachments.JPEGOf(t, attachments.TwoTone(1200, 900)))
	res := super.Do("GET", a.ThumbnailURL, nil)
	cfg, _, err := image.DecodeConfig(bytes.NewReader(res.Body))
	if err != nil || cfg.Width != 320 || cfg.Height != 240 {
		t.Fatalf("thumbnail %d×%d (%v), want 320×240", cfg.Width, cfg.Height, err)
	}
	if res.Header.Get("ETag") != `"`+a.SHA256+`-thumb"` {
		t.Errorf("thumbnail ETag %q", res.Header.Get("ETag"))
	}
}

func TestUploadRefusals(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		f := newFixture(t, dialect)
		super := f.env.Login("super1")
		png := attachments.PNGOf(t, attachments.TwoTone(8, 8))
		file := func(data []byte) testutil.Part {
			return testutil.Part{Name: "file", FileName: "photo.jpg", ContentType: "image/jpeg", Data: data}
		}
		cases := []struct {
			name   string
			parts  []testutil.Part
			status int
			code   string
			field  string
		}{
			{"text named .jpg", []testutil.Part{file([]byte("just some text, not a photo"))}, 400, "unsupported_media_type", "file"},
			{"gif", []testutil.Part{file([]byte("GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00"))}, 400, "unsupported_media_type", "file"},
			{"undecodable jpeg", []testutil.Part{file([]byte{0xFF, 0xD8, 0xFF, 0xDB, 0, 4, 0, 0})}, 400, "invalid_image", "file"},
			{"40+ megapixels", []testutil.Part{file(attachments.ClaimedPNG(t, 8000, 6000))}, 400, "invalid_image", "file"},
			{"empty file", []testutil.Part{file(nil)}, 400, "validation_failed", "file"},
			{"no file part", nil, 400, "validation_failed", "file"},
			{"file twice", []testutil.Part{file(png), file(png)}, 400, "validation_failed", "file"},
			{"unknown part", []testutil.Part{file(png), {Name: "caption", Data: []byte("hi")}}, 400, "validation_failed", "caption"},
			{"over 12 MiB", []testutil.Part{file(append(png, make([]byte, 12<<20)...))}, 413, "payload_too_large", ""},
		}
		for _, tc := range cases {
			res := super.Upload("/api/v1/attachments", tc.parts...)
			if res.Status != tc.status || res.ErrorCode() != tc.code {
				t.Errorf("%s: %d %s, want %d %s", tc.name, res.Status, res.Body, tc.status, tc.code)
				continue
			}
			if tc.field != "" && res.Fields()[tc.field] == "" {
				t.Errorf("%s: does not name %s: %s", tc.name, tc.field, res.Body)
			}
		}
		for name, c := range map[string]*testutil.Client{
			"json":          super.With("Content-Type", "application/json"),
			"no boundary":   super.With("Content-Type", "multipart/form-data"),
			"no type":       super.With("Content-Type", ""),
			"garbage parts": super.With("Content-Type", "multipart/form-data; boundary=xyz"),
		} {
			res := c.Do("POST", "/api/v1/attachments", []byte(`{"file":"x"}`))
			want := "content_type"
			if name == "garbage parts" {
				want = "body"
			}
			if res.Status != 400 || res.Fields()[want] == "" {
				t.Errorf("%s: %d %s, want 400 naming %s", name, res.Status, res.Body, want)
			}
		}
		var rows int64
		f.env.DB.Table("attachments").Count(&rows)
		if rows != 0 || f.files(t) != 0 || f.audits(t, "attachment.upload") != 0 {
			t.Errorf("refused uploads left %d rows, %d files", rows, f.files(t))
		}
	})
}

func TestCookieUploadNeedsCSRF(t *testing.T) {
	f := newFixture(t, "sqlite")
	c := f.env.Login("super1")
	c.Cookie = true
	part := testutil.Part{Name: "file", Data: attachments.PNGOf(t, attachments.TwoTone(4, 4))}
	if res := c.Upload("/api/v1/attachments", part); res.Status != http.StatusForbidden || res.ErrorCode() != "csrf_failed" {
		t.Errorf("without the CSRF header: %d %s", res.Status, res.Body)
	}
	if res := c.With("X-CSRF-Token", c.CSRF).Upload("/api/v1/attachments", part); res.Status != http.StatusCreated {
		t.Errorf("with the CSRF header: %d %s", res.Status, res.Body)
	}
	if res := f.env.Anonymous().Upload("/api/v1/attachments", part); res.Status != http.StatusUnauthorized {
		t.Errorf("anonymous: %d", res.Status)
	}
}

func TestServedHeaders(t *testing.T) {
	f := newFixture(t, "sqlite")
	super := f.env.Login("super1")
	a := f.upload(t, super, attachments.PNGOf(t, attachments.TwoTone(10, 10)))
	res := super.Do("GET", a.URL, nil)
	want := map[string]string{
		"Content-Type":           "image/png",
		"Cache-Control":          "private, max-age=3600",
		"X-Content-Type-Options": "nosniff",
		"ETag":                   `"` + a.SHA256 + `"`,
		"Content-Disposition":    fmt.Sprintf(`inline; filename="attachment-%d.png"`, a.ID),
		"Content-Length":         fmt.Sprint(a.Size),
	}
	for k, v := range want {
		if got := res.Header.Get(k); got != v {
			t.Errorf("%s: %q, want %q", k, got, v)
		}
	}
	if strings.Contains(res.Header.Get("Cache-Control"), "public") {
		t.Error("an attachment must never be cached publicly")
	}
}
