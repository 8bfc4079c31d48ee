// Helpers for the Playwright specs to drive the FHIR test server (server.mjs) from Node.
// `base` is the server's origin, e.g. http://127.0.0.1:8590 (not the /fhir/R4 base).
//
//   await fhirReset(FHIR);                                   // before each test
//   await fhirFaults(FHIR, [{ kind: 'status', status: 503, retryAfter: '1' }, { kind: 'drop' }]);
//   const { ServiceRequest = [], invalid } = await fhirResources(FHIR);
//   const posts = (await fhirLog(FHIR)).filter((e) => e.method === 'POST');

export const FHIR_ORIGIN = 'http://127.0.0.1:8590';

async function control(base, method, name, body) {
  const res = await fetch(`${base}/__control/${name}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = await res.json();
  if (!res.ok) throw new Error(`FHIR test server ${method} /__control/${name}: ${res.status} ${answer.error ?? ''}`);
  return answer;
}

/** Empty repository, no faults, empty log. */
export const fhirReset = (base = FHIR_ORIGIN) => control(base, 'POST', 'reset', {});

/** Replace the fault queue: each POST to the FHIR base takes the next fault, in order. */
export const fhirFaults = (base = FHIR_ORIGIN, queue = []) => control(base, 'POST', 'faults', { queue });

/** Faults not yet taken. */
export const fhirPendingFaults = async (base = FHIR_ORIGIN) => (await control(base, 'GET', 'faults')).queue;

/** Stored resources by type ({Patient:[...], ...}) and `invalid`: [{resourceType, id, errors}]. */
export const fhirResources = (base = FHIR_ORIGIN) => control(base, 'GET', 'resources');

/** Every request to the FHIR base: {at, method, path, origin, fault, status[, preflight, unsentStatus]}. */
export const fhirLog = (base = FHIR_ORIGIN) => control(base, 'GET', 'log');

/** A FHIR search from the tests, e.g. fhirSearch(base, 'ServiceRequest', {identifier: 'urn:ietf:rfc:3986|urn:uuid:…'}). */
export async function fhirSearch(base = FHIR_ORIGIN, type, params = {}) {
  const res = await fetch(`${base}/fhir/R4/${type}?${new URLSearchParams(params)}`, {
    headers: { Accept: 'application/fhir+json' },
  });
  if (!res.ok) throw new Error(`FHIR search ${type}: ${res.status}`);
  return (await res.json()).entry?.map((e) => e.resource) ?? [];
}
