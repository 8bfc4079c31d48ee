// Loopback ports of the partner end-to-end set-up (playwright.config.mjs starts a server
// on each). The host pages in this directory name the app ports literally, as a partner
// page names the screener's address: keep them in step.
export const HOST_PORT = 8282;          // the demo host pages (this directory)
export const APP_ALLOWED_PORT = 8383;   // the app with configs/partner.json: allows the host
export const APP_EXCLUDED_PORT = 8484;  // the app with configs/excluded.json: does not

export const HOST = `http://127.0.0.1:${HOST_PORT}`;
// The same server under another name is another origin: it serves the "third-party" frame.
export const OTHER_ORIGIN = `http://localhost:${HOST_PORT}`;
export const APP_ALLOWED = `http://127.0.0.1:${APP_ALLOWED_PORT}`;
export const APP_EXCLUDED = `http://127.0.0.1:${APP_EXCLUDED_PORT}`;

// The referral set-up (referral.spec.mjs): a FHIR server of the tests' own on one origin,
// and the app configured to send to it on two others, one of whose CSP allows it.
export const FHIR_PORT = 8590;           // tests/e2e/fhir/server.mjs
export const APP_REFERRAL_PORT = 8585;   // configs/referral.json, connect-src allows FHIR
export const APP_BLOCKED_PORT = 8586;    // configs/referral.json, connect-src does not
export const FHIR = `http://127.0.0.1:${FHIR_PORT}`;
export const APP_REFERRAL = `http://127.0.0.1:${APP_REFERRAL_PORT}`;
export const APP_BLOCKED = `http://127.0.0.1:${APP_BLOCKED_PORT}`;

// The alternatives set-up (alternatives.spec.mjs): the app with configs/alternatives.json,
// a partner listing several services of its own.
export const APP_ALTERNATIVES_PORT = 8610;
export const APP_ALTERNATIVES = `http://127.0.0.1:${APP_ALTERNATIVES_PORT}`;
// The offline set-up (offline.spec.mjs): the app with configs/partner.json on a server that
// can switch to another build and play a dead network (server.mjs --alt-root).
export const APP_OFFLINE_PORT = 8600;
export const APP_OFFLINE = `http://127.0.0.1:${APP_OFFLINE_PORT}`;
