// Trunk initializer (see Trunk's guide, "Initializer"). It only reports a failed start:
// the static crisis help in index.html stays visible unless the app mounts, so a failed
// load never leaves a person without it. This file must stay tiny and dependency-free.
export default function screenerLoader() {
  // Ask for the partner configuration now, while the WebAssembly downloads, instead of
  // after the app starts: one round trip less before the first question on a slow network.
  // The app takes this promise (src/partner/load.rs, PREFETCH_KEY) and reports its errors.
  try {
    window.__screenerConfigFetch = fetch('./config.json', { cache: 'no-cache' });
    window.__screenerConfigFetch.catch(() => {});
  } catch (_) {
    // The app fetches it itself.
  }
  offline();
  return {
    onFailure: (error) => {
      const status = document.getElementById('screener-static-status');
      // A panic hook may already have explained what happened; keep its words.
      if (status && status.dataset.state !== 'failed') {
        status.dataset.state = 'failed';
        status.innerHTML =
          '<span lang="en">The screener could not start. The help below works without it.</span> ' +
          '<span lang="zh-Hant-HK">評估問卷未能啟動。以下求助資料仍可使用。</span>';
      }
      document.getElementById('screener')?.classList.add('screener--failed');
      console.error('screener: failed to start', error);
    },
  };
}

// The offline copy: registers the service worker (sw.js, written for each build
// by .ci/sw-build.mjs) once the app's first screen is painted, so it never competes with
// that screen or the crisis help for the network or the CPU. Where it cannot register (no
// support, a partner's iframe whose browser refuses, a sandbox), nothing changes: the
// reason goes to console.info, never to the person.
function offline() {
  const info = (what, error) => console.info(`screener: offline copy ${what}:`, (error && error.message) || error);
  try {
    const sw = navigator.serviceWorker;
    const help = document.getElementById('screener-static');
    if (!sw || !help) return;
    // The page names its build's WebAssembly: a waiting worker of the same build may take
    // over (it checks), one of another build may not (see src/sw.js, "take-over").
    const wasm = document.querySelector('link[href$="_bg.wasm"]');
    const takeOver = (worker) => worker && wasm && worker.postMessage({ type: 'screener:take-over', wasm: wasm.href });
    const register = () => sw.register(new URL('sw.js', import.meta.url)).then((reg) => {
      if (!reg) return; // a stand-in register() (test tools) that gives no registration
      takeOver(reg.waiting);
      reg.addEventListener('updatefound', () => {
        const worker = reg.installing;
        if (worker) worker.addEventListener('statechange', () => worker.state === 'installed' && takeOver(worker));
      });
    }, (error) => info('not available', error));
    // The app hides the static help once its first screen is in the page; the frame after
    // that one is painted.
    const seen = new MutationObserver(() => {
      if (!help.hidden) return;
      seen.disconnect();
      requestAnimationFrame(() => setTimeout(register, 0));
    });
    seen.observe(help, { attributes: true, attributeFilter: ['hidden'] });
    // A referral request waits in the outbox (src/delivery): while the browser is offline,
    // ask for Background Sync, whose event the worker turns into a retry message to the
    // open tabs (it cannot send the request itself: the outbox is in localStorage). Only
    // then: a browser that is online fires the event at once, so after a 503 it would
    // retry straight away, and again after every failure, instead of waiting out the
    // backoff the server is owed.
    addEventListener('screener:outbox-pending', () => {
      if (navigator.onLine !== false) return;
      sw.ready.then((reg) => reg.sync && reg.sync.register('screener-outbox')).catch((error) => info('sync', error));
    });
    sw.addEventListener('message', (event) => {
      if (event.data && event.data.type === 'screener:retry') dispatchEvent(new Event('screener:retry'));
    });
  } catch (error) {
    info('not available', error);
  }
}
