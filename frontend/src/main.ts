import { createApp } from 'vue'
import { createPinia } from 'pinia'
import App from './App.vue'
import { i18n, currentLocale } from './i18n'
import { createAppRouter } from './router'
import { setCsrfTokenSource, setUnauthorizedHandler } from './api/http'
import { useSessionStore } from './stores/session'
import { useReferenceStore } from './stores/reference'
import './styles/base.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)

const router = createAppRouter()
const session = useSessionStore(pinia)
const reference = useReferenceStore(pinia)

setCsrfTokenSource(() => session.csrfToken)
// Any 401 means the session is gone: forget it and ask the user to sign in again,
// coming back to where they were.
setUnauthorizedHandler(() => {
  session.clear()
  reference.reset()
  const current = router.currentRoute.value
  if (current.name === 'login') return
  void router.push({ name: 'login', query: { redirect: current.fullPath, expired: '1' } })
})

document.documentElement.lang = currentLocale()
app.use(router)
app.mount('#app')
