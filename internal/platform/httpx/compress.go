package httpx

import (
	"net/http"
	"strings"

	"github.com/klauspost/compress/gzhttp"
)

// compressMinSize is where compressing an answer starts to pay: below it the headers and the
// CPU cost more than the bytes saved.
const compressMinSize = 1024

// Compress gzips answers of 1 KiB and more for clients that accept it: API JSON, CSV
// exports, the SPA's index. Answers that carry their own Content-Encoding (the build's
// precompressed assets) and formats that are compressed already (photos, XLSX, which is a
// zip) pass as they are.
func Compress(h http.Handler) (http.Handler, error) {
	wrap, err := gzhttp.NewWrapper(gzhttp.MinSize(compressMinSize), gzhttp.ContentTypeFilter(compressible))
	if err != nil {
		return nil, err
	}
	return wrap(h), nil
}

func compressible(ct string) bool {
	ct = strings.ToLower(ct)
	return gzhttp.DefaultContentTypeFilter(ct) && !strings.HasPrefix(ct, "image/") &&
		!strings.Contains(ct, "spreadsheetml") && !strings.HasPrefix(ct, "font/woff")
}
