package web

import (
	"bytes"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
)

// precompressed are the encodings the build writes beside each asset (name.br, name.gz, by
// frontend/scripts/compress-dist.mjs), best first.
var precompressed = []struct{ coding, ext string }{{"br", ".br"}, {"gzip", ".gz"}}

// serveFile answers name, whose plain bytes are b, choosing a precompressed copy the client
// accepts when the build made one: compressing once at build time costs nothing per request
// and compresses better than on the fly.
func serveFile(w http.ResponseWriter, r *http.Request, files fs.FS, name string, b []byte) {
	w.Header().Add("Vary", "Accept-Encoding")
	accepted := r.Header.Get("Accept-Encoding")
	for _, p := range precompressed {
		if !accepts(accepted, p.coding) {
			continue
		}
		z, err := fs.ReadFile(files, name+p.ext)
		if err != nil {
			continue
		}
		ct := mime.TypeByExtension(path.Ext(name))
		if ct == "" {
			ct = http.DetectContentType(b)
		}
		w.Header().Set("Content-Type", ct)
		w.Header().Set("Content-Encoding", p.coding)
		http.ServeContent(w, r, name, startTime, bytes.NewReader(z))
		return
	}
	http.ServeContent(w, r, name, startTime, bytes.NewReader(b))
}

// accepts reports whether an Accept-Encoding header allows coding (named, or by "*"), with
// a quality above zero.
func accepts(header, coding string) bool {
	star := false
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		if name != coding && name != "*" {
			continue
		}
		ok := true
		for _, p := range strings.Split(params, ";") {
			k, v, found := strings.Cut(strings.TrimSpace(p), "=")
			if found && strings.EqualFold(strings.TrimSpace(k), "q") {
				q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
				ok = err == nil && q > 0
			}
		}
		if name == coding {
			return ok
		}
		star = ok
	}
	return star
}
