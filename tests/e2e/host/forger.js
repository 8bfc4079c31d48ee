// A frame on another origin that tries to drive the screener through its parent page:
// window.forge(message) posts `message` to every other frame of the parent, with "*".
// The screener must ignore it (wrong origin, and not its parent window).
window.forge = function forge(message) {
  let sent = 0;
  for (let i = 0; i < window.parent.frames.length; i++) {
    const target = window.parent.frames[i];
    if (target !== window) {
      target.postMessage(message, '*');
      sent++;
    }
  }
  return sent;
};
