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
