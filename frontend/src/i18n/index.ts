// vue-i18n set-up: zh-CN by default, English on request, the choice kept in localStorage.
// Only the core texts (./zh-CN.ts, ./en.ts) start with the app; each page area's texts are
// merged in by `messageLoader` when its route is first entered (see ./modules.ts).
import { createI18n } from 'vue-i18n'
import zhCN, { type MessageSchema } from './zh-CN'
import en from './en'
import { createMessageLoader } from './loader'
import { DEFAULT_LOCALE, LOCALES, type Locale } from './locales'

export { DEFAULT_LOCALE, LOCALES, type Locale }
export const LOCALE_STORAGE_KEY = 'storeops.locale'

/** The core texts, present from the start. */
export const messages: Record<Locale, MessageSchema> = { 'zh-CN': zhCN, en }

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

/** The language saved by the user, or zh-CN. */
export function savedLocale(): Locale {
  try {
    const value = localStorage.getItem(LOCALE_STORAGE_KEY)
    return isLocale(value) ? value : DEFAULT_LOCALE
  } catch {
    return DEFAULT_LOCALE
  }
}

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: savedLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  // Copies: merging a module's texts must not write into the imported core objects.
  messages: structuredClone(messages),
})

/** Merges page areas' texts into `i18n`; the router calls it before showing a route. */
export const messageLoader = createMessageLoader(i18n.global)

/** Switches the language, remembers it and updates <html lang>. */
export function setLocale(locale: Locale): void {
  i18n.global.locale.value = locale
  try {
    localStorage.setItem(LOCALE_STORAGE_KEY, locale)
  } catch {
    // Private mode without storage: the switch still applies to this page.
  }
  document.documentElement.lang = locale
}

export function currentLocale(): Locale {
  return i18n.global.locale.value
}
