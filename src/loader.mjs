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
