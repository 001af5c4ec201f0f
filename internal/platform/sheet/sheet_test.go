package sheet

import (
	"bytes"
	"testing"
)

func TestFromAcceptLanguage(t *testing.T) {
	cases := []struct{ header, want string }{
		{"", Chinese},
		{"en-US,en;q=0.9", English},
		{"zh-CN,zh;q=0.9,en;q=0.8", Chinese},
		{"fr-FR, en;q=0.5, zh;q=0.7", Chinese},
		{"fr-FR, en;q=0.8, zh;q=0.7", English},
		{"de", Chinese},
		{"EN", English},
	}
	for _, tc := range cases {
		if got := FromAcceptLanguage(tc.header); got != tc.want {
			t.Errorf("FromAcceptLanguage(%q) = %s, want %s", tc.header, got, tc.want)
		}
	}
}

func TestCSVHasABOMAndSeparatesTables(t *testing.T) {
	got := writeCSV([]Table{
		{Header: []string{"部门", "实际"}, Rows: [][]Cell{{Text("果蔬, 叶菜"), Number("12.50")}}},
		{Header: []string{"SKU"}, Rows: [][]Cell{{Text("P1")}}},
	})
	want := "\xEF\xBB\xBF部门,实际\n\"果蔬, 叶菜\",12.50\n\nSKU\nP1\n"
	if !bytes.Equal(got, []byte(want)) {
		t.Errorf("got %q, want %q", got, want)
	}
}
