// The screener's service worker kill switch (docs/deploying.md, "Offline"). To switch the
// offline worker off for everyone, serve this file's content as sw.js (for example
// `cp dist/sw-kill.js dist/sw.js` after each build). A browser checks sw.js on the next
// visit, finds this different script, installs it, and it removes every cache the
// screener made and unregisters itself: from then on every request goes to the network as
// if there had never been a worker. It has no fetch handler, so even the visit that finds
// it is served by the network. The page registers sw.js again on each visit; this script
// then unregisters again at once, until a real worker is served again.
'use strict';

self.addEventListener('install', () => self.skipWaiting());

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('screener-')) await caches.delete(key);
    }
    await self.registration.unregister();
  })());
});
