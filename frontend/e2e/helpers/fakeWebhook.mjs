// A local fake group-robot receiver for browser tests: a node http server on 127.0.0.1 that
// answers like WeChat Work / DingTalk (`{"errcode":0}`) or Feishu (`{"code":0}`) and keeps
// every request. Start the binary with STOREOPS_NOTIFY_ALLOW_HOSTS=`hook.host` so it may post
// to it over http. Stop it with close().
//
//   const hook = await startFakeWebhook()
//   ctx = suite({ serverEnv: () => ({ STOREOPS_NOTIFY_ALLOW_HOSTS: hook.host }) })
//   … add a channel with url `${hook.url}/wecom` …
//   const msg = await hook.waitFor((m) => m.text.includes('任务'))
import { createServer } from 'node:http'

/**
 * Starts the receiver. Each request is kept as { path, headers, body (parsed JSON), text (the
 * message's markdown or post text), messageId (X-StoreOps-Message-Id) }.
 */
export async function startFakeWebhook() {
  const received = []
  const waiters = []
  const server = createServer((req, res) => {
    let raw = ''
    req.setEncoding('utf8')
    req.on('data', (chunk) => (raw += chunk))
    req.on('end', () => {
      let body = null
      try {
        body = JSON.parse(raw)
      } catch {
        // Kept as text below.
      }
      const msg = { path: req.url, headers: req.headers, body, text: textOf(body) ?? raw, messageId: req.headers['x-storeops-message-id'] }
      received.push(msg)
      const feishu = req.url.startsWith('/feishu')
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(feishu ? '{"code":0,"msg":"success","data":{}}' : '{"errcode":0,"errmsg":"ok"}')
      for (const w of [...waiters]) {
        if (w.match(msg)) {
          waiters.splice(waiters.indexOf(w), 1)
          w.resolve(msg)
        }
      }
    })
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address()
  const host = `127.0.0.1:${port}`
  return {
    host,
    url: `http://${host}`,
    received,
    /** The first message (already received or still to come) that matches, within timeoutMs. */
    waitFor(match, timeoutMs = 30_000) {
      const found = received.find(match)
      if (found) return Promise.resolve(found)
      return new Promise((resolve, reject) => {
        const w = { match, resolve }
        waiters.push(w)
        setTimeout(() => {
          if (waiters.includes(w)) {
            waiters.splice(waiters.indexOf(w), 1)
            reject(new Error(`no matching webhook message within ${timeoutMs} ms; got ${JSON.stringify(received.map((m) => m.text))}`))
          }
        }, timeoutMs)
      })
    },
    close: () => new Promise((resolve) => server.close(resolve)),
  }
}

/** The text of a WeChat Work / DingTalk markdown or text message, or a Feishu post. */
function textOf(body) {
  if (!body) return null
  if (body.markdown) return body.markdown.content ?? body.markdown.text
  if (body.text) return body.text.content
  const post = body.content?.post
  if (post) return Object.values(post).map((p) => [p.title, ...p.content.flat().map((c) => c.text)].join('\n')).join('\n')
  return null
}
