// Trunk initializer (see Trunk's guide, "Initializer"). It only reports a failed start:
// the static crisis help in index.html stays visible unless the app mounts, so a failed
// load never leaves a person without it. This file must stay tiny and dependency-free.
export default function screenerLoader() {
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
