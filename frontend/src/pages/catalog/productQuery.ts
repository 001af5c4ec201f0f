// The product filters of the page and their conversion to query parameters (shared by
// the list and the CSV export, so the export holds exactly what the list shows).
import type { ProductFilter } from '@/api/catalog'

export interface ProductFilterValues {
  q: string
  department_code: string
  category: string
  perishable: boolean | null
  active: boolean | null
}

export function emptyProductFilters(): ProductFilterValues {
  return { q: '', department_code: '', category: '', perishable: null, active: null }
}

export function productFilter(values: ProductFilterValues): ProductFilter {
  return {
    q: values.q.trim(),
    department_code: values.department_code,
    category: values.category.trim(),
    perishable: values.perishable,
    active: values.active,
  }
}
