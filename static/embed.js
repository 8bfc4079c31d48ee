/*
 * Screener embed for partner sites. One script tag and a placeholder:
 *
 *   <div data-screener data-title="Wellbeing check"></div>
 *   <script src="https://screener.partner.example.org/embed.js" async></script>
 *
 * creates, inside each [data-screener] element, a titled iframe of the screener served
 * beside this script. The frame:
 *   - loads lazily (loading="lazy") and takes the page's language (<html lang>, or
 *     data-lang on the placeholder; later changes of <html lang> follow), and an optional
 *     data-theme ("contrast");
 *   - resizes to its content, growing and shrinking, so it never scrolls inside
 *     (the screener reports its height; only if this page's origin is in the screener's
 *     config.json "allowed_origins");
 *   - sends its events to this page as DOM events on the placeholder (they bubble):
 *     "screener:ready", "screener:step", "screener:risk", "screener:completed"; the
 *     message is event.detail.
 * The placeholder gets placeholder.screener = { iframe, setLanguage(tag), reset() }.
 *
 * Messages are only accepted from the screener's origin and from that very frame, and are
 * only sent to the screener's origin (never "*"). The screener, for its part, only talks
 * to allowed origins and understands only "set language" and "reset". This file sets
 * styles through the CSSOM, so it runs under a host Content-Security-Policy without
 * 'unsafe-inline' (allow this script's origin in script-src and frame-src).
 */
(function () {
  'use strict';

  var script = document.currentScript;
  if (!script || !script.src) return;
  var appUrl = new URL('./', script.src);
  var appOrigin = appUrl.origin;
  var DEFAULT_TITLE = 'Wellbeing support screener';
  var DEFAULT_HEIGHT = 640;
  var MAX_HEIGHT = 100000;
  var frames = [];

  function send(frame, message) {
    if (frame.iframe.contentWindow) frame.iframe.contentWindow.postMessage(message, appOrigin);
  }

  function pageLanguage(placeholder) {
    return placeholder.getAttribute('data-lang') || document.documentElement.lang || '';
  }

  function embed(placeholder) {
    if (placeholder.screener) return;
    var src = new URL(appUrl.href);
    var lang = pageLanguage(placeholder);
    if (lang) src.searchParams.set('lang', lang);
    var theme = placeholder.getAttribute('data-theme');
    if (theme) src.searchParams.set('theme', theme);

    var iframe = document.createElement('iframe');
    iframe.title = placeholder.getAttribute('data-title') || DEFAULT_TITLE;
    iframe.loading = 'lazy';
    // The screener learns this page's origin from the browser (ancestorOrigins, or the
    // referrer where that is missing); "origin" sends the origin and nothing more.
    iframe.referrerPolicy = 'origin';
    iframe.className = 'screener-embed__frame';
    iframe.style.display = 'block';
    iframe.style.width = '100%';
    iframe.style.border = '0';
    iframe.style.height = DEFAULT_HEIGHT + 'px';
    iframe.src = src.href;

    var frame = { placeholder: placeholder, iframe: iframe };
    frames.push(frame);
    placeholder.screener = {
      iframe: iframe,
      setLanguage: function (tag) { send(frame, { type: 'screener:set-language', lang: String(tag) }); },
      reset: function () { send(frame, { type: 'screener:reset' }); },
    };
    placeholder.appendChild(iframe);
  }

  window.addEventListener('message', function (event) {
    if (event.origin !== appOrigin) return;
    var frame = null;
    for (var i = 0; i < frames.length; i++) {
      if (frames[i].iframe.contentWindow === event.source) frame = frames[i];
    }
    if (!frame) return;
    var data = event.data;
    if (!data || typeof data !== 'object' || typeof data.type !== 'string') return;
    if (data.type.indexOf('screener:') !== 0) return;
    if (data.type === 'screener:resize') {
      var height = Number(data.height);
      if (isFinite(height) && height > 0 && height < MAX_HEIGHT) {
        frame.iframe.style.height = Math.ceil(height) + 'px';
      }
      return;
    }
    frame.placeholder.dispatchEvent(new CustomEvent(data.type, { detail: data, bubbles: true }));
  });

  // Follow the page's language when it changes (for placeholders without data-lang).
  new MutationObserver(function () {
    var lang = document.documentElement.lang;
    if (!lang) return;
    for (var i = 0; i < frames.length; i++) {
      if (!frames[i].placeholder.hasAttribute('data-lang')) frames[i].placeholder.screener.setLanguage(lang);
    }
  }).observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });

  function scan() {
    var placeholders = document.querySelectorAll('[data-screener]');
    for (var i = 0; i < placeholders.length; i++) embed(placeholders[i]);
  }
  scan();
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', scan);
})();
