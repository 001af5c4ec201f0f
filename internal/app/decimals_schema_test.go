package app_test

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/fixed"
	"github.com/storeops/storeops/internal/testutil"
)

// TestDecimalColumnsAreRegistered proves on each database that every DECIMAL column the
// migrations create is in fixed.Columns() with the same precision and scale, that no column
// has more than fixed.MaxDigits digits or is a float, and that every registered column exists.
// It also shows the check failing for a 18-digit column and for one nobody registered.
func TestDecimalColumnsAreRegistered(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		db := testutil.NewTestDB(t, dialect)
		found, err := decimalColumns(db)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range decimalProblems(found, fixed.Columns()) {
			t.Error(p)
		}

		testutil.MustExec(t, db, "CREATE TABLE decimal_probe (id INT NOT NULL PRIMARY KEY, wide DECIMAL(18,3) NOT NULL, "+
			"unknown DECIMAL(10,2) NOT NULL, approx DOUBLE NOT NULL)")
		found, err = decimalColumns(db)
		if err != nil {
			t.Fatal(err)
		}
		probe := append(fixed.Columns(), fixed.Column{Table: "decimal_probe", Name: "wide", Precision: 18, Scale: 3},
			fixed.Column{Table: "gone", Name: "amount", Precision: 12, Scale: 2})
		want := []string{
			"decimal_probe.approx is DOUBLE: money and quantities are DECIMAL(p,s)",
			"decimal_probe.unknown DECIMAL(10,2) is not in fixed.Columns()",
			"decimal_probe.wide is DECIMAL(18,3): at most 15 significant digits",
			"gone.amount is in fixed.Columns() but not in the schema",
		}
		if got := decimalProblems(found, probe); !slices.Equal(got, want) {
			t.Errorf("the check does not catch a bad schema:\n got %q\nwant %q", got, want)
		}
	})
}

// schemaColumn is a numeric column as the database declares it; Type is empty for DECIMAL(p,s).
type schemaColumn struct {
	fixed.Column
	Type string
}

// decimalProblems compares the numeric columns of a schema with the registry, in a stable order.
func decimalProblems(found []schemaColumn, registry []fixed.Column) []string {
	var out []string
	known := map[string]fixed.Column{}
	for _, c := range registry {
		known[c.String()] = c
	}
	seen := map[string]bool{}
	for _, f := range found {
		seen[f.String()] = true
		reg, ok := known[f.String()]
		switch {
		case f.Type != "":
			out = append(out, fmt.Sprintf("%s is %s: money and quantities are DECIMAL(p,s)", f, f.Type))
		case f.Precision > fixed.MaxDigits:
			out = append(out, fmt.Sprintf("%s is DECIMAL(%d,%d): at most %d significant digits", f, f.Precision, f.Scale, fixed.MaxDigits))
		case !ok:
			out = append(out, fmt.Sprintf("%s DECIMAL(%d,%d) is not in fixed.Columns()", f, f.Precision, f.Scale))
		case reg != f.Column:
			out = append(out, fmt.Sprintf("%s is DECIMAL(%d,%d) but fixed.Columns() says DECIMAL(%d,%d)",
				f, f.Precision, f.Scale, reg.Precision, reg.Scale))
		}
	}
	for _, c := range registry {
		if !seen[c.String()] {
			out = append(out, fmt.Sprintf("%s is in fixed.Columns() but not in the schema", c))
		}
	}
	slices.Sort(out)
	return out
}

// decimalColumns lists the schema's DECIMAL and floating-point columns: from
// information_schema on MySQL, from each table's declared column types on SQLite.
func decimalColumns(db *gorm.DB) ([]schemaColumn, error) {
	var out []schemaColumn
	if database.Dialect(db) == database.MySQL {
		var rows []struct {
			TableName, ColumnName, DataType string
			NumericPrecision, NumericScale  int
		}
		err := db.Raw(`SELECT TABLE_NAME AS table_name, COLUMN_NAME AS column_name, DATA_TYPE AS data_type,
			COALESCE(NUMERIC_PRECISION, 0) AS numeric_precision, COALESCE(NUMERIC_SCALE, 0) AS numeric_scale
			FROM information_schema.COLUMNS
			WHERE TABLE_SCHEMA = DATABASE() AND DATA_TYPE IN ('decimal', 'float', 'double', 'real')`).Scan(&rows).Error
		for _, r := range rows {
			c := schemaColumn{Column: fixed.Column{Table: r.TableName, Name: r.ColumnName, Precision: r.NumericPrecision, Scale: r.NumericScale}}
			if r.DataType != "decimal" {
				c.Type = strings.ToUpper(r.DataType)
			}
			out = append(out, c)
		}
		return out, err
	}
	var tables []string
	if err := db.Raw("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite!_%' ESCAPE '!'").Scan(&tables).Error; err != nil {
		return nil, err
	}
	for _, table := range tables {
		var cols []struct{ Name, Type string }
		if err := db.Raw("SELECT name, type FROM pragma_table_info(?)", table).Scan(&cols).Error; err != nil {
			return nil, err
		}
		for _, col := range cols {
			if c, ok := sqliteNumeric(table, col.Name, col.Type); ok {
				out = append(out, c)
			}
		}
	}
	return out, nil
}

var sqliteDecimal = regexp.MustCompile(`^(?:DECIMAL|NUMERIC)\s*\(\s*(\d+)\s*,\s*(\d+)\s*\)$`)

// sqliteNumeric reads a declared type: DECIMAL(p,s) gives its precision and scale; any other
// type SQLite would store as a float (REAL, DOUBLE, FLOAT, a bare DECIMAL or NUMERIC) is
// reported by name.
func sqliteNumeric(table, name, declared string) (schemaColumn, bool) {
	t := strings.ToUpper(strings.TrimSpace(declared))
	c := schemaColumn{Column: fixed.Column{Table: table, Name: name}}
	if m := sqliteDecimal.FindStringSubmatch(t); m != nil {
		c.Precision, _ = strconv.Atoi(m[1])
		c.Scale, _ = strconv.Atoi(m[2])
		return c, true
	}
	for _, float := range []string{"REAL", "FLOA", "DOUB", "DEC", "NUMERIC"} {
		if strings.Contains(t, float) {
			c.Type = t
			return c, true
		}
	}
	return c, false
}
