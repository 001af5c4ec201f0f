// Puts the Swagger UI page for /api/docs into dist/apidocs/ and makes sure
// dist/.gitkeep exists (the Go binary embeds dist/, which needs a committed file).
// The page has no inline script: the server sends `script-src 'self'`.
import { copyFile, mkdir, writeFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dist = join(root, 'dist')
const out = join(dist, 'apidocs')
const require = createRequire(import.meta.url)
const swaggerDir = dirname(require.resolve('swagger-ui-dist/package.json'))

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>StoreOps API</title>
    <link rel="stylesheet" href="/api/docs/swagger-ui.css" />
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="/api/docs/swagger-ui-bundle.js"></script>
    <script src="/api/docs/init.js"></script>
  </body>
</html>
`

// Tags start collapsed: with every operation listed at once (the default) Swagger UI stopped
// rendering the list after the first tag once the API passed about 130 operations.
const INIT_JS = `window.ui = SwaggerUIBundle({ url: '/api/openapi.yaml', dom_id: '#swagger-ui', docExpansion: 'none' })
`

await mkdir(out, { recursive: true })
for (const file of ['swagger-ui-bundle.js', 'swagger-ui.css']) {
  await copyFile(join(swaggerDir, file), join(out, file))
}
await writeFile(join(out, 'index.html'), INDEX_HTML)
await writeFile(join(out, 'init.js'), INIT_JS)
await writeFile(join(dist, '.gitkeep'), '')
console.log(`apidocs: wrote ${out}`)
