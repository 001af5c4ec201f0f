package attachments

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/httpx"
)

// multipartSlack is what the multipart envelope may add to the largest file: boundaries and
// part headers.
const multipartSlack = 64 << 10

// cacheControl lets the browser keep an image it was allowed to see for an hour, for this
// user only; after that it revalidates with the ETag, which costs one small query.
const cacheControl = "private, max-age=3600"

// Handler serves the attachment routes.
type Handler struct {
	svc *Service
}

// NewHandler returns the handler of svc.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Register adds the routes: any signed-in user may upload; reads are decided per
// attachment by Service.Get.
func (h *Handler) Register(r *httpx.Router) {
	r.POST("/attachments", httpx.AnyRole(), h.upload, httpx.WithBodyLimit(h.svc.MaxBytes()+multipartSlack))
	r.GET("/attachments/:attachment_id", httpx.AnyRole(), func(c *gin.Context) { h.serve(c, false) })
	r.GET("/attachments/:attachment_id/thumbnail", httpx.AnyRole(), func(c *gin.Context) { h.serve(c, true) })
}

// JSON is the API shape of an attachment. Modules answer their records' photos with it, so
// that every photo looks the same in every answer.
type JSON struct {
	ID           int64     `json:"id"`
	ContentType  string    `json:"content_type"`
	Size         int64     `json:"size"`
	Width        int       `json:"width"`
	Height       int       `json:"height"`
	SHA256       string    `json:"sha256"`
	CreatedAt    time.Time `json:"created_at"`
	URL          string    `json:"url"`
	ThumbnailURL string    `json:"thumbnail_url"`
}

// ToJSON converts an attachment to its API shape.
func ToJSON(a Attachment) JSON {
	return JSON{ID: a.ID, ContentType: a.ContentType, Size: a.Size, Width: a.Width, Height: a.Height,
		SHA256: a.SHA256, CreatedAt: a.CreatedAt, URL: a.URL(), ThumbnailURL: a.ThumbnailURL()}
}

// ToJSONList converts a list, answering an empty array (never null) for none.
func ToJSONList(as []Attachment) []JSON {
	out := make([]JSON, len(as))
	for i, a := range as {
		out[i] = ToJSON(a)
	}
	return out
}

func (h *Handler) upload(c *gin.Context) {
	data, err := filePart(c.Request)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	a, err := h.svc.Upload(c.Request.Context(), httpx.Principal(c), data)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	c.JSON(http.StatusCreated, ToJSON(a))
}

// filePart reads the one form part "file" of a multipart/form-data body. Any other part is
// refused like an unknown JSON field; the part's own Content-Type and file name are ignored.
func filePart(r *http.Request) ([]byte, error) {
	mt, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "multipart/form-data" {
		return nil, apperr.Field("content_type", "must be multipart/form-data with the image in the part \"file\"")
	}
	if params["boundary"] == "" {
		return nil, apperr.Field("content_type", "multipart/form-data needs a boundary")
	}
	mr := multipart.NewReader(r.Body, params["boundary"])
	var data []byte
	found := false
	for {
		part, err := mr.NextPart()
		if err == io.EOF { // exactly io.EOF is the end; a wrapped one is a body cut short
			break
		}
		if err != nil {
			return nil, readError(err, "body", "is not a well-formed multipart/form-data body")
		}
		name := part.FormName()
		switch {
		case name == "":
			return nil, apperr.Field("body", "every part needs a form name")
		case name != "file":
			return nil, apperr.Field(name, "is not a known field")
		case found:
			return nil, apperr.Field("file", "must be sent once")
		}
		found = true
		if data, err = io.ReadAll(part); err != nil {
			return nil, readError(err, "file", "was cut off or is not well-formed multipart/form-data")
		}
	}
	if !found {
		return nil, apperr.Field("file", "is required: send the image as the form part \"file\"")
	}
	return data, nil
}

// readError is a 413 when the body limit was hit, otherwise a 400 naming field.
func readError(err error, field, msg string) error {
	var tooLarge *http.MaxBytesError
	if errors.As(err, &tooLarge) {
		return apperr.New(apperr.ErrTooLarge, "payload_too_large",
			fmt.Sprintf("request body is larger than %d bytes", tooLarge.Limit))
	}
	return apperr.Field(field, msg)
}

// serve answers the image or its thumbnail to a caller who may see it, 404 to anyone else.
func (h *Handler) serve(c *gin.Context, thumbnail bool) {
	id, err := httpx.PathID(c, "attachment_id")
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	ctx := c.Request.Context()
	a, err := h.svc.Get(ctx, httpx.Principal(c), id)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	contentType, etag, name := a.ContentType, `"`+a.SHA256+`"`, fmt.Sprintf("attachment-%d%s", a.ID, extension(a.ContentType))
	if thumbnail {
		contentType, etag, name = TypeJPEG, `"`+a.SHA256+`-thumb"`, fmt.Sprintf("attachment-%d-thumbnail.jpg", a.ID)
	}
	hdr := c.Writer.Header()
	hdr.Set("Cache-Control", cacheControl)
	hdr.Set("ETag", etag)
	hdr.Set("X-Content-Type-Options", "nosniff")
	hdr.Set("Content-Disposition", `inline; filename="`+name+`"`)
	if etagMatches(c.GetHeader("If-None-Match"), etag) {
		c.Status(http.StatusNotModified)
		c.Writer.WriteHeaderNow()
		return
	}
	rc, size, err := h.svc.Content(ctx, a, thumbnail)
	if err != nil {
		httpx.Fail(c, err)
		return
	}
	defer rc.Close()
	c.DataFromReader(http.StatusOK, size, contentType, rc, nil)
}

func extension(contentType string) string {
	if contentType == TypePNG {
		return ".png"
	}
	return ".jpg"
}

// etagMatches applies If-None-Match: a list of entity tags or "*", compared weakly.
func etagMatches(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}
