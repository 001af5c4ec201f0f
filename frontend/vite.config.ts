/// <reference types="vitest/config" />
import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import AutoImport from 'unplugin-auto-import/vite'
import Components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'

// The Go server listens here during development (`make run`).
const backend = 'http://127.0.0.1:8080'

export default defineConfig({
  plugins: [
    vue(),
    // Element Plus is imported per component (with its CSS) instead of as one bundle,
    // which keeps the login route small.
    AutoImport({
      resolvers: [ElementPlusResolver()],
      dts: 'src/auto-imports.d.ts',
    }),
    Components({
      resolvers: [ElementPlusResolver()],
      dts: 'src/components.d.ts',
    }),
  ],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  define: {
    __VUE_I18N_FULL_INSTALL__: true,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
  },
  build: {
    manifest: true,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      // ZXing's packages do not declare themselves free of side effects, so the bundler would
      // keep every format's reader (QR, PDF417, Aztec, …) in the scanner chunk; the camera
      // reads EAN-13 and Code 128 only. Its modules only define classes, so unused ones can go.
      treeshake: {
        moduleSideEffects: (id: string) => !/[\\/]node_modules[\\/]@zxing[\\/]/.test(id),
      },
      output: {
        // ECharts (with zrender) in a chunk of its own, named so: only the lazily loaded
        // KPI chart components import it (scripts/report-size.mjs checks it stays out of
        // the login and layout chunks).
        codeSplitting: {
          groups: [{ name: 'echarts', test: /[\\/]node_modules[\\/](echarts|zrender)[\\/]/ }],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': backend,
      '/healthz': backend,
      '/readyz': backend,
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.spec.ts'],
    // Page texts are loaded per route in the app; tests get all of them up front.
    setupFiles: ['src/i18n/testSetup.ts'],
    // The first mount of an Element Plus page in a file takes seconds on a busy 2-core
    // machine (5 s, the default, timed out there now and then).
    testTimeout: 15_000,
    // Element Plus components import their CSS; let Vite handle it instead of Node.
    server: { deps: { inline: ['element-plus'] } },
  },
})
