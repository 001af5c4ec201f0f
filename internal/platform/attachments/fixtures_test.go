package attachments

// Image fixtures shared by this package's tests, internal and external (attachments_test
// sees these exported names because they are compiled into the same test binary).

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// Red and Blue paint the halves of TwoTone images.
var (
	Red  = color.NRGBA{R: 220, G: 20, B: 20, A: 255}
	Blue = color.NRGBA{R: 20, G: 20, B: 220, A: 255}
)

// TwoTone is a w×h image whose left half is Red and right half Blue.
func TwoTone(w, h int) *image.NRGBA {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			c := Red
			if x >= w/2 {
				c = Blue
			}
			img.SetNRGBA(x, y, c)
		}
	}
	return img
}

// PNGOf encodes img as PNG.
func PNGOf(tb testing.TB, img image.Image) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// JPEGOf encodes img as JPEG.
func JPEGOf(tb testing.TB, img image.Image) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 95}); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// ExifJPEG encodes img as JPEG carrying an EXIF block the way a phone camera writes one:
// the orientation tag, a camera serial number and a GPS position (31°14'N).
func ExifJPEG(tb testing.TB, img image.Image, orientation uint16) []byte {
	tb.Helper()
	plain := JPEGOf(tb, img)
	tiff := exifTIFF(orientation)
	app1 := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(app1[2:], uint16(2+6+len(tiff)))
	app1 = append(append(app1, "Exif\x00\x00"...), tiff...)
	out := append([]byte{}, plain[:2]...) // SOI
	out = append(out, app1...)
	return append(out, plain[2:]...)
}

// exifTIFF is a little-endian TIFF structure: IFD0 with a made-up camera serial (in
// ImageDescription), Orientation and the GPS IFD pointer; the GPS IFD with GPSLatitudeRef
// and GPSLatitude.
func exifTIFF(orientation uint16) []byte {
	le := binary.LittleEndian
	var b []byte
	b = append(b, 'I', 'I', 0x2A, 0, 8, 0, 0, 0)
	entry := func(tag, typ uint16, count, value uint32) {
		b = le.AppendUint16(b, tag)
		b = le.AppendUint16(b, typ)
		b = le.AppendUint32(b, count)
		b = le.AppendUint32(b, value)
	}
	const ifd0Len = 2 + 3*12 + 4
	serialAt := uint32(8 + ifd0Len)
	serial := "SERIAL-0042\x00"
	gpsAt := serialAt + uint32(len(serial))
	const gpsLen = 2 + 2*12 + 4
	latAt := gpsAt + gpsLen
	b = le.AppendUint16(b, 3)
	entry(0x010E, 2, uint32(len(serial)), serialAt) // ImageDescription (ASCII)
	entry(0x0112, 3, 1, uint32(orientation))        // Orientation (SHORT, left-justified)
	entry(0x8825, 4, 1, gpsAt)                      // GPS IFD pointer
	b = le.AppendUint32(b, 0)
	b = append(b, serial...)
	b = le.AppendUint16(b, 2)
	entry(0x0001, 2, 2, uint32('N')) // GPSLatitudeRef "N\0"
	entry(0x0002, 5, 3, latAt)       // GPSLatitude: 3 rationals
	b = le.AppendUint32(b, 0)
	for _, v := range []uint32{31, 1, 14, 1, 0, 1} {
		b = le.AppendUint32(b, v)
	}
	return b
}

// ClaimedPNG is a 1×1 PNG whose header claims w×h pixels: what a decompression bomb looks
// like before it is decoded.
func ClaimedPNG(tb testing.TB, w, h uint32) []byte {
	tb.Helper()
	b := PNGOf(tb, image.NewGray(image.Rect(0, 0, 1, 1)))
	// signature (8) + length (4) + "IHDR" (4), then width, height, …, and the CRC over
	// "IHDR" and its 13 data bytes.
	binary.BigEndian.PutUint32(b[16:], w)
	binary.BigEndian.PutUint32(b[20:], h)
	binary.BigEndian.PutUint32(b[29:], crc32.ChecksumIEEE(b[12:29]))
	return b
}

// Fixture reads testdata/name.
func Fixture(tb testing.TB, name string) []byte {
	tb.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}
