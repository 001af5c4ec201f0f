// @vitest-environment node
// The typed client is only as right as src/api/schema.d.ts: it must be what openapi-typescript
// makes of api/openapi.yaml today. A contract change without `npm run gen:api` fails here.
import { expect, it } from 'vitest'
import { committed, generate } from '../../scripts/gen-api.mjs'

it('src/api/schema.d.ts is generated from the current api/openapi.yaml', async () => {
  const [want, have] = await Promise.all([generate(), committed()])
  const wantLines = want.split('\n')
  const haveLines = have.split('\n')
  const line = wantLines.findIndex((text, i) => text !== haveLines[i])
  const where = line < 0 ? 'the committed file is longer' : `line ${line + 1}: expected ${JSON.stringify(wantLines[line])}`
  expect(want === have, `schema.d.ts is stale (${where}): run npm run gen:api`).toBe(true)
}, 60_000)
