// Vitest set-up (vite.config.ts `test.setupFiles`): component tests mount pages without the
// app's router, so every message module is merged into the global i18n first, as if each
// page's route had been entered. loader.spec.ts tests the loading itself on its own i18n,
// and modules.spec.ts checks each route loads what its pages use.
import { messageLoader } from '@/i18n'
import { MESSAGE_MODULES } from '@/i18n/modules'

await messageLoader.load(Object.keys(MESSAGE_MODULES))
