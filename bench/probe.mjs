// The in-page half of the benchmark. bench.mjs installs `installProbe` with
// page.addInitScript, so it runs at document start of every navigation, before any of the
// page's own scripts. Every timestamp is taken here with performance.now() (milliseconds
// since navigation start), never by polling from outside: the driver only arms
// measurements and reads the results.
//
// Playwright serialises this function into the page, so it must be self-contained.

/** What the probe logs (console.debug) once `firstScreen` has settled. */
export const FIRST_SCREEN_MESSAGE = 'screener-bench: first screen settled';

/**
 * Installs `window.__bench`:
 * - `fcp`: promise of the first-contentful-paint time (index.html's own static content).
 * - `firstScreen`: promise of `{ interactive, interactivePaint }`: when the welcome screen's
 *   h1 and its enabled Start button are in `#screener-app` (Leptos attaches handlers as it
 *   creates elements, so present = interactive), and the end of the next frame after that;
 *   rejected if the app marks a failed start.
 * - `appStarted`, `wasmMemory`: when Trunk's loader dispatched `TrunkApplicationStarted`,
 *   and the instance's WebAssembly.Memory from its detail (the wasm exports).
 * - `armNext()`: times the next click on the question form's submit button (Next) to the
 *   moment a different `#screener-main h1` is in the DOM, and to the next paint.
 * - `armCrisis()`: times the next click/input/change in the question form to the moment
 *   the crisis panel (`.screener-crisis`, built hidden after the first screen) has a non-zero box,
 *   and to the next paint.
 * - `collect()`: waits for every armed measurement and returns them.
 */
export function installProbe({ startLabel, firstScreenMessage }) {
  const probe = { next: [], crisis: null, appStarted: null, wasmMemory: null };
  window.__bench = probe;

  // One observer from document start; each pending measurement is a predicate checked
  // after every batch of DOM changes. A MutationObserver callback runs at the microtask
  // checkpoint right after the mutations, before any later task or frame.
  const waiters = new Set();
  const check = () => {
    for (const waiter of waiters) {
      if (waiter.test()) {
        waiters.delete(waiter);
        waiter.resolve(performance.now());
      }
    }
  };
  new MutationObserver(check).observe(document, {
    childList: true, subtree: true, characterData: true, attributes: true,
  });
  const when = (test) => new Promise((resolve) => {
    waiters.add({ test, resolve });
    check();
  });

  // The end of the frame that shows a change: requestAnimationFrame runs just before the
  // frame is painted, and a message posted from it is delivered just after.
  const nextPaint = () => new Promise((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(null);
  }));

  probe.fcp = new Promise((resolve) => {
    new PerformanceObserver((list, observer) => {
      const entry = list.getEntriesByName('first-contentful-paint')[0];
      if (entry) {
        observer.disconnect();
        resolve(entry.startTime);
      }
    }).observe({ type: 'paint', buffered: true });
  });

  probe.firstScreen = Promise.race([
    when(() => {
      const app = document.getElementById('screener-app');
      return !!app?.querySelector('h1') && [...app.querySelectorAll('button')]
        .some((button) => !button.disabled && button.textContent.trim() === startLabel);
    }).then(async (interactive) => ({ interactive, interactivePaint: await nextPaint() })),
    // The loader and the panic hook mark a failed start: say so rather than time out.
    when(() => !!document.querySelector('.screener--failed')).then(() => {
      throw new Error('the app failed to start (.screener--failed; the static help is shown)');
    }),
  ]);
  // The driver reads it later; until then a rejection must not count as an uncaught page
  // error. It waits for `firstScreenMessage` on the console instead of evaluating in the
  // page: an evaluation during start-up makes Playwright inject its helper script, which
  // took ~20 ms of the main thread (at 4x CPU) in the middle of the app's start.
  probe.firstScreen.catch(() => {}).finally(() => console.debug(firstScreenMessage));

  addEventListener('TrunkApplicationStarted', (event) => {
    probe.appStarted = performance.now();
    // On a failed start the loader passes the error instead of the exports.
    probe.wasmMemory = event.detail?.wasm?.memory ?? null;
  });

  // Capture-phase listeners on window run before any other listener on the way down, so
  // t0 is the start of the event's dispatch, before the app's own handlers.
  probe.armNext = () => {
    probe.next.push(new Promise((resolve) => {
      const onClick = (event) => {
        if (!event.target.closest?.('#screener-main form button[type=submit]')) return;
        removeEventListener('click', onClick, true);
        const t0 = performance.now();
        const before = document.querySelector('#screener-main h1');
        const text = before?.textContent;
        when(() => {
          const heading = document.querySelector('#screener-main h1');
          return !!heading && (heading !== before || heading.textContent !== text);
        }).then(async (rendered) => resolve({ rendered: rendered - t0, painted: (await nextPaint()) - t0 }));
      };
      addEventListener('click', onClick, true);
    }));
  };

  const crisisShown = () => {
    const box = document.querySelector('.screener-crisis')?.getBoundingClientRect();
    return !!box && box.width > 0 && box.height > 0;
  };

  probe.armCrisis = () => {
    if (crisisShown()) {
      probe.crisis = Promise.reject(new Error('the crisis panel was already on screen before the risk answer'));
      probe.crisis.catch(() => {}); // reported by collect(), not as an uncaught page error
      return;
    }
    probe.crisis = new Promise((resolve) => {
      // A click on a radio fires click, then input and change: t0 is whichever comes first.
      const types = ['click', 'input', 'change'];
      const onEvent = (event) => {
        if (!event.target.closest?.('#screener-main form')) return;
        types.forEach((type) => removeEventListener(type, onEvent, true));
        const t0 = performance.now();
        when(crisisShown).then(async (visible) => resolve({ visible: visible - t0, painted: (await nextPaint()) - t0 }));
      };
      types.forEach((type) => addEventListener(type, onEvent, true));
    });
  };

  probe.collect = async () => {
    if (!probe.crisis) throw new Error('the risk answer was never armed (PHQ-9 item 9 not reached?)');
    return { next: await Promise.all(probe.next), crisis: await probe.crisis };
  };
}
