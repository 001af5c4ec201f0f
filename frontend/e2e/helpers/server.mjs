// Starts the real StoreOps binary for browser tests: a fresh SQLite file in a temp
// dir, demo data seeded, `serve` on a free loopback port. Stopped by its own PID.
//
// Seeding the demo chain takes 8–18 s; test files run one after another, so the seeded file
// is kept (per binary build and settings, for at most SEED_MAX_AGE_MS so the demo's "now"
// stays close to the test's) and each server gets its own copy of it.
import { spawn, execFile } from 'node:child_process'
import { createWriteStream } from 'node:fs'
import { access, copyFile, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises'
import { createHash } from 'node:crypto'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const frontendDir = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..')
const execFileAsync = promisify(execFile)

/** The binary under test: $STOREOPS_BIN, relative paths taken from frontend/. */
export function binaryPath() {
  return resolve(frontendDir, process.env.STOREOPS_BIN || '../bin/storeops')
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolvePort(port))
    })
  })
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

async function waitReady(url, child, logFile, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`storeops serve exited with ${child.exitCode}; see ${logFile}`)
    try {
      const res = await fetch(url)
      if (res.status === 200) return
    } catch {
      // Not listening yet.
    }
    await sleep(200)
  }
  throw new Error(`${url} was not ready within ${timeoutMs} ms; see ${logFile}`)
}

const SEED_MAX_AGE_MS = 10 * 60_000

/**
 * Puts a freshly seeded demo database at `target`: a copy of the one seeded for this binary
 * and these settings within SEED_MAX_AGE_MS, else seeds one (in its own dir, renamed into
 * place when complete, so a crash never leaves a half-seeded file to copy).
 */
async function seeded(bin, env, extraEnv, target) {
  const info = await stat(bin)
  const key = createHash('sha256').update(JSON.stringify([bin, info.size, info.mtimeMs, extraEnv])).digest('hex').slice(0, 16)
  const cached = join(tmpdir(), `storeops-e2e-seed-${key}.db`)
  const fresh = await stat(cached).then((s) => Date.now() - s.mtimeMs < SEED_MAX_AGE_MS, () => false)
  if (!fresh) {
    // Copies past their age are not used again (another run's current one is left alone).
    for (const name of await readdir(tmpdir())) {
      if (!/^storeops-e2e-seed-[0-9a-f]{16}\.db$/.test(name)) continue
      const old = join(tmpdir(), name)
      if (await stat(old).then((s) => Date.now() - s.mtimeMs >= SEED_MAX_AGE_MS, () => false)) await rm(old, { force: true })
    }
    const dir = await mkdtemp(join(tmpdir(), 'storeops-e2e-seed-'))
    try {
      const file = join(dir, 'seed.db')
      await execFileAsync(bin, ['seed', '--demo'], { cwd: dir, env: { ...env, STOREOPS_DB_DSN: file }, timeout: 120_000 })
      // The seeder closes its database, which folds the write-ahead log into the file; a log
      // left behind would hold data a copy of the file alone lacks.
      if (await stat(`${file}-wal`).then((s) => s.size > 0, () => false)) throw new Error(`storeops seed left ${file}-wal behind`)
      await rename(file, cached)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }
  await copyFile(cached, target)
}

/**
 * Seeds and starts the backend. Returns its base URL and a stop() that ends the
 * process by PID and removes the temp dir (kept when KEEP_E2E_TMP is set). `env` adds
 * STOREOPS_* settings (e.g. STOREOPS_NOTIFY_ALLOW_HOSTS for a local fake webhook).
 */
export async function startServer({ env: extraEnv = {} } = {}) {
  const bin = binaryPath()
  try {
    await access(bin)
  } catch {
    throw new Error(`StoreOps binary not found at ${bin}: run \`make build\` or set STOREOPS_BIN`)
  }
  const dir = await mkdtemp(join(tmpdir(), 'storeops-e2e-'))
  const port = await freePort()
  const env = {
    ...process.env,
    STOREOPS_DB_DRIVER: 'sqlite',
    STOREOPS_DB_DSN: join(dir, 'e2e.db'),
    STOREOPS_ADDR: `127.0.0.1:${port}`,
    STOREOPS_ENV: 'development',
    ...extraEnv,
  }
  await seeded(bin, env, extraEnv, join(dir, 'e2e.db'))

  const logFile = join(dir, 'server.log')
  const log = createWriteStream(logFile)
  const child = spawn(bin, ['serve'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] })
  child.stdout.pipe(log)
  child.stderr.pipe(log)
  const exited = new Promise((r) => child.once('exit', r))
  const baseURL = `http://127.0.0.1:${port}`

  async function stop() {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(child.pid, 'SIGTERM')
      const timer = setTimeout(() => child.exitCode === null && process.kill(child.pid, 'SIGKILL'), 5_000)
      await exited
      clearTimeout(timer)
    }
    log.end()
    if (!process.env.KEEP_E2E_TMP) await rm(dir, { recursive: true, force: true })
  }

  try {
    await waitReady(`${baseURL}/readyz`, child, logFile)
  } catch (err) {
    process.env.KEEP_E2E_TMP = '1'
    await stop()
    throw err
  }
  return { baseURL, dir, stop }
}
