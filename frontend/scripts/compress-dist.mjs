// Writes a Brotli (.br) and a gzip (.gz) copy beside every text asset of dist/ of 1 KiB or
// more. The server sends the copy the browser accepts (internal/platform/web/encoding.go),
// so assets are compressed once, at the strongest settings, instead of on every request.
import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join, dirname, extname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, gzipSync, constants } from 'node:zlib'

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist')
const TEXT = new Set(['.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt', '.map', '.ttf', '.ico'])
const MIN_SIZE = 1024

async function* files(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name)
    if (entry.isDirectory()) yield* files(p)
    else yield p
  }
}

let raw = 0
let br = 0
let gz = 0
let count = 0
for await (const file of files(dist)) {
  if (!TEXT.has(extname(file)) || (await stat(file)).size < MIN_SIZE) continue
  const data = await readFile(file)
  const b = brotliCompressSync(data, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  })
  const g = gzipSync(data, { level: 9 })
  await writeFile(file + '.br', b)
  await writeFile(file + '.gz', g)
  raw += data.length
  br += b.length
  gz += g.length
  count++
}
const kb = (n) => (n / 1024).toFixed(1) + ' KB'
console.log(`compressed ${count} assets: ${kb(raw)} → brotli ${kb(br)}, gzip ${kb(gz)}`)
