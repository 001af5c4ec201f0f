// Audit entries carry codes (`user.create`, `feed_import`); people read words. A code without
// a text (a module newer than this screen) is shown as it is.
type Translate = (key: string) => string
type Has = (key: string) => boolean

/** The words for an action code such as `stocktake.approve`. */
export function actionLabel(code: string, t: Translate, te: Has): string {
  const key = `audit.actions.${code}`
  return /^[a-z_]+\.[a-z_]+$/.test(code) && te(key) ? t(key) : code
}

/** The words for an entity type such as `feed_import`. */
export function entityLabel(code: string, t: Translate, te: Has): string {
  const key = `audit.entities.${code}`
  return /^[a-z_]+$/.test(code) && te(key) ? t(key) : code
}

/** One choice of a filter: the code the server matches and the words people read. */
export interface CodeOption {
  value: string
  label: string
}

/**
 * The audit filter's choices, from the codes this screen has words for (the translation file
 * lists every code the server writes; auditLabels.spec.ts checks that against the Go sources).
 * Sorted by their words in the reader's language.
 */
export function auditCodeOptions(
  messages: { actions: Record<string, Record<string, string>>; entities: Record<string, string> },
  t: Translate,
  te: Has,
  locale: string,
): { actions: CodeOption[]; entities: CodeOption[] } {
  const byLabel = (a: CodeOption, b: CodeOption) => a.label.localeCompare(b.label, locale)
  const actions = Object.entries(messages.actions)
    .flatMap(([entity, verbs]) => Object.keys(verbs).map((verb) => `${entity}.${verb}`))
    .map((code) => ({ value: code, label: actionLabel(code, t, te) }))
    .sort(byLabel)
  const entities = Object.keys(messages.entities)
    .map((code) => ({ value: code, label: entityLabel(code, t, te) }))
    .sort(byLabel)
  return { actions, entities }
}
