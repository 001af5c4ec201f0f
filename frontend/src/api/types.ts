// Names for the shapes of api/openapi.yaml that the SPA uses, all derived from the generated
// schema.d.ts (npm run gen:api): nothing here restates a field by hand, so a change of the
// contract shows up as a type error where the SPA depends on it.
import type { components, paths } from './schema'

/** The schemas of the contract: `Schema<'Stocktake'>` is `components['schemas']['Stocktake']`. */
export type Schema<K extends keyof components['schemas']> = components['schemas'][K]

/** One page of a list endpoint: `?page=1&page_size=50`. */
export interface Page<T> {
  items: T[]
  page: number
  page_size: number
  total: number
}

/** Paging query parameters accepted by every list endpoint. */
export interface PageQuery {
  page?: components['parameters']['Page']
  page_size?: components['parameters']['PageSize']
}

/** The largest page the server hands out; used to load reference lists in one call. */
export const MAX_PAGE_SIZE = 500

type Method = 'get' | 'put' | 'post' | 'patch' | 'delete'

/** The paths of the contract that answer `method`. */
export type PathWith<M extends Method> = {
  [P in keyof paths]: paths[P] extends { [K in M]: { parameters: unknown } } ? P : never
}[keyof paths]

type Operation<P extends keyof paths, M extends Method> = paths[P] extends { [K in M]: infer Op } ? Op : never
type Parameters<P extends keyof paths, M extends Method> = Operation<P, M> extends { parameters: infer T } ? T : never

/** The query parameters of an operation, e.g. `QueryOf<'/api/v1/users', 'get'>`. */
export type QueryOf<P extends keyof paths, M extends Method = 'get'> = NonNullable<
  Parameters<P, M> extends { query?: infer Q } ? Q : never
>

/** The path, query and header parameters of an operation, as openapi-fetch takes them. */
export type ParamsOf<P extends keyof paths, M extends Method> = Omit<Parameters<P, M>, 'cookie'>

/**
 * A query as the screens' filters hold it: '' or null means "not set", which is what a
 * cleared select or tri-state switch leaves. `compactQuery` drops those before the call, so
 * the server only ever gets values of the contract.
 */
export type FilterQuery<Q> = { [K in keyof Q]?: Q[K] | '' | null }

/** The query without its unset ('' or null) filters. */
export function compactQuery<Q extends object>(query: FilterQuery<Q>): Q {
  return Object.fromEntries(Object.entries(query).filter(([, value]) => value !== '' && value !== null)) as Q
}

type JsonContent<R> = R extends { content: { 'application/json': infer J } } ? J : never

/** The JSON answer of an operation that succeeded (its 200 or 201). */
export type OkJson<P extends keyof paths, M extends Method> = Operation<P, M> extends { responses: infer R }
  ? JsonContent<R[Extract<keyof R, 200 | 201>]>
  : never

/**
 * Lists the values of a string enum of the contract for screens (filters, selects). The
 * compiler checks both ways: a value the contract lacks, or one of its values left out, is
 * an error at the call, e.g. `enumValues<Schema<'Role'>>()('admin', …)`.
 */
export function enumValues<T extends string>() {
  return <const V extends readonly T[]>(...values: V & ([T] extends [V[number]] ? unknown : ['missing', Exclude<T, V[number]>])) =>
    values as V
}

export type Role = Schema<'Role'>
export const ROLES = enumValues<Role>()('admin', 'store_manager', 'supervisor', 'hq_promotions', 'hq_quality')
