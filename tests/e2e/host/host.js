// Demo host page: logs the screener's events (kept in window.screenerEvents for the
// end-to-end tests) and offers the two commands a host may send.
window.screenerEvents = [];
const log = document.getElementById('host-log');
const placeholder = document.getElementById('screener-embed');

function summary(detail) {
  switch (detail.type) {
    case 'screener:ready': return `ready (language ${detail.lang})`;
    case 'screener:step': return `step: ${detail.screen}${detail.section ? ` (${detail.section})` : ''}`;
    case 'screener:risk': return 'risk reported: the page may offer its own help';
    case 'screener:completed': {
      const scores = detail.outcome.scores.map((s) => `${s.instrument} ${s.total}/${s.max}`).join(', ');
      return `completed: ${detail.outcome.headline}${scores ? `; ${scores}` : ''}; FHIR ${detail.questionnaireResponse.resourceType} (${detail.answersIncluded ? 'with answers' : 'summary only'})`;
    }
    default: return detail.type;
  }
}

for (const type of ['screener:ready', 'screener:step', 'screener:risk', 'screener:completed']) {
  document.addEventListener(type, (event) => {
    window.screenerEvents.push(event.detail);
    const item = document.createElement('li');
    item.textContent = summary(event.detail);
    log.append(item);
  });
}

for (const button of document.querySelectorAll('[data-host-lang]')) {
  button.addEventListener('click', () => placeholder.screener?.setLanguage(button.dataset.hostLang));
}
document.querySelector('[data-host-reset]').addEventListener('click', () => placeholder.screener?.reset());
