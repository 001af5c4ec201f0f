package attachments

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"net/http"

	"github.com/disintegration/imaging"
	_ "golang.org/x/image/webp" // registers the WebP decoder with image.Decode

	"github.com/storeops/storeops/internal/platform/apperr"
)

// Error codes of refused uploads, documented in api/openapi.yaml.
const (
	CodeUnsupportedMediaType = "unsupported_media_type"
	CodeInvalidImage         = "invalid_image"
)

// JPEG qualities: stored photos stay close to the original, thumbnails only need a glance.
const (
	storedQuality    = 88
	thumbnailQuality = 80
)

// formats maps a sniffed content type to the name image.DecodeConfig gives its decoder.
var formats = map[string]string{TypeJPEG: "jpeg", TypePNG: "png", TypeWebP: "webp"}

// processed is an upload turned into what is stored: a re-encoded image that carries no
// metadata, upright, and its thumbnail.
type processed struct {
	contentType   string
	data          []byte
	width, height int
	thumb         []byte
}

// fileError is a 400 naming the form part "file" with a specific code.
func fileError(code, msg string) error {
	return apperr.New(apperr.Field("file", msg), code, msg)
}

// sniff answers the content type found in the bytes themselves; what the client said the
// file was (its Content-Type and name) is never believed.
func sniff(data []byte) (string, error) {
	ct := http.DetectContentType(data)
	if _, ok := formats[ct]; !ok {
		return "", fileError(CodeUnsupportedMediaType, "must be a JPEG, PNG or WebP image (the content looks like "+ct+")")
	}
	return ct, nil
}

// process checks and decodes an upload, applies its EXIF orientation to the pixels and
// re-encodes it: JPEG stays JPEG, PNG stays PNG (lossless, transparency kept), WebP becomes
// JPEG, or PNG when it has transparency. Re-encoding drops every piece of metadata. The
// dimensions are read from the header first, so a small file claiming a huge image is
// refused before it is decoded.
func process(data []byte, maxPixels int64, thumbSide int) (processed, error) {
	ct, err := sniff(data)
	if err != nil {
		return processed{}, err
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil || format != formats[ct] {
		return processed{}, fileError(CodeInvalidImage, "could not be read as a "+formats[ct]+" image")
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return processed{}, fileError(CodeInvalidImage, "has no pixels")
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > maxPixels {
		return processed{}, fileError(CodeInvalidImage, fmt.Sprintf("is %d×%d pixels; at most %.0f megapixels are accepted",
			cfg.Width, cfg.Height, float64(maxPixels)/1e6))
	}
	img, err := imaging.Decode(bytes.NewReader(data), imaging.AutoOrientation(true))
	if err != nil {
		return processed{}, fileError(CodeInvalidImage, "could not be decoded as a "+formats[ct]+" image")
	}
	out := processed{contentType: TypeJPEG, width: img.Bounds().Dx(), height: img.Bounds().Dy()}
	opaque := isOpaque(img)
	if ct == TypePNG || (ct == TypeWebP && !opaque) {
		out.contentType = TypePNG
	}
	if out.data, err = encode(img, out.contentType, storedQuality); err != nil {
		return processed{}, err
	}
	thumb := imaging.Fit(img, thumbSide, thumbSide, imaging.Lanczos)
	if !opaque {
		// JPEG has no transparency: show transparent parts on white, as a page would.
		bg := imaging.New(thumb.Bounds().Dx(), thumb.Bounds().Dy(), color.White)
		thumb = imaging.Overlay(bg, thumb, image.Point{}, 1)
	}
	if out.thumb, err = encode(thumb, TypeJPEG, thumbnailQuality); err != nil {
		return processed{}, err
	}
	return out, nil
}

// isOpaque reports whether every pixel is fully opaque; images that cannot tell are
// treated as transparent, which only costs a lossless copy.
func isOpaque(img image.Image) bool {
	o, ok := img.(interface{ Opaque() bool })
	return ok && o.Opaque()
}

// encode writes img as JPEG or PNG. Go's encoders write no metadata at all.
func encode(img image.Image, contentType string, quality int) ([]byte, error) {
	var buf bytes.Buffer
	var err error
	if contentType == TypePNG {
		err = png.Encode(&buf, img)
	} else {
		err = jpeg.Encode(&buf, img, &jpeg.Options{Quality: quality})
	}
	if err != nil {
		return nil, fmt.Errorf("attachments: encode %s: %w", contentType, err)
	}
	return buf.Bytes(), nil
}
