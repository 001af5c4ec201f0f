package seed

import (
	"github.com/storeops/storeops/internal/catalog"
	"github.com/storeops/storeops/internal/supplier"
)

// Suppliers are the demo chain's suppliers: next-day fresh suppliers that close their order
// book early (the seafood market before 9, the farm base at 10), the bakery that bakes
// overnight for orders until 20:00, and a dry-goods distributor three days out.
var Suppliers = []supplier.Supplier{
	{Code: "farm-base", Name: "果蔬基地", LeadTimeDays: 1, OrderCutoff: "10:00", Contact: "021-5888 1001", Active: true},
	{Code: "meat-plant", Name: "肉联厂", LeadTimeDays: 1, OrderCutoff: "14:00", Contact: "021-5888 1002", Active: true},
	{Code: "seafood-market", Name: "水产批发", LeadTimeDays: 1, OrderCutoff: "09:00", Contact: "order@seafood.example.cn", Active: true},
	{Code: "central-bakery", Name: "中央面包房", LeadTimeDays: 1, OrderCutoff: "20:00", Contact: "021-5888 1004", Active: true},
	{Code: "dry-goods", Name: "干货经销商", LeadTimeDays: 3, OrderCutoff: "16:00", Contact: "sales@drygoods.example.cn", Active: true},
}

// DepartmentSuppliers names each demo department's supplier: the deli's cooked meats come
// from the meat plant.
var DepartmentSuppliers = map[string]string{
	"produce": "farm-base", "meat": "meat-plant", "deli": "meat-plant", "seafood": "seafood-market",
	"bakery": "central-bakery", "dry": "dry-goods",
}

// withSuppliers gives every demo product its department's supplier and a minimum order of
// one case.
func withSuppliers(products []catalog.Product) []catalog.Product {
	for i, p := range products {
		code := DepartmentSuppliers[p.DepartmentCode]
		products[i].SupplierCode = &code
		products[i].MinOrderQty = p.CasePack
	}
	return products
}
