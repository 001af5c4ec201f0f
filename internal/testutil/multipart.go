package testutil

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/textproto"
)

// Part is one part of a multipart/form-data body.
type Part struct {
	Name        string // the form field name
	FileName    string // sent as the part's filename when not empty
	ContentType string // the part's own Content-Type, when not empty
	Data        []byte
}

// Multipart builds a multipart/form-data body and answers it with its Content-Type.
func Multipart(parts ...Part) ([]byte, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, p := range parts {
		h := textproto.MIMEHeader{}
		disposition := `form-data; name="` + p.Name + `"`
		if p.FileName != "" {
			disposition += `; filename="` + p.FileName + `"`
		}
		h.Set("Content-Disposition", disposition)
		if p.ContentType != "" {
			h.Set("Content-Type", p.ContentType)
		}
		w, err := mw.CreatePart(h)
		if err != nil {
			panic(err) // writing to a bytes.Buffer does not fail
		}
		_, _ = w.Write(p.Data)
	}
	_ = mw.Close()
	return buf.Bytes(), mw.FormDataContentType()
}

// Upload posts parts as multipart/form-data to path.
func (c *Client) Upload(path string, parts ...Part) *Response {
	c.env.TB.Helper()
	body, contentType := Multipart(parts...)
	return c.With("Content-Type", contentType).Do(http.MethodPost, path, body)
}

// With returns a copy of the client that also sends header name with value.
func (c *Client) With(name, value string) *Client {
	cp := *c
	cp.Headers = map[string]string{}
	for k, v := range c.Headers {
		cp.Headers[k] = v
	}
	cp.Headers[name] = value
	return &cp
}
