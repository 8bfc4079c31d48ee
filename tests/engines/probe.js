// Loaded first by the test server (--probe) in the cross-engine tests: records what a
// console would show as an error, so the tests can assert there was none in engines whose
// WebDriver cannot read the console (WebKit's cannot). Classic script, no globals but one.
(function () {
  var seen = [];
  window.__screenerProbe = seen;
  function keep(kind, text) { seen.push(kind + ': ' + String(text)); }
  var error = console.error;
  console.error = function () {
    keep('console.error', Array.prototype.map.call(arguments, String).join(' '));
    return error.apply(console, arguments);
  };
  window.addEventListener('error', function (e) {
    var t = e.target;
    if (t && t !== window && t.tagName) keep('failed to load', t.tagName.toLowerCase() + ' ' + (t.src || t.href || ''));
    else keep('uncaught', e.message);
  }, true);
  window.addEventListener('unhandledrejection', function (e) {
    keep('unhandled rejection', e.reason && (e.reason.stack || e.reason));
  });
  document.addEventListener('securitypolicyviolation', function (e) {
    keep('Content-Security-Policy', e.violatedDirective + ' blocked ' + e.blockedURI);
  });
})();
