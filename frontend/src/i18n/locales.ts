// The languages of the interface; a file of its own so the loader and the i18n set-up can
// both import it without importing each other.
export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'zh-CN'
