package httpx

import (
	"slices"
	"strconv"
	"strings"

	"github.com/gin-gonic/gin"

	"github.com/storeops/storeops/internal/platform/apperr"
	"github.com/storeops/storeops/internal/platform/civil"
	"github.com/storeops/storeops/internal/platform/paging"
)

// List is the JSON shape of every paged list.
type List[T any] struct {
	Items    []T   `json:"items"`
	Page     int   `json:"page"`
	PageSize int   `json:"page_size"`
	Total    int64 `json:"total"`
}

// NewList wraps items (never null in JSON) with the paging that produced them.
func NewList[T any](items []T, p paging.Page, total int64) List[T] {
	if items == nil {
		items = []T{}
	}
	return List[T]{Items: items, Page: p.Page, PageSize: p.PageSize, Total: total}
}

// ParsePage reads the paging query. sortable lists the documented sort fields, the first
// being the default.
func ParsePage(c *gin.Context, sortable ...string) (paging.Page, error) {
	fe := apperr.FieldErrors{}
	p := paging.First()
	if v := c.Query("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			fe.Add("page", "must be a whole number of at least 1")
		} else {
			p.Page = n
		}
	}
	if v := c.Query("page_size"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > paging.MaxPageSize {
			fe.Add("page_size", "must be a whole number from 1 to "+strconv.Itoa(paging.MaxPageSize))
		} else {
			p.PageSize = n
		}
	}
	if len(sortable) > 0 {
		p.Sort = sortable[0]
		if v := c.Query("sort"); v != "" {
			field := strings.TrimPrefix(v, "-")
			if !slices.Contains(sortable, field) {
				fe.Add("sort", "must be one of: "+strings.Join(sortable, ", ")+" (prefix - for descending)")
			} else {
				p.Sort, p.Desc = field, strings.HasPrefix(v, "-")
			}
		}
	}
	return p, fe.Err()
}

// QueryInt64 reads an optional integer query parameter, naming it when malformed.
func QueryInt64(c *gin.Context, name string, fe apperr.FieldErrors) *int64 {
	v := c.Query(name)
	if v == "" {
		return nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		fe.Add(name, "must be a whole number")
		return nil
	}
	return &n
}

// QueryBool reads an optional true/false query parameter.
func QueryBool(c *gin.Context, name string, fe apperr.FieldErrors) *bool {
	v := c.Query(name)
	if v == "" {
		return nil
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		fe.Add(name, "must be true or false")
		return nil
	}
	return &b
}

// PathID reads an integer path parameter. A malformed id names nothing that exists, so it
// is a 404 like any unknown id.
func PathID(c *gin.Context, name string) (int64, error) {
	n, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || n < 1 {
		return 0, apperr.ErrNotFound
	}
	return n, nil
}

// QueryDate reads an optional YYYY-MM-DD query parameter, naming it when malformed.
func QueryDate(c *gin.Context, name string, fe apperr.FieldErrors) *civil.Date {
	v := c.Query(name)
	if v == "" {
		return nil
	}
	d, err := civil.Parse(v)
	if err != nil {
		fe.Add(name, err.Error())
		return nil
	}
	return &d
}
