package catalog

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"gorm.io/gorm"

	"github.com/storeops/storeops/internal/platform/audit"
	"github.com/storeops/storeops/internal/platform/authz"
	"github.com/storeops/storeops/internal/platform/database"
	"github.com/storeops/storeops/internal/platform/idempotency"
	"github.com/storeops/storeops/internal/platform/upload"
)

// ImportResult counts the products of an import: lines read, and of those how many were
// (or, on a dry run, would be) created, updated or left unchanged.
type ImportResult struct {
	Lines, Created, Updated, Unchanged int
}

// ImportLine is one product of an import. A Has flag that is false means the source did not
// give that optional field: a new product gets the default (no barcode, no location,
// active), an existing one keeps its value.
type ImportLine struct {
	Product                            Product
	HasBarcode, HasLocation, HasActive bool
	HasSupplier, HasMinOrderQty        bool
	label                              func(field string) string // names a field in errors
}

// change is one product an import updates.
type change struct{ before, after Product }

// plan is what an import will write.
type plan struct {
	creates   []Product
	updates   []change
	unchanged int
}

// ImportLines checks every line and, when all are good and dryRun is false, creates or
// updates the products in one transaction. Problems are named "products[i].field".
func (s *Service) ImportLines(ctx context.Context, p *authz.Principal, lines []ImportLine, dryRun bool) (ImportResult, error) {
	for i := range lines {
		lines[i].label = func(field string) string { return fmt.Sprintf("products[%d].%s", i, field) }
	}
	return s.importLines(ctx, p, lines, upload.NewProblems(), dryRun, idempotency.Key{})
}

func (s *Service) importLines(ctx context.Context, p *authz.Principal, lines []ImportLine, pr *upload.Problems, dryRun bool,
	key idempotency.Key) (ImportResult, error) {
	res := ImportResult{Lines: len(lines)}
	codes, err := s.deps.DepartmentCodes(ctx)
	if err != nil {
		return res, err
	}
	build := func(db *gorm.DB) (plan, error) {
		existing, err := s.allProducts(ctx, db)
		if err != nil {
			return plan{}, err
		}
		named := make([]Product, len(lines))
		for i, l := range lines {
			named[i] = l.Product
		}
		supplierIDs, err := s.supplierIDs(ctx, db, named)
		if err != nil {
			return plan{}, err
		}
		pl := makePlan(lines, existing, codes, supplierIDs, pr)
		res.Created, res.Updated, res.Unchanged = len(pl.creates), len(pl.updates), pl.unchanged
		return pl, pr.Err()
	}
	if dryRun {
		_, err := build(s.db)
		return res, err
	}
	err = database.Tx(ctx, s.db, func(tx *gorm.DB) error {
		if replayed, err := s.keys.Claim(ctx, tx, key, &res); err != nil || replayed {
			return err
		}
		pl, err := build(tx)
		if err != nil {
			return err
		}
		if err := s.write(ctx, tx, p, pl, res); err != nil {
			return err
		}
		return s.keys.Save(ctx, tx, key, res)
	})
	return res, err
}

// makePlan checks each line against the catalogue and the other lines, and sorts the good
// ones into creations, updates and unchanged products.
func makePlan(lines []ImportLine, existing []Product, codes []string, supplierIDs map[string]int64, pr *upload.Problems) plan {
	byKey := make(map[string]Product, len(existing))
	for _, p := range existing {
		byKey[strings.ToLower(p.SKU)] = p
	}
	finals := make([]Product, len(lines))
	firstLine := map[string]int{}
	for i, l := range lines {
		key := strings.ToLower(l.Product.SKU)
		old, exists := byKey[key]
		p := resolve(l, old, exists)
		fe := fieldErrors(Validate(p))
		checkDepartment(fe, "department_code", p.DepartmentCode, codes)
		if l.HasSupplier || !exists {
			setSupplier(fe, &p, supplierIDs)
		} else {
			p.SupplierID = old.SupplierID
		}
		prev, dup := firstLine[key]
		switch {
		case fe["sku"] != "":
		case dup:
			fe.Add("sku", "SKU "+p.SKU+" already appears at "+lines[prev].label("sku"))
		case exists && old.SKU != p.SKU:
			fe.Add("sku", "differs only in letter case from the existing product "+old.SKU)
		}
		if !dup {
			firstLine[key] = i
		}
		for _, field := range slices.Sorted(maps.Keys(fe)) {
			pr.Add(l.label(field), fe[field])
		}
		finals[i] = p
	}
	checkBarcodes(lines, finals, byKey, firstLine, pr)
	var pl plan
	if pr.Len() > 0 {
		return pl
	}
	for _, p := range finals {
		old, ok := byKey[strings.ToLower(p.SKU)]
		switch {
		case !ok:
			pl.creates = append(pl.creates, p)
		case sameContent(old, p):
			pl.unchanged++
		default:
			pl.updates = append(pl.updates, change{before: old, after: p})
		}
	}
	return pl
}

// resolve fills the optional fields a line left out: from the existing product when there
// is one, from the defaults otherwise.
func resolve(l ImportLine, old Product, exists bool) Product {
	p := l.Product
	if !exists {
		old = Product{Active: true}
	}
	if !l.HasBarcode {
		p.Barcode = old.Barcode
	}
	if !l.HasLocation {
		p.Location = old.Location
	}
	if !l.HasActive {
		p.Active = old.Active
	}
	if !l.HasSupplier {
		p.SupplierCode = old.SupplierCode
	}
	if !l.HasMinOrderQty {
		p.MinOrderQty = old.MinOrderQty
	}
	if exists {
		p.ID, p.Version, p.CreatedAt, p.UpdatedAt = old.ID, old.Version, old.CreatedAt, old.UpdatedAt
	}
	return p
}

// checkBarcodes refuses a barcode that two lines share, or that a product outside the
// import keeps.
func checkBarcodes(lines []ImportLine, finals []Product, byKey map[string]Product, firstLine map[string]int, pr *upload.Problems) {
	owner := map[string]string{}
	for key, p := range byKey {
		if _, inFile := firstLine[key]; !inFile && p.Barcode != nil {
			owner[*p.Barcode] = p.SKU
		}
	}
	seen := map[string]int{}
	for i, p := range finals {
		if p.Barcode == nil || !barcodePattern.MatchString(*p.Barcode) {
			continue
		}
		b := *p.Barcode
		if sku, ok := owner[b]; ok {
			pr.Add(lines[i].label("barcode"), "barcode "+b+" already belongs to product "+sku)
		} else if prev, ok := seen[b]; ok {
			pr.Add(lines[i].label("barcode"), "barcode "+b+" already appears at "+lines[prev].label("barcode"))
		} else {
			seen[b] = i
		}
	}
}

// write applies a plan in tx: creations in batches, then updates (barcodes that move
// between products are cleared first so the unique index never sees them twice), each
// product with its audit entry, and one summary entry for the import.
func (s *Service) write(ctx context.Context, tx *gorm.DB, p *authz.Principal, pl plan, res ImportResult) error {
	if len(pl.creates) == 0 && len(pl.updates) == 0 {
		return nil
	}
	now := s.now()
	created, err := insertProducts(ctx, tx, pl.creates, now)
	if err != nil {
		return err
	}
	var moved []int64
	for _, c := range pl.updates {
		if c.before.Barcode != nil && barcodeOf(c.before) != barcodeOf(c.after) {
			moved = append(moved, c.before.ID)
		}
	}
	for start := 0; start < len(moved); start += chunk {
		part := moved[start:min(start+chunk, len(moved))]
		if err := tx.WithContext(ctx).Model(&productRow{}).Where("id IN ?", part).Update("barcode", nil).Error; err != nil {
			return err
		}
	}
	entries := make([]audit.Entry, 0, len(created)+len(pl.updates)+1)
	delta := map[string]int64{}
	for _, prod := range created {
		entries = append(entries, createEntry(prod))
		delta[prod.DepartmentCode]++
	}
	for _, c := range pl.updates {
		if err := updateVersioned(ctx, tx, c.after, c.before.Version, now); err != nil {
			return err
		}
		after := c.after
		after.Version, after.UpdatedAt = c.before.Version+1, now
		entries = append(entries, updateEntry(c.before, after))
		delta[c.before.DepartmentCode]--
		delta[c.after.DepartmentCode]++
	}
	if err := adjustCounts(ctx, tx, delta); err != nil {
		return err
	}
	entries = append(entries, audit.Entry{Action: "product.import", EntityType: "product", EntityID: "import",
		After: map[string]int{"lines": res.Lines, "created": res.Created, "updated": res.Updated, "unchanged": res.Unchanged}})
	return s.audit.WriteMany(ctx, tx, p, entries)
}
