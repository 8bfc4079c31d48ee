// Starts the system's WebDriver servers and opens a session in each engine, with
// WebdriverIO as the client. Nothing here downloads a browser or a driver: the browsers
// and drivers come from Debian and crates.io (.ci/setup.sh), and WebdriverIO is always
// given a hostname and port, which makes it connect to the driver we started instead of
// fetching one of its own.
import { spawn } from 'node:child_process';
import net from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { remote } from 'webdriverio';

export const MINIBROWSER = process.env.MINIBROWSER || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
export const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';
/** The phone the layer runs at: the same as the Chromium end-to-end tests' phone. */
export const PHONE = { width: 390, height: 844 };
export const GECKODRIVER = process.env.GECKODRIVER || path.join(os.homedir(), '.cargo/bin/geckodriver');

/** A free loopback port, from the kernel. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts connections on `port`, or rejects after `ms`. */
export async function waitForPort(port, ms, what) {
  const deadline = Date.now() + ms;
  for (;;) {
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => { socket.destroy(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`${what} did not listen on port ${port} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Spawns `command` in its own process group, so stopping it stops its children too. */
export function start(command, args, { env, log } = {}) {
  const out = log ? fs.openSync(log, 'a') : 'ignore';
  const child = spawn(command, args, { detached: true, stdio: ['ignore', out, out], env: { ...process.env, ...env } });
  child.unref();
  return {
    child,
    stop() {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
    },
  };
}

/**
 * The engines. `driver(port)` gives the command that serves WebDriver on `port`;
 * `capabilities` the W3C session capabilities. Classic WebDriver only (no BiDi): WebKit's
 * driver has no BiDi, and both engines are driven the same way.
 */
export const ENGINES = {
  webkit: {
    label: 'WebKit (WebKitGTK MiniBrowser)',
    // MiniBrowser has no headless mode: it needs a display, so the driver runs in a
    // virtual X server (xvfb-run -a picks a free display number). Its window cannot be
    // made narrower than its toolbar (447 px), so the screen is phone-sized and the
    // window full-screen: the page then gets exactly the phone's viewport.
    driver: (port) => ['xvfb-run', ['-a', '-s', `-screen 0 ${PHONE.width}x${PHONE.height}x24`, 'WebKitWebDriver', `--port=${port}`]],
    capabilities: () => ({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': { binary: MINIBROWSER, args: ['--automation', '--full-screen'] },
      'wdio:enforceWebDriverClassic': true,
    }),
  },
  firefox: {
    label: 'Firefox ESR',
    driver: (port) => [GECKODRIVER, ['--host', '127.0.0.1', '--port', String(port)]],
    // Firefox's own window styles keep it at least 500 px wide, wider than a phone: the
    // profile's userChrome.css lifts that minimum, so the page gets a phone's viewport.
    profile(dir) {
      fs.mkdirSync(path.join(dir, 'chrome'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'chrome', 'userChrome.css'),
        ':root, #main-window, #navigator-toolbox, #nav-bar, #TabsToolbar, #browser, #appcontent, #tabbrowser-tabbox { min-width: 0 !important; }\n');
      fs.writeFileSync(path.join(dir, 'user.js'), 'user_pref("toolkit.legacyUserProfileCustomizations.stylesheets", true);\n');
    },
    capabilities: ({ downloads, profile }) => ({
      browserName: 'firefox',
      'moz:firefoxOptions': {
        binary: FIREFOX,
        args: ['-headless', '-profile', profile],
        prefs: {
          // Save downloads straight into a folder the test reads, without asking.
          'browser.download.folderList': 2,
          'browser.download.dir': downloads,
          'browser.download.useDownloadDir': true,
          'browser.download.always_ask_before_handling_new_types': false,
          'browser.helperApps.neverAsk.saveToDisk': 'application/fhir+json,application/json',
          // No network here: stop Firefox reaching for its own services.
          'app.update.enabled': false,
          'browser.safebrowsing.malware.enabled': false,
          'browser.safebrowsing.phishing.enabled': false,
          'network.captive-portal-service.enabled': false,
          'network.connectivity-service.enabled': false,
          'datareporting.policy.dataSubmissionEnabled': false,
          'intl.accept_languages': 'en-GB,en',
        },
      },
      'wdio:enforceWebDriverClassic': true,
    }),
  },
};

/**
 * Starts `engine`'s driver and opens a session. Returns { browser, downloads, close }.
 * `logDir` receives the driver's log (named after the engine) for post-mortems.
 */
export async function openSession(engineName, { logDir }) {
  const engine = ENGINES[engineName];
  if (!engine) throw new Error(`unknown engine ${engineName} (expected one of ${Object.keys(ENGINES).join(', ')})`);
  const port = await freePort();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), `screener-${engineName}-`));
  const downloads = path.join(scratch, 'downloads');
  const profile = path.join(scratch, 'profile');
  fs.mkdirSync(downloads);
  engine.profile?.(profile);
  fs.mkdirSync(logDir, { recursive: true });
  const [command, args] = engine.driver(port);
  // WebKit saves downloads into the XDG download folder (else the home folder): point it
  // at ours through a user-dirs.dirs of its own.
  const xdgConfig = path.join(scratch, 'config');
  fs.mkdirSync(xdgConfig);
  fs.writeFileSync(path.join(xdgConfig, 'user-dirs.dirs'), `XDG_DOWNLOAD_DIR="${downloads}"\n`);
  const driver = start(command, args, {
    log: path.join(logDir, `${engineName}-driver.log`),
    env: { XDG_CONFIG_HOME: xdgConfig },
  });
  try {
    await waitForPort(port, 30_000, `${engine.label} driver`);
    const browser = await remote({
      hostname: '127.0.0.1',
      port,
      path: '/',
      logLevel: 'warn',
      connectionRetryTimeout: 120_000,
      connectionRetryCount: 1,
      capabilities: engine.capabilities({ downloads, profile }),
    });
    return {
      browser,
      downloads,
      async close() {
        await browser.deleteSession().catch(() => {});
        driver.stop();
        fs.rmSync(scratch, { recursive: true, force: true });
      },
    };
  } catch (error) {
    driver.stop();
    throw error;
  }
}
