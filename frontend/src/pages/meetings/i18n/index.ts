// Both languages of message module `meetings` in one chunk, loaded by src/i18n/loader.ts.
import type { ModuleMessages } from '@/i18n/modules'
import zhCN from './zh-CN'
import en from './en'

export default { 'zh-CN': zhCN, en } satisfies ModuleMessages
