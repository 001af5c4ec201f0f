// Package paging is the page of a list a use case is asked for: which page, how big, and in
// which order. The HTTP layer parses it from the query string; services and stores read it
// without knowing about HTTP.
package paging

// Limits of DESIGN.md §4.
const (
	DefaultPageSize = 50
	MaxPageSize     = 500
)

// Page is one page of a list. Sort is one documented field, Desc when it was asked for in
// descending order.
type Page struct {
	Page     int
	PageSize int
	Sort     string
	Desc     bool
}

// First is the first page of the default size.
func First() Page { return Page{Page: 1, PageSize: DefaultPageSize} }

// Offset is the number of rows to skip.
func (p Page) Offset() int { return (p.Page - 1) * p.PageSize }

// OrderBy renders the sort as SQL; column maps the documented sort field to its column, so
// only whitelisted fields ever reach SQL.
func (p Page) OrderBy(column map[string]string) string {
	col := column[p.Sort]
	if p.Desc {
		return col + " DESC"
	}
	return col + " ASC"
}
