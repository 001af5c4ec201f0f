package app_test

import (
	"fmt"
	"go/ast"
	"go/types"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"golang.org/x/tools/go/packages"
)

const modulePath = "github.com/storeops/storeops"

// layer says what a package of the house is.
func layer(pkgPath string) string {
	rel, ok := strings.CutPrefix(pkgPath, modulePath+"/")
	switch {
	case !ok:
		return "external"
	case strings.HasPrefix(rel, "internal/platform/"):
		return "platform"
	case rel == "internal/app", rel == "internal/testutil", strings.HasPrefix(rel, "cmd/"):
		return "root" // composition roots: they wire everything
	case strings.HasPrefix(rel, "internal/"):
		return "module"
	}
	return "other"
}

// httpFile reports whether a file of a module holds its HTTP layer.
func httpFile(name string) bool {
	base := filepath.Base(name)
	return strings.HasPrefix(base, "http") || strings.HasSuffix(base, "_http.go")
}

// storeFile reports whether a file of a module holds its queries.
func storeFile(name string) bool {
	base := filepath.Base(name)
	return base == "store.go" || strings.HasSuffix(base, "_store.go") || strings.HasPrefix(base, "store_")
}

// TestLayersHold walks every package of the house with its types and fails on an import or
// a use that crosses a layer the wrong way (STYLE.md "Layers that hold"):
//   - platform imports no module;
//   - only a module's http*.go files use Gin or httpx (services, stores and rules do not);
//   - a module uses another module only through that module's API: nothing declared in its
//     store or HTTP files (composition roots, which wire handlers, are exempt);
//   - only httpx reads the caller from the request context; use cases take it as a parameter.
func TestLayersHold(t *testing.T) {
	cfg := &packages.Config{Mode: packages.NeedName | packages.NeedFiles | packages.NeedImports |
		packages.NeedTypes | packages.NeedSyntax | packages.NeedTypesInfo, Dir: "../.."}
	pkgs, err := packages.Load(cfg, "./...")
	if err != nil {
		t.Fatal(err)
	}
	var problems []string
	for _, pkg := range pkgs {
		for _, e := range pkg.Errors {
			t.Fatalf("load %s: %v", pkg.PkgPath, e)
		}
		problems = append(problems, check(pkg)...)
	}
	sort.Strings(problems)
	for _, p := range problems {
		t.Error(p)
	}
	if len(pkgs) < 20 {
		t.Fatalf("only %d packages found: the walk did not see the house", len(pkgs))
	}
}

func check(pkg *packages.Package) []string {
	var out []string
	own := layer(pkg.PkgPath)
	for _, file := range pkg.Syntax {
		name := pkg.Fset.Position(file.Pos()).Filename
		rel := strings.TrimPrefix(pkg.PkgPath, modulePath+"/") + "/" + filepath.Base(name)
		for _, imp := range file.Imports {
			path := strings.Trim(imp.Path.Value, `"`)
			switch {
			case own == "platform" && layer(path) == "module":
				out = append(out, fmt.Sprintf("%s: platform imports the module %s", rel, path))
			case own == "module" && !httpFile(name) && (path == "github.com/gin-gonic/gin" || path == modulePath+"/internal/platform/httpx"):
				out = append(out, fmt.Sprintf("%s: only a module's http*.go files use %s", rel, path))
			}
		}
		if own != "module" {
			continue
		}
		ast.Inspect(file, func(n ast.Node) bool {
			id, ok := n.(*ast.Ident)
			if !ok {
				return true
			}
			obj := pkg.TypesInfo.Uses[id]
			if obj == nil || obj.Pkg() == nil {
				return true
			}
			if msg := crossing(pkg, obj); msg != "" {
				out = append(out, fmt.Sprintf("%s: %s", rel, msg))
			}
			return true
		})
	}
	return slices.Compact(out)
}

// crossing explains why a module's use of obj crosses a layer, or answers "".
func crossing(pkg *packages.Package, obj types.Object) string {
	from := obj.Pkg().Path()
	if from == modulePath+"/internal/platform/authz" && (obj.Name() == "FromContext" || obj.Name() == "WithPrincipal") {
		return "reads the caller from the context: take it as a parameter"
	}
	if from == pkg.PkgPath || layer(from) != "module" {
		return ""
	}
	decl := pkg.Fset.Position(obj.Pos()).Filename
	switch {
	case storeFile(decl):
		return fmt.Sprintf("uses %s.%s, declared in %s's store file %s", obj.Pkg().Name(), obj.Name(), from, filepath.Base(decl))
	case httpFile(decl):
		return fmt.Sprintf("uses %s.%s, declared in %s's HTTP file %s", obj.Pkg().Name(), obj.Name(), from, filepath.Base(decl))
	}
	return ""
}
