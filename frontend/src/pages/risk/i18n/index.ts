// Both languages of message module `risks` (the register, and the level, status and department
// words the incident and readiness pages share) in one chunk, loaded by src/i18n/loader.ts.
import type { ModuleMessages } from '@/i18n/modules'
import zhCN from './zh-CN'
import en from './en'

export default { 'zh-CN': zhCN, en } satisfies ModuleMessages
