// Summaries and the printed table. Every figure is a median / min / max over the runs of
// one profile; what each run records is described in bench/README.md.

export const TYPES = ['html', 'js', 'wasm', 'css', 'json', 'other'];

/** The rows of the table, in order: [section, label, unit, value of one run]. */
export const METRICS = [
  ...TYPES.map((type) => ['transfer', `first load: ${type}`, 'B', (run) => run.transfer[type]]),
  ['transfer', 'first load: total', 'B', (run) => run.transfer.total],
  ['transfer', 'first load: total, bodies only (encodedBodySize)', 'B', (run) => run.transfer.bodies],
  ['startup', 'first contentful paint (static HTML)', 'ms', (run) => run.fcp],
  ['startup', 'app started (TrunkApplicationStarted)', 'ms', (run) => run.appStarted],
  ['startup', 'first screen interactive', 'ms', (run) => run.interactive],
  ['startup', 'first screen interactive, next paint', 'ms', (run) => run.interactivePaint],
  ['startup', 'ratio interactive / FCP (target <= 1.5)', 'x', (run) => run.ratio],
  ['interaction', 'Next -> next question rendered', 'ms', (run) => run.next.rendered],
  ['interaction', 'Next -> next paint', 'ms', (run) => run.next.painted],
  ['interaction', 'risk answer -> crisis panel visible (target < 16)', 'ms', (run) => run.crisis.visible],
  ['interaction', 'risk answer -> next paint', 'ms', (run) => run.crisis.painted],
  ['memory', 'JS heap used after flow (after GC)', 'B', (run) => run.memory.jsHeapUsed],
  ['memory', 'WebAssembly memory after flow', 'B', (run) => run.memory.wasm],
];

const SECTIONS = {
  transfer: "Bytes transferred on first load (CDP Network.loadingFinished encodedDataLength: encoded body + response headers)",
  startup: 'Start-up, ms from navigation start (in-page performance.now())',
  interaction: 'Interactions, ms from the event (in-page; Next = median of the PHQ-9 Next clicks in a run)',
  memory: 'Memory on the result screen',
};

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function summarise(values) {
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/** `{ label: { unit, median, min, max } }` over the runs of one profile. */
export function summariseRuns(runs) {
  return Object.fromEntries(METRICS.map(([, label, unit, get]) =>
    [label, { unit, ...summarise(runs.map(get)) }]));
}

function format(value, unit) {
  if (unit === 'B') return Math.round(value).toLocaleString('en-US');
  if (unit === 'x') return value.toFixed(2);
  return value.toFixed(1);
}

/** The table: one row per metric, median / min / max for each profile side by side. */
export function table(profiles) {
  const labelWidth = Math.max(...METRICS.map(([, label, unit]) => `  ${label} (${unit})`.length));
  const cell = (text) => String(text).padStart(11);
  const block = (cells) => `  ${cells.map(cell).join('')}`;
  const lines = [
    ''.padEnd(labelWidth) + profiles.map((p) => `  ${p.label.padStart(33)}`).join(''),
    ''.padEnd(labelWidth) + profiles.map(() => block(['median', 'min', 'max'])).join(''),
  ];
  let section = null;
  for (const [name, label, unit] of METRICS) {
    if (name !== section) {
      section = name;
      lines.push('', SECTIONS[name]);
    }
    lines.push(`  ${label} (${unit})`.padEnd(labelWidth) + profiles.map((p) => {
      const s = p.summary[label];
      return block([s.median, s.min, s.max].map((v) => format(v, unit)));
    }).join(''));
  }
  return lines.join('\n');
}

/** The requests of one run's first load: what was fetched, how it was encoded, its size. */
export function requestList(run) {
  // A request the browser reported no size or encoding for shows `?`.
  const rows = run.requests.map((r) => [r.bytes ?? '?', r.bodyBytes ?? '?', r.type ?? '?', r.status ?? '?', r.encoding ?? '?', r.path]);
  return [['wire B', 'body B', 'type', 'HTTP', 'encoding', 'path'], ...rows]
    .map(([wire, body, type, status, encoding, where]) =>
      `  ${String(wire).padStart(8)} ${String(body).padStart(8)}  ${type.padEnd(5)} ${String(status).padEnd(4)} ${encoding.padEnd(8)} ${where}`)
    .join('\n');
}

/**
 * The two builds of `--compare` on one profile, side by side: first screen interactive,
 * what was fetched before it (gzip -9, as .ci/check-build.sh counts) and the wire transfer
 * of the first load (as in the table above); then the one-line verdict and the files.
 */
export function comparisonTable({ label, builds }, runs) {
  const names = builds.map((b) => `${b.kind} (${b.build})`);
  const width = 50;
  const cell = (text) => String(text).padStart(10);
  const cols = (summaries, unit) => summaries.map((s) =>
    `  ${[s.median, s.min, s.max].map((v) => cell(format(v, unit))).join('')}`).join('');
  const rows = [
    ['first screen interactive (ms)', 'ms', (b) => b.interactive],
    ['fetched before the first screen, gzip -9 (B)', 'B', (b) => b.firstScreenGzip],
    ['first load: total, wire (B)', 'B', (b) => b.transfer],
  ];
  const lines = [
    `First visit, ${label}: the two builds, ${runs} run${runs === 1 ? '' : 's'} each, alternating run by run`,
    ''.padEnd(width) + names.map((n) => `  ${n.padStart(30)}`).join(''),
    ''.padEnd(width) + builds.map(() => `  ${['median', 'min', 'max'].map(cell).join('')}`).join(''),
    ...rows.map(([name, unit, get]) => `  ${name}`.padEnd(width) + cols(builds.map(get), unit)),
    '',
    `first visit, slow 4G: first screen interactive (median, min–max): ${builds.map((b) =>
      `${b.kind} ${b.interactive.median.toFixed(0)} ms (${b.interactive.min.toFixed(0)}–${b.interactive.max.toFixed(0)})`).join(', ')}`,
    `first visit, slow 4G: fetched before the first screen, gzip -9: ${builds.map((b) =>
      `${b.kind} ${format(b.firstScreenGzip.median, 'B')} B`).join(', ')}`,
  ];
  for (const [i, b] of builds.entries()) {
    lines.push('', `Fetched before the first screen, ${names[i]} (run 1), gzip -9:`);
    for (const f of [...b.files].sort((x, y) => y.gzip - x.gzip)) lines.push(`  ${String(f.gzip).padStart(9)} B  ${f.path}`);
  }
  return lines.join('\n');
}

/**
 * The visits coming back, two builds side by side (bench.mjs --compare): per profile, the
 * first contentful paint, the first screen interactive and their ratio, median (min–max).
 */
export function returnComparisonTable(comparisons, runs) {
  const lines = [`Coming back: the two builds, ${runs} run${runs === 1 ? '' : 's'} each, alternating run by run`];
  const range = (s, unit) => `${format(s.median, unit)} (${format(s.min, unit)}–${format(s.max, unit)})`;
  for (const { label, builds } of comparisons) {
    lines.push('', `  ${label}`);
    for (const b of builds) {
      lines.push(`    ${`${b.kind} (${b.build})`.padEnd(34)} FCP ${range(b.fcp, 'ms')} ms, interactive ${range(b.interactive, 'ms')} ms, ratio ${range(b.ratio, 'x')}`);
    }
  }
  return lines.join('\n');
}
