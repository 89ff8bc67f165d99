// A scriptable fake of OpenAI's Completions API (POST /v1/completions, SSE),
// bound to 127.0.0.1 only. Plain JS, no dependencies; runs on Node >= 18.
//
//   import { startFakeServer } from './fakeServer.mjs';
//   const fake = await startFakeServer();
//   fake.baseUrl                       // http://127.0.0.1:PORT/v1
//   fake.respondWith({ text: 'return a + b' });          // default for every request
//   fake.enqueue({ text: 'x', chunkSize: 2, delayMs: 300 }); // next request only (FIFO)
//   fake.enqueue({ status: 500, message: 'boom' });      // error response
//   fake.rejectKey('sk-wrong', 'Incorrect API key')  // GET /v1/models answers 401 for it
//   fake.requests                      // [{ method, path, headers, body, rawBody, at, finished, aborted }]
//   await fake.waitForRequest(r => r.path === '/v1/completions', 10_000);
//   await fake.close();
//
// A response spec: { text, choices (several texts, streamed interleaved as choice
// 0, 1, …; overrides text), chunkSize = 4, delayMs = 0 (before every chunk of
// choice 0 after the first), firstDelayMs = 0, finishReason = 'stop', status
// (>= 400 → JSON error body), message, model }. A spec may also be a function
// (request) => spec.
//
// CLI (manual debugging): node test/e2e/fakeServer.mjs [port] [text]
import http from 'node:http';

const DEFAULT_SPEC = { text: 'return a + b', chunkSize: 4, delayMs: 0 };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function startFakeServer({ port = 0, log = () => {} } = {}) {
  const requests = [];
  const queue = [];
  /** Keys GET /v1/models rejects (401), with the server's message. */
  const rejected = new Map();
  const waiters = new Set();
  const sockets = new Set();
  let defaultSpec = { ...DEFAULT_SPEC };
  let counter = 0;

  function notify() {
    for (const w of [...waiters]) {
      const hit = requests.find((r, i) => i >= w.from && w.pred(r));
      if (hit) { waiters.delete(w); clearTimeout(w.timer); w.resolve(hit); }
    }
  }

  const server = http.createServer(async (req, res) => {
    const chunks = [];
    for await (const c of req) chunks.push(c);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    let body;
    try { body = rawBody ? JSON.parse(rawBody) : undefined; } catch { body = undefined; }
    const record = {
      n: ++counter,
      method: req.method,
      path: new URL(req.url, 'http://x').pathname,
      headers: { ...req.headers },
      body,
      rawBody,
      at: Date.now(),
      finished: false,
      aborted: false,
    };
    requests.push(record);
    log(`#${record.n} ${record.method} ${record.path} auth=${record.headers.authorization ? 'yes' : 'no'} prompt=${JSON.stringify(String(body?.prompt ?? '').slice(-40))}`);
    res.on('close', () => { if (!res.writableFinished) record.aborted = true; });
    notify();

    if (req.method === 'GET' && record.path === '/v1/models') {
      const message = rejected.get(String(req.headers.authorization ?? '').replace(/^Bearer /, ''));
      if (message !== undefined) return json(res, 401, { error: { message, type: 'invalid_request_error', param: null, code: 'invalid_api_key' } });
      return json(res, 200, { object: 'list', data: [{ id: 'gpt-3.5-turbo-instruct', object: 'model', created: 1, owned_by: 'fake' }] });
    }
    if (req.method !== 'POST' || record.path !== '/v1/completions') {
      return json(res, 404, { error: { message: `Unknown path ${record.path}`, type: 'invalid_request_error', param: null, code: 'unknown_url' } });
    }
    let spec = queue.length ? queue.shift() : defaultSpec;
    if (typeof spec === 'function') spec = spec(record);
    spec = { ...DEFAULT_SPEC, ...spec };
    record.spec = spec;
    if (spec.firstDelayMs) await sleep(spec.firstDelayMs);
    if (spec.status && spec.status >= 400) {
      json(res, spec.status, { error: { message: spec.message ?? 'The server had an error while processing your request.', type: 'server_error', param: null, code: null } });
      record.finished = true;
      return;
    }
    if (body?.stream === false) {
      json(res, 200, {
        id: `cmpl-${record.n}`, object: 'text_completion', created: 1, model: spec.model ?? body?.model ?? 'gpt-3.5-turbo-instruct',
        choices: [{ text: spec.text, index: 0, logprobs: null, finish_reason: spec.finishReason ?? 'stop' }],
        usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
      });
      record.finished = true;
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.flushHeaders();
    const id = `cmpl-${record.n}`;
    const model = spec.model ?? body?.model ?? 'gpt-3.5-turbo-instruct';
    const texts = (Array.isArray(spec.choices) ? spec.choices : [spec.text ?? '']).map(String);
    const size = Math.max(1, spec.chunkSize ?? 4);
    const pieceLists = texts.map((text) => {
      const pieces = [];
      for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
      return pieces.length ? pieces : [''];
    });
    // Choices interleaved piece by piece, as OpenAI streams n > 1.
    const events = [];
    for (let r = 0; r < Math.max(...pieceLists.map((p) => p.length)); r++) {
      pieceLists.forEach((pieces, index) => {
        if (r < pieces.length) events.push({ index, text: pieces[r], last: r === pieces.length - 1 });
      });
    }
    for (let i = 0; i < events.length; i++) {
      const e = events[i];
      if (i > 0 && e.index === 0 && spec.delayMs) await sleep(spec.delayMs);
      if (res.destroyed) return;
      res.write(`data: ${JSON.stringify({ id, object: 'text_completion', created: 1, model, choices: [{ text: e.text, index: e.index, logprobs: null, finish_reason: e.last ? (spec.finishReason ?? 'stop') : null }] })}\n\n`);
    }
    if (res.destroyed) return;
    const completionTokens = Math.max(1, Math.ceil(texts.join('').length / 4));
    res.write(`data: ${JSON.stringify({ id, object: 'text_completion', created: 1, model, choices: [], usage: { prompt_tokens: 10, completion_tokens: completionTokens, total_tokens: 10 + completionTokens } })}\n\n`);
    res.write('data: [DONE]\n\n');
    res.end();
    record.finished = true;
    notify();
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const actualPort = server.address().port;

  return {
    port: actualPort,
    url: `http://127.0.0.1:${actualPort}`,
    baseUrl: `http://127.0.0.1:${actualPort}/v1`,
    requests,
    /** Completion requests only. */
    get completions() { return requests.filter((r) => r.path === '/v1/completions'); },
    respondWith(spec) { defaultSpec = spec; },
    enqueue(...specs) { queue.push(...specs); },
    /** Forget queued responses and restore the default response; keeps the request log. */
    rejectKey(key, message) { rejected.set(key, message); },
    reset() { queue.length = 0; rejected.clear(); defaultSpec = { ...DEFAULT_SPEC }; },
    /** Resolves with the first request (from index `from` on) matching pred. */
    waitForRequest(pred = () => true, timeoutMs = 10_000, from = 0) {
      return new Promise((resolve, reject) => {
        const w = { pred, from, resolve, timer: null };
        w.timer = setTimeout(() => { waiters.delete(w); reject(new Error(`fake server: no matching request within ${timeoutMs} ms (got ${requests.length - from} new)`)); }, timeoutMs);
        waiters.add(w);
        notify();
      });
    },
    close() {
      for (const w of waiters) clearTimeout(w.timer);
      waiters.clear();
      for (const s of sockets) s.destroy();
      return new Promise((r) => server.close(() => r()));
    },
  };
}

function json(res, status, obj) {
  const s = JSON.stringify(obj);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(s) });
  res.end(s);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const fake = await startFakeServer({ port: Number(process.argv[2] ?? 0), log: (m) => console.log(m) });
  if (process.argv[3]) fake.respondWith({ text: process.argv[3], chunkSize: 4, delayMs: 50 });
  console.log(`fake OpenAI listening on ${fake.baseUrl}`);
}
