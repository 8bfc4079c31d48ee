// Checks the FHIR test server itself, so an end-to-end failure can be trusted to be the app's:
//
//   node --experimental-websocket --test tests/e2e/fhir/selftest.mjs
//
// Starts server.mjs on a free port as a child process and talks to it over real sockets.
import { test, before, after, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { fhirReset, fhirFaults, fhirPendingFaults, fhirResources, fhirLog, fhirSearch } from './client.mjs';

const ALLOWED = 'http://127.0.0.1:8585';
const OTHER = 'http://127.0.0.1:9999';
const SERVER = fileURLToPath(new URL('./server.mjs', import.meta.url));
let child;
let origin; // http://127.0.0.1:<port>

before(async () => {
  child = spawn(process.execPath, ['--experimental-websocket', SERVER, '--port', '0', '--allow-origin', ALLOWED], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  origin = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /fhir test server on (http:\/\/127\.0\.0\.1:\d+)\/fhir\/R4/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`server exited early (${code}): ${out}`)));
  });
});
after(() => child?.kill('SIGTERM'));
beforeEach(() => fhirReset(origin));

// One request on its own connection (no keep-alive), so a dropped socket is seen as exactly
// that: the promise rejects with the socket error, as a browser's fetch would fail.
function raw(method, path, { headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const text = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const req = http.request(`${origin}${path}`, { method, headers, agent: false }, (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (c) => { data += c; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: data ? JSON.parse(data) : null }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(text);
  });
}

const postBundle = (bundle, headers = {}) =>
  raw('POST', '/fhir/R4', { headers: { 'Content-Type': 'application/fhir+json', ...headers }, body: bundle });

// The shape the app sends: three conditional creates on one identifier made at consent time,
// referencing each other through urn:uuid fullUrls.
function referral(uuid = randomUUID()) {
  const identifier = { system: 'urn:ietf:rfc:3986', value: `urn:uuid:${uuid}` };
  const ifNoneExist = `identifier=${identifier.system}|${identifier.value}`;
  const [p, q, s] = [randomUUID(), randomUUID(), randomUUID()].map((id) => `urn:uuid:${id}`);
  return {
    identifier,
    bundle: {
      resourceType: 'Bundle',
      type: 'transaction',
      entry: [
        {
          fullUrl: p,
          resource: { resourceType: 'Patient', identifier: [identifier], name: [{ text: 'Sam' }], telecom: [{ system: 'phone', value: '+852 9123 4567' }] },
          request: { method: 'POST', url: 'Patient', ifNoneExist },
        },
        {
          fullUrl: q,
          resource: {
            resourceType: 'QuestionnaireResponse', identifier, status: 'completed', subject: { reference: p },
            authored: '2026-12-01T10:00:00Z', item: [{ linkId: 'contact-name', answer: [{ valueString: 'Sam' }] }],
          },
          request: { method: 'POST', url: 'QuestionnaireResponse', ifNoneExist },
        },
        {
          fullUrl: s,
          resource: {
            resourceType: 'ServiceRequest', identifier: [identifier], status: 'active', intent: 'proposal',
            subject: { reference: p }, supportingInfo: [{ reference: q }], authoredOn: '2026-12-01T10:00:00Z',
          },
          request: { method: 'POST', url: 'ServiceRequest', ifNoneExist },
        },
      ],
    },
  };
}

const entryStatuses = (res) => res.body.entry.map((e) => Number.parseInt(e.response.status, 10));

async function assertOneReferral() {
  const stored = await fhirResources(origin);
  assert.equal(stored.Patient?.length, 1, 'one Patient');
  assert.equal(stored.QuestionnaireResponse?.length, 1, 'one QuestionnaireResponse');
  assert.equal(stored.ServiceRequest?.length, 1, 'one ServiceRequest');
  assert.deepEqual(stored.invalid, []);
  return stored;
}

async function assertNothingStored() {
  const { invalid, ...byType } = await fhirResources(origin);
  assert.deepEqual(byType, {});
  assert.deepEqual(invalid, []);
}

test('metadata answers 200 with a CapabilityStatement', async () => {
  const res = await raw('GET', '/fhir/R4/metadata');
  assert.equal(res.status, 200);
  assert.match(res.headers['content-type'], /^application\/fhir\+json/);
  assert.equal(res.body.resourceType, 'CapabilityStatement');
  assert.equal(res.body.fhirVersion, '4.0.1');
  // One request per connection, or Chromium would silently re-send a dropped POST.
  assert.equal(res.headers.connection, 'close');
});

test('conditional create: 201 the first time, 200 on a repeat, one of each stored, references resolved', async () => {
  const { bundle, identifier } = referral();
  const first = await postBundle(bundle);
  assert.equal(first.status, 200);
  assert.match(first.headers['content-type'], /^application\/fhir\+json/);
  assert.equal(first.body.type, 'transaction-response');
  assert.deepEqual(entryStatuses(first), [201, 201, 201]);

  const again = await postBundle(bundle);
  assert.equal(again.status, 200);
  assert.deepEqual(entryStatuses(again), [200, 200, 200]);
  assert.deepEqual(again.body.entry.map((e) => e.response.location), first.body.entry.map((e) => e.response.location));

  const { Patient: [patient], QuestionnaireResponse: [qr], ServiceRequest: [sr] } = await assertOneReferral();
  assert.equal(sr.subject.reference, `Patient/${patient.id}`);
  assert.equal(sr.supportingInfo[0].reference, `QuestionnaireResponse/${qr.id}`);
  assert.equal(qr.subject.reference, `Patient/${patient.id}`);

  // The tests find the referral by its identifier, as a service would.
  const found = await fhirSearch(origin, 'ServiceRequest', { identifier: `${identifier.system}|${identifier.value}` });
  assert.deepEqual(found.map((r) => r.id), [sr.id]);
  const read = await raw('GET', `/fhir/R4/Patient/${patient.id}`);
  assert.equal(read.status, 200);
  assert.equal(read.body.id, patient.id);
  assert.equal((await raw('GET', '/fhir/R4/Patient/does-not-exist')).status, 404);
});

test('503 with Retry-After stores nothing; the next POST is handled normally', async () => {
  await fhirFaults(origin, [{ kind: 'status', status: 503, retryAfter: '2' }]);
  const { bundle } = referral();
  const res = await postBundle(bundle, { Origin: ALLOWED });
  assert.equal(res.status, 503);
  assert.equal(res.headers['retry-after'], '2');
  assert.equal(res.headers['access-control-allow-origin'], ALLOWED, 'the page can read the 503');
  assert.equal(res.body.resourceType, 'OperationOutcome');
  await assertNothingStored();

  assert.deepEqual(entryStatuses(await postBundle(bundle)), [201, 201, 201]);
  await assertOneReferral();
  const log = await fhirLog(origin);
  assert.deepEqual(log.map((e) => [e.method, e.fault, e.status]), [['POST', 'status', 503], ['POST', null, 200]]);
});

test('drop: the socket dies unanswered and nothing is stored', async () => {
  await fhirFaults(origin, [{ kind: 'drop' }]);
  const { bundle } = referral();
  await assert.rejects(postBundle(bundle), (err) => ['ECONNRESET', 'EPIPE'].includes(err.code) || /socket hang up/.test(err.message));
  await assertNothingStored();
  assert.deepEqual(entryStatuses(await postBundle(bundle)), [201, 201, 201]);
  await assertOneReferral();
});

test('store-then-drop: stored, the client sees a socket error, and the retry creates nothing new', async () => {
  await fhirFaults(origin, [{ kind: 'store-then-drop' }]);
  const { bundle } = referral();
  await assert.rejects(postBundle(bundle), (err) => ['ECONNRESET', 'EPIPE'].includes(err.code) || /socket hang up/.test(err.message));
  const stored = await assertOneReferral();

  const retry = await postBundle(bundle);
  assert.equal(retry.status, 200);
  assert.deepEqual(entryStatuses(retry), [200, 200, 200]);
  const after = await assertOneReferral();
  assert.equal(after.ServiceRequest[0].id, stored.ServiceRequest[0].id);
  const [lost] = await fhirLog(origin);
  assert.equal(lost.fault, 'store-then-drop');
  assert.equal(lost.status, null);
  assert.equal(lost.unsentStatus, 200);
});

test('delay: waits, then answers normally', async () => {
  await fhirFaults(origin, [{ kind: 'delay', ms: 400 }]);
  const started = Date.now();
  const res = await postBundle(referral().bundle);
  assert.ok(Date.now() - started >= 380, 'the answer was delayed');
  assert.deepEqual(entryStatuses(res), [201, 201, 201]);
});

test('faults are taken in order by POSTs only, never by preflights or reads', async () => {
  await fhirFaults(origin, [{ kind: 'status', status: 500 }, { kind: 'status', status: 429, retryAfter: '1' }]);
  await raw('OPTIONS', '/fhir/R4', { headers: { Origin: ALLOWED, 'Access-Control-Request-Method': 'POST' } });
  await raw('GET', '/fhir/R4/Patient');
  const { bundle } = referral();
  assert.equal((await postBundle(bundle)).status, 500);
  assert.deepEqual(await fhirPendingFaults(origin), [{ kind: 'status', status: 429, retryAfter: '1' }]);
  assert.equal((await postBundle(bundle)).status, 429);
  assert.equal((await postBundle(bundle)).status, 200);
  await assertOneReferral();
});

test('CORS: an allowed origin gets the preflight and response headers, another origin none', async () => {
  const preflight = (from) => raw('OPTIONS', '/fhir/R4', {
    headers: { Origin: from, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
  });
  const ok = await preflight(ALLOWED);
  assert.equal(ok.status, 204);
  assert.equal(ok.headers['access-control-allow-origin'], ALLOWED);
  assert.equal(ok.headers['access-control-allow-methods'], 'POST');
  assert.equal(ok.headers['access-control-allow-headers'], 'Content-Type, Accept');
  assert.ok(Number(ok.headers['access-control-max-age']) > 0);
  assert.equal(ok.headers.vary, 'Origin');
  assert.equal(ok.headers['access-control-allow-credentials'], undefined);

  const refused = await preflight(OTHER);
  assert.deepEqual(Object.keys(refused.headers).filter((h) => h.startsWith('access-control-')), []);

  const post = await postBundle(referral().bundle, { Origin: ALLOWED });
  assert.equal(post.headers['access-control-allow-origin'], ALLOWED);
  assert.equal(post.headers['access-control-expose-headers'], 'Retry-After, Location');
  const foreign = await postBundle(referral().bundle, { Origin: OTHER });
  assert.deepEqual(Object.keys(foreign.headers).filter((h) => h.startsWith('access-control-')), []);
  const control = await raw('GET', '/__control/log', { headers: { Origin: ALLOWED } });
  assert.deepEqual(Object.keys(control.headers).filter((h) => h.startsWith('access-control-')), []);

  // Preflights are logged and marked; control requests are not logged.
  const log = await fhirLog(origin);
  assert.deepEqual(log.map((e) => [e.method, e.origin, e.preflight ?? false]), [
    ['OPTIONS', ALLOWED, true], ['OPTIONS', OTHER, true], ['POST', ALLOWED, false], ['POST', OTHER, false],
  ]);
});

test('validateResource flags what Medplum stored without complaint', async () => {
  const res = await postBundle({
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [{ resource: { resourceType: 'Patient', nickname: 'Sam' }, request: { method: 'POST', url: 'Patient' } }],
  });
  assert.deepEqual(entryStatuses(res), [201]);
  const { Patient, invalid } = await fhirResources(origin);
  assert.equal(Patient.length, 1);
  assert.deepEqual(invalid, [{ resourceType: 'Patient', id: Patient[0].id, errors: ['Patient.nickname: Invalid additional property "nickname"'] }]);
});

test('a transaction is all or nothing, creates only, and needs FHIR JSON', async () => {
  const { bundle } = referral();
  bundle.entry.push({ request: { method: 'GET', url: 'Patient/nope' } });
  const notOnlyCreates = await postBundle(bundle);
  assert.equal(notOnlyCreates.status, 403);

  const failing = referral().bundle;
  failing.entry[2].request.url = 'ServiceRequest/123'; // a POST to an instance URL fails in the router
  const res = await postBundle(failing);
  assert.ok(res.status >= 400 && res.status < 500, `status ${res.status}`);
  assert.equal(res.body.resourceType, 'OperationOutcome');
  await assertNothingStored();

  const plain = await raw('POST', '/fhir/R4', { headers: { 'Content-Type': 'text/plain' }, body: referral().bundle });
  assert.equal(plain.status, 415);
  const json = await raw('POST', '/fhir/R4', { headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: referral().bundle });
  assert.equal(json.status, 200);
  const garbage = await raw('POST', '/fhir/R4', { headers: { 'Content-Type': 'application/fhir+json' }, body: '{' });
  assert.equal(garbage.status, 400);
});

test('reset empties the repository, the faults and the log', async () => {
  await postBundle(referral().bundle);
  await fhirFaults(origin, [{ kind: 'drop' }]);
  await fhirReset(origin);
  await assertNothingStored();
  assert.deepEqual(await fhirPendingFaults(origin), []);
  assert.deepEqual(await fhirLog(origin), []);
  await assert.rejects(fhirFaults(origin, [{ kind: 'explode' }]), /unknown fault kind/);
});
