package catalog

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/httpx"
	"github.com/storeops/storeops/internal/platform/upload"
)

// importResponse is the answer of an import.
type importResponse struct {
	Lines     int  `json:"lines"`
	Created   int  `json:"created"`
	Updated   int  `json:"updated"`
	Unchanged int  `json:"unchanged"`
	DryRun    bool `json:"dry_run"`
}

// importProducts takes a CSV body, a multipart upload with a "file" part (what a browser
// form sends) or JSON {"products": [...]}. ?dry_run=true checks and counts without writing;
// an Idempotency-Key makes a retry replay the first answer.
func (h *Handler) importProducts(c *gin.Context) {
	in := Import{Body: c.Request.Body, Scope: c.Request.Method + " " + c.Request.URL.Path, Query: c.Request.URL.RawQuery}
	var err error
	switch mt, params := mediaType(c.Request); mt {
	case "":
		// A bare body is a CSV file, as curl --data-binary sends it.
		c.Request.Header.Set("Content-Type", "text/csv")
		in.Request, err = upload.FromRequest(c.Request, true)
	case "multipart/form-data":
		c.Request.Header.Set("Content-Type", "text/csv")
		if in.Request, err = upload.FromRequest(c.Request, true); err == nil {
			in.Body, err = filePart(c.Request.Body, params["boundary"])
		}
	default:
		in.Request, err = upload.FromRequest(c.Request, true)
	}
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	res, err := h.svc.Import(c.Request.Context(), httpx.Principal(c), in)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusOK, importResponse{Lines: res.Lines, Created: res.Created, Updated: res.Updated,
		Unchanged: res.Unchanged, DryRun: in.DryRun})
}

func mediaType(r *http.Request) (string, map[string]string) {
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return "", nil
	}
	mt, params, err := mime.ParseMediaType(ct)
	if err != nil {
		return "invalid", nil
	}
	return mt, params
}

// filePart finds the "file" part of a multipart body and answers it as a stream.
func filePart(body io.Reader, boundary string) (io.Reader, error) {
	if boundary == "" {
		return nil, apperr.Field("content_type", "multipart/form-data needs a boundary")
	}
	mr := multipart.NewReader(body, boundary)
	for {
		part, err := mr.NextPart()
		var tooLarge *http.MaxBytesError
		switch {
		case errors.As(err, &tooLarge):
			return nil, apperr.New(apperr.ErrTooLarge, "payload_too_large", "the file is larger than the upload limit")
		case errors.Is(err, io.EOF):
			return nil, apperr.Field("file", "is required: send the CSV as the form part \"file\"")
		case err != nil:
			return nil, apperr.Field("body", "is not a well-formed multipart/form-data body")
		}
		if part.FormName() == "file" {
			return partReader{part}, nil
		}
	}
}

// partReader reports a cut-off or malformed upload as bad input rather than a server error.
type partReader struct{ r io.Reader }

func (p partReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	var tooLarge *http.MaxBytesError
	if err != nil && !errors.Is(err, io.EOF) && !errors.As(err, &tooLarge) {
		err = apperr.Field("file", "the upload was cut off or is not well-formed multipart/form-data")
	}
	return n, err
}

// export answers the products matching the list filters as a CSV download.
func (h *Handler) export(c *gin.Context) {
	f, err := filterOf(c)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	var buf bytes.Buffer
	if err := h.svc.Export(c.Request.Context(), &buf, f); err != nil {
		httpx.Fail(c, err)
		return
	}
	c.Header("Content-Disposition", `attachment; filename="products.csv"`)
	c.Data(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}
