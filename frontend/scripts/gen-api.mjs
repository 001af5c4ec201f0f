// Generates src/api/schema.d.ts, the TypeScript types of the REST contract, from
// ../api/openapi.yaml with openapi-typescript. `node scripts/gen-api.mjs` writes the file;
// `--check` only compares and fails when the committed file is stale. The unit test
// src/api/schema.spec.ts runs the same comparison, so the options live here only.
import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript'

export const SPEC = new URL('../../api/openapi.yaml', import.meta.url)
export const OUTPUT = new URL('../src/api/schema.d.ts', import.meta.url)

/** The generated file's text, with \n line endings. */
export async function generate() {
  const ast = await openapiTS(SPEC, {
    // A property with a `default` stays optional where the spec says so: request bodies may
    // leave it out (e.g. a new product's `active`), and the server fills it in.
    defaultNonNullable: false,
  })
  return normalise(COMMENT_HEADER + astToString(ast))
}

/** The committed file's text, with \n line endings (a Windows checkout must not look stale). */
export async function committed() {
  return normalise(await readFile(OUTPUT, 'utf8'))
}

function normalise(text) {
  return text.replace(/\r\n/g, '\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = await generate()
  if (process.argv.includes('--check')) {
    if (text !== (await committed())) {
      console.error('src/api/schema.d.ts is stale: run `npm run gen:api` and commit it')
      process.exit(1)
    }
  } else {
    await writeFile(OUTPUT, text)
    console.log(`wrote ${fileURLToPath(OUTPUT)}`)
  }
}
