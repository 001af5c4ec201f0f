package upload

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"hash"
	"io"
	"net/http"
	"strings"

	"github.com/storeops/storeops/internal/platform/apperr"
)

// Result is what reading a body found besides its lines.
type Result struct {
	Lines int
	// Top holds the scalar top-level fields of a JSON body that the spec allows.
	Top map[string]string
	// Charset is the encoding a CSV body was read in: utf-8 or gb18030 (which covers GBK).
	Charset string
	// Hash is the SHA-256 of the body's bytes as sent (for Idempotency-Key replays).
	Hash string
}

// Read streams body in format, calling visit for each line with shape problems already
// recorded in pr; visit adds its own. charset is the Content-Type's charset parameter ("" to
// detect). Read answers an error at once only when the body cannot be read on (malformed
// JSON or CSV, a file in an unknown encoding, too large, too many lines); the problems are
// for the caller to check with pr.Err() once it has seen every line.
func Read(body io.Reader, format, charset string, spec Spec, pr *Problems, visit func(*Line)) (Result, error) {
	h := sha256.New()
	tee := io.TeeReader(body, h)
	res := Result{Top: map[string]string{}}
	var err error
	switch format {
	case JSON:
		res.Lines, err = readJSON(tee, spec, pr, res.Top, visit)
	case CSV:
		res.Lines, res.Charset, err = readCSV(tee, charset, spec, pr, visit)
	default:
		return res, apperr.Field("content_type", "must be application/json or text/csv")
	}
	if err != nil {
		return res, err
	}
	res.Hash, err = finish(body, h)
	return res, err
}

// finish reads what is left of the body (trailing whitespace) into the hash.
func finish(body io.Reader, h hash.Hash) (string, error) {
	if _, err := io.Copy(h, body); err != nil {
		return "", bodyError(err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func tooManyLines(spec Spec) error {
	return apperr.Field(spec.Array, "must have at most "+itoa(spec.MaxLines)+" lines: split the upload")
}

// bodyError words a failure to read the body for the client.
func bodyError(err error) error {
	var tooLarge *http.MaxBytesError
	var ae *apperr.Error
	var fe apperr.FieldErrors
	switch {
	case errors.As(err, &tooLarge):
		return apperr.New(apperr.ErrTooLarge, "payload_too_large", "the upload is larger than the limit: split it")
	case errors.As(err, &ae), errors.As(err, &fe):
		return err
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return apperr.Field("body", "is empty or cut short")
	}
	return apperr.Field("body", "is malformed JSON: "+strings.TrimPrefix(err.Error(), "json: "))
}
