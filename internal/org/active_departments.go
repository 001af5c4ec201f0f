package org

import (
	"context"
)

// ActiveStoreDepartments is an active store with its time zone and the departments it runs.
type ActiveStoreDepartments struct {
	StoreID     int64
	Timezone    string
	Departments []string
}

// ActiveStoresWithDepartments answers every active store with its time zone and departments
// in two queries, for jobs that work on all stores at once (the daily tasks' generator).
func (s *Service) ActiveStoresWithDepartments(ctx context.Context) ([]ActiveStoreDepartments, error) {
	var stores []storeRow
	if err := s.db.WithContext(ctx).Select("id, timezone").Where("active = ?", true).Order("id").Find(&stores).Error; err != nil {
		return nil, err
	}
	var links []storeDepartmentRow
	err := s.db.WithContext(ctx).Table("store_departments").
		Joins("JOIN stores ON stores.id = store_departments.store_id").Where("stores.active = ?", true).
		Select("store_departments.store_id, store_departments.department_code").
		Order("store_departments.store_id, store_departments.department_code").Find(&links).Error
	if err != nil {
		return nil, err
	}
	byStore := map[int64][]string{}
	for _, l := range links {
		byStore[l.StoreID] = append(byStore[l.StoreID], l.DepartmentCode)
	}
	out := make([]ActiveStoreDepartments, len(stores))
	for i, st := range stores {
		out[i] = ActiveStoreDepartments{StoreID: st.ID, Timezone: st.Timezone, Departments: byStore[st.ID]}
	}
	return out, nil
}
