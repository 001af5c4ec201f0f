package kpi_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/storeops/storeops/internal/testutil"
)

type ranking struct {
	Month          string  `json:"month"`
	KPI            string  `json:"kpi"`
	DepartmentCode *string `json:"department_code"`
	Items          []struct {
		Rank        int     `json:"rank"`
		StoreCode   string  `json:"store_code"`
		Actual      *string `json:"actual"`
		Budget      *string `json:"budget"`
		Variance    *string `json:"variance"`
		VariancePct *string `json:"variance_pct"`
		Status      *string `json:"status"`
	} `json:"items"`
}

// lines shows a ranking as "rank code actual/budget/variance/variance_pct/status" lines.
func (r ranking) lines() string {
	var b strings.Builder
	for _, it := range r.Items {
		fmt.Fprintf(&b, "%d %s %s/%s/%s/%s/%s\n", it.Rank, it.StoreCode, s(it.Actual), s(it.Budget), s(it.Variance),
			s(it.VariancePct), s(it.Status))
	}
	return b.String()
}

func TestHQRanking(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		c := newCockpit(t, dialect)
		cases := []struct{ query, want string }{
			{"month=2026-10", "1 sh-pudong 4200.00/null/null/null/null\n2 gz-tianhe 0.00/null/null/null/null\n3 sh-xuhui 0.00/null/null/null/null\n"},
			{"month=2026-10&order=asc", "1 gz-tianhe 0.00/null/null/null/null\n2 sh-xuhui 0.00/null/null/null/null\n3 sh-pudong 4200.00/null/null/null/null\n"},
			// The whole of October: 1,800 against 31,000.
			{"month=2026-10&department_code=produce", "1 sh-pudong 1800.00/31000.00/-29200.00/-94.19/off_track\n"},
			{"month=2026-10&department_code=meat&kpi=gross_margin_pct", "1 sh-pudong 25.00/20.00/5.00/25.00/on_track\n"},
			// Stores without an actual come last.
			{"month=2026-10&kpi=sales_per_head", "1 sh-pudong 933.33/null/null/null/null\n2 gz-tianhe null/null/null/null/null\n3 sh-xuhui null/null/null/null/null\n"},
			{"month=2026-11&department_code=produce", ""},
		}
		for _, tc := range cases {
			var r ranking
			res := c.env.Login("hq1").Do("GET", "/api/v1/kpis/stores?"+tc.query, nil)
			res.JSON(t, &r)
			if res.Status != 200 || r.lines() != tc.want {
				t.Errorf("%s: %d\n%s\nwant\n%s", tc.query, res.Status, r.lines(), tc.want)
			}
		}
		var def ranking
		c.env.Login("admin").Do("GET", "/api/v1/kpis/stores", nil).JSON(t, &def)
		if def.Month != "2026-11" || def.KPI != "sales" || def.DepartmentCode != nil {
			t.Errorf("defaults: %+v", def)
		}
		checks := []struct {
			user, query string
			status      int
		}{
			{"manager1", "", 403},
			{"super1", "", 403},
			{"admin", "month=2026-12", 400},
			{"admin", "month=2026-1", 400},
			{"admin", "kpi=happiness", 400},
			{"admin", "order=up", 400},
			{"admin", "department_code=toys", 400},
		}
		for _, ck := range checks {
			if res := c.env.Login(ck.user).Do("GET", "/api/v1/kpis/stores?"+ck.query, nil); res.Status != ck.status {
				t.Errorf("%s %s: %d, want %d", ck.user, ck.query, res.Status, ck.status)
			}
		}
	})
}

type breakdown struct {
	KPI   string `json:"kpi"`
	Parts []struct {
		Key      string  `json:"key"`
		Label    string  `json:"label"`
		Actual   string  `json:"actual"`
		SharePct *string `json:"share_pct"`
	} `json:"parts"`
	TopSKUs []struct {
		SKU         string `json:"sku"`
		Qty         string `json:"qty"`
		NetSales    string `json:"net_sales"`
		GrossMargin string `json:"gross_margin"`
	} `json:"top_skus"`
}

func (b breakdown) parts() string {
	var out []string
	for _, p := range b.Parts {
		out = append(out, fmt.Sprintf("%s %s %s %s", p.Key, p.Label, p.Actual, s(p.SharePct)))
	}
	return strings.Join(out, "; ")
}

func TestBreakdowns(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		c := newCockpit(t, dialect)
		get := func(user, kpi, query string) breakdown {
			t.Helper()
			var b breakdown
			res := c.env.Login(user).Do("GET", c.base+"/kpis/"+kpi+"/breakdown?from=2026-10-01&to=2026-10-10"+query, nil)
			if res.Status != 200 {
				t.Fatalf("%s: %d %s", kpi, res.Status, res.Body)
			}
			res.JSON(t, &b)
			return b
		}
		b := get("manager1", "sales", "")
		want := "猪肉 猪肉 2000.00 47.62; 叶菜 叶菜 1500.00 35.71; " + c.dry.Category + " " + c.dry.Category + " 400.00 9.52; 根茎 根茎 300.00 7.14"
		if b.parts() != want || len(b.TopSKUs) != 4 || b.TopSKUs[1].SKU != c.leafy.SKU || b.TopSKUs[1].Qty != "15.000" ||
			b.TopSKUs[1].NetSales != "1500.00" || b.TopSKUs[1].GrossMargin != "450.00" {
			t.Errorf("sales: %s %+v", b.parts(), b.TopSKUs)
		}
		b = get("super1", "gross_margin", "")
		if b.parts() != "猪肉 猪肉 500.00 49.50; 叶菜 叶菜 450.00 44.55; 根茎 根茎 60.00 5.94" || len(b.TopSKUs) != 3 || b.TopSKUs[0].SKU != c.pork.SKU {
			t.Errorf("gross margin: %s %+v", b.parts(), b.TopSKUs)
		}
		b = get("manager1", "opex", "&department_code=produce")
		if b.parts() != "labour 人工 1200.00 92.31; materials 物料 50.00 3.85; repairs 修理费 30.00 2.31; other 其他费用 20.00 1.54" || len(b.TopSKUs) != 0 {
			t.Errorf("opex: %s", b.parts())
		}
		b = get("manager1", "materials", "&lang=en")
		if b.parts() != "produce.materials Produce · Materials 50.00 55.56; meat.materials Meat · Materials 40.00 44.44" {
			t.Errorf("materials: %s", b.parts())
		}
		if b = get("manager1", "labour_cost", ""); b.parts() != "produce 果蔬 1200.00 66.67; meat 肉类 600.00 33.33" {
			t.Errorf("labour: %s", b.parts())
		}
		if b = get("manager1", "shrink", ""); len(b.Parts) != 0 || b.KPI != "shrink" {
			t.Errorf("shrink: %s", b.parts())
		}
		for _, kpi := range []string{"cogs", "happiness"} {
			if res := c.env.Login("manager1").Do("GET", c.base+"/kpis/"+kpi+"/breakdown", nil); res.Status != 404 {
				t.Errorf("%s: %d", kpi, res.Status)
			}
		}
	})
}

func TestExports(t *testing.T) {
	testutil.ForEachDialect(t, func(t *testing.T, dialect string) {
		c := newCockpit(t, dialect)
		mgr := c.env.Login("manager1")
		res := mgr.Do("GET", c.base+"/kpis?from=2026-10-01&to=2026-10-10&format=csv&lang=zh-CN", nil)
		body := string(res.Body)
		if res.Status != 200 || !strings.HasPrefix(body, "\xEF\xBB\xBF部门,指标,实际,预算,差异,差异率(%),状态,上月同期,去年同期\n") ||
			!strings.Contains(body, "\n果蔬,销售额,1800.00,10000.00,-8200.00,-82.00,未达标,900.00,800.00\n") ||
			!strings.Contains(body, "\n合计,销售额,4200.00,,,,,900.00,800.00\n") ||
			res.Header.Get("Content-Disposition") != `attachment; filename="kpis-sh-pudong-2026-10-01-2026-10-10.csv"` {
			t.Errorf("KPI CSV: %d %v\n%s", res.Status, res.Header, body)
		}

		mgr.Headers = map[string]string{"Accept-Language": "en-GB,en;q=0.9"}
		res = mgr.Do("GET", c.base+"/kpis?from=2026-10-01&to=2026-10-10&format=xlsx", nil)
		rows := xlsxRows(t, res.Body, "KPIs")
		if len(rows) != 1+7*12 || rows[0][0] != "Department" || fmt.Sprint(rows[49]) != "[Produce Sales 1800.00 10000.00 -8200.00 -82.00 Off track 900.00 800.00]" {
			t.Errorf("KPI XLSX: %d rows, %v / %v", len(rows), rows[0], rows[49])
		}

		res = mgr.Do("GET", c.base+"/kpis/sales/breakdown?from=2026-10-01&to=2026-10-10&format=xlsx", nil)
		if parts, skus := xlsxRows(t, res.Body, "Parts"), xlsxRows(t, res.Body, "Top SKUs"); len(parts) != 5 || len(skus) != 5 || skus[1][0] != c.pork.SKU {
			t.Errorf("breakdown XLSX: %v %v", parts, skus)
		}

		res = c.env.Login("hq1").Do("GET", "/api/v1/kpis/stores?month=2026-10&format=csv&lang=zh-CN", nil)
		if !strings.HasPrefix(string(res.Body), "\xEF\xBB\xBF排名,门店编码,门店,区域,实际,预算,差异,差异率(%),状态\n1,sh-pudong,上海浦东店,华东,4200.00,,,,\n") ||
			res.Header.Get("Content-Disposition") != `attachment; filename="ranking-sales-2026-10.csv"` {
			t.Errorf("ranking CSV: %v\n%s", res.Header, res.Body)
		}
	})
}

func xlsxRows(t *testing.T, body []byte, sheet string) [][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("not an XLSX file: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatalf("sheet %s: %v", sheet, err)
	}
	return rows
}
