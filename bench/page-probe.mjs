/**
 * Instrumentation injected into the page before the app's own scripts (page.addInitScript).
 * It only observes; the app runs its normal code path. Times are performance.now(), i.e.
 * milliseconds since navigation start. Everything lands in `window.__bench`:
 *
 * - `phases`: engine badge phases ([data-testid=engine-status] data-phase) as they change;
 * - `tables`: when each table first shows in the table panel with a row count;
 * - `cells`: per cell id, each change of its segment counts, spinner and chart (each drawn
 *   <svg> numbered, so a redraw is a new state);
 * - `actions`: user input, change and button click events (file chosen, preset added,
 *   parameter edited, tab opened), taken in the capture phase, before the app's handlers;
 * - `longtasks`: PerformanceObserver('longtask') entries (main thread, > 50 ms);
 * - `worker`: every message to and from the DuckDB worker (type, SQL text, time), from which
 *   statement timings and the SQL replayed on native DuckDB are taken.
 *
 * Must stay self-contained: Playwright serialises the function into the page.
 */
export function pageProbe({ seedNotebook }) {
  const bench = {
    marks: {},
    phases: [],
    tables: {},
    cells: {},
    actions: [],
    longtasks: [],
    worker: [],
  };
  window.__bench = bench;
  const now = () => performance.now();

  if (seedNotebook && !localStorage.getItem('seglab.notebook')) {
    localStorage.setItem('seglab.notebook', seedNotebook);
  }

  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        bench.longtasks.push({ start: e.startTime, duration: e.duration });
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    bench.marks.noLongtaskApi = true;
  }

  const onAction = (e) => {
    const el = e.type === 'click' ? e.target.closest?.('button') : e.target;
    if (!(el instanceof HTMLElement)) return;
    if (
      e.type !== 'click' &&
      !(el instanceof HTMLInputElement || el instanceof HTMLSelectElement)
    ) {
      return;
    }
    const files = el instanceof HTMLInputElement && el.type === 'file' ? [...(el.files ?? [])] : [];
    bench.actions.push({
      kind: e.type,
      testid: el.dataset.testid ?? null,
      cell: el.closest('[data-cell-id]')?.getAttribute('data-cell-id') ?? null,
      value: files.length > 0 ? files.map((f) => f.name).join(',') : (el.value ?? null),
      t: now(),
    });
  };
  document.addEventListener('change', onAction, true);
  document.addEventListener('input', onAction, true);
  document.addEventListener('click', onAction, true);

  const QUERY_TYPES = new Set(['RUN_QUERY', 'START_PENDING_QUERY', 'CREATE_PREPARED']);
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        const d = e.data;
        if (d && typeof d === 'object' && 'requestId' in d) {
          bench.worker.push({ dir: 'in', id: d.requestId, type: d.type, t: now() });
        }
      });
    }
    postMessage(message, ...rest) {
      if (message && typeof message === 'object' && 'messageId' in message) {
        const { type, data } = message;
        const entry = { dir: 'out', id: message.messageId, type, t: now() };
        if (QUERY_TYPES.has(type) && Array.isArray(data)) entry.sql = String(data[1]);
        if (type === 'INSERT_ARROW_FROM_IPC_STREAM' && Array.isArray(data)) {
          entry.table = data[2]?.name ?? null;
          entry.bytes = data[1]?.byteLength ?? 0;
        }
        if (/^(REGISTER_FILE|DROP_FILE)/.test(type)) {
          entry.file = Array.isArray(data) ? String(data[0]) : String(data);
        }
        bench.worker.push(entry);
      }
      return super.postMessage(message, ...rest);
    }
  };

  // Each draw is a new state: the chart's `data-draws` count (a chart updated in place keeps its
  // <svg>); for builds without it, each new <svg> gets a number.
  const svgIds = new WeakMap();
  let svgCount = 0;
  const chartState = (chart) => {
    if (!chart) return '';
    const svg = chart.querySelector('svg');
    if (chart.getAttribute('data-rendered') !== 'true' || !svg) return 'present';
    const draws = chart.getAttribute('data-draws');
    if (draws) return `rendered#${draws}`;
    if (!svgIds.has(svg)) svgIds.set(svg, ++svgCount);
    return `rendered#${svgIds.get(svg)}`;
  };

  // textContent only: innerText would force layout on every DOM change.
  const cellState = (cell) => {
    const rows = [...cell.querySelectorAll('[data-testid=segment-summary] tbody tr')];
    const chart = cell.querySelector('[data-testid=chart], [data-testid=quadrant-chart]');
    return {
      counts: rows
        .map((r) => {
          const n = r.querySelector('[data-testid=segment-count]')?.textContent ?? '';
          return `${r.getAttribute('data-segment')}=${n}`;
        })
        .join('|'),
      // The run's own spinner, next to the counts (charts have spinners of their own).
      busy: Boolean(cell.querySelector('[data-testid=cell-status] .spinner')),
      error: Boolean(cell.querySelector('[data-testid=cell-error]')),
      chart: chartState(chart),
      // Bumped when a draw's first rows are on screen (a progressive chart adds the rest after).
      firstDraw: chart?.getAttribute('data-first-draws') ?? '',
      // The quadrant panel's own counts per segment and quadrant (builds without it: '').
      quadrant:
        cell.querySelector('[data-testid=quadrant-panel]')?.getAttribute('data-counts') ?? '',
    };
  };

  const scan = () => {
    const t = now();
    const badge = document.querySelector('[data-testid=engine-status]');
    if (badge && bench.marks.mounted === undefined) bench.marks.mounted = t;
    const phase = badge?.getAttribute('data-phase');
    if (phase && bench.phases.at(-1)?.phase !== phase) bench.phases.push({ phase, t });
    for (const li of document.querySelectorAll('[data-testid=table-list] li[data-table]')) {
      const name = li.getAttribute('data-table');
      const meta = li.querySelector('.meta')?.textContent ?? '';
      if (!bench.tables[name] && /\d/.test(meta)) bench.tables[name] = { t, meta: meta.trim() };
    }
    for (const cell of document.querySelectorAll('[data-testid=cell][data-cell-id]')) {
      const id = cell.getAttribute('data-cell-id');
      const history = (bench.cells[id] ??= []);
      const state = cellState(cell);
      const last = history.at(-1);
      if (
        !last ||
        last.counts !== state.counts ||
        last.busy !== state.busy ||
        last.error !== state.error ||
        last.chart !== state.chart ||
        last.firstDraw !== state.firstDraw ||
        last.quadrant !== state.quadrant
      ) {
        history.push({ ...state, t });
      }
    }
  };
  new MutationObserver(scan).observe(document, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
    attributeFilter: [
      'data-phase',
      'data-rendered',
      'data-draws',
      'data-first-draws',
      'data-counts',
      'class',
    ],
  });
}
