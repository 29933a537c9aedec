/**
 * A Chrome trace (devtools.timeline) and a CDP CPU profile of a page, and a report of its
 * main-thread tasks over a length: the trace events inside each and the functions the profile
 * sampled there. Used by workbook-trace.mjs and flow-trace.mjs; never part of `npm test`.
 */
export const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'v8',
  'toplevel',
  'blink.user_timing',
];

/** Starts the trace and the profile; resolves to a function that stops both. */
export async function record(cdp) {
  const events = [];
  cdp.on('Tracing.dataCollected', (e) => events.push(...e.value));
  await cdp.send('Tracing.start', {
    traceConfig: { includedCategories: CATEGORIES },
    transferMode: 'ReportEvents',
  });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile } = await cdp.send('Profiler.stop');
    const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await complete;
    return { events, profile };
  };
}

export function report({ events, profile }, min) {
  const threads = new Map();
  const key = (e) => `${e.pid}:${e.tid}`;
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name') threads.set(key(e), e.args.name);
  }
  const counts = new Map();
  for (const e of events) {
    if (threads.get(key(e)) === 'CrRendererMain') counts.set(key(e), (counts.get(key(e)) ?? 0) + 1);
  }
  const main = [...counts].sort((a, b) => b[1] - a[1])[0][0];
  const onMain = events.filter((e) => key(e) === main && e.ph === 'X');
  const tasks = onMain.filter(
    (e) => e.name === 'ThreadControllerImpl::RunTask' && e.dur > min * 1000,
  );
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const samples = [];
  let t = profile.startTime;
  profile.samples.forEach((id, i) => samples.push([(t += profile.timeDeltas[i]), id]));
  const label = ({ callFrame: f }) =>
    `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
  const top = (map) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([k, v]) => `${k} ×${v}`)
      .join(' | ');
  const first = events.find((e) => e.ts > 0)?.ts ?? 0;
  // performance.mark() calls on the page (e.g. flow-trace.mjs's steps) name where a task fell.
  const marks = events
    .filter((e) => e.cat?.includes('blink.user_timing') && (e.ph === 'R' || e.ph === 'I'))
    .sort((a, b) => a.ts - b.ts);
  for (const task of tasks) {
    const [from, to] = [task.ts, task.ts + task.dur];
    const at = ((from - first) / 1000).toFixed(0);
    const step = marks.filter((m) => m.ts <= from).at(-1)?.name ?? '';
    console.log(
      `\n== ${(task.dur / 1000).toFixed(0)} ms task, ${at} ms into the recording ${step ? `(after mark ${step})` : ''}`,
    );
    const inside = onMain.filter(
      (e) => e !== task && e.ts >= from && e.ts + e.dur <= to && e.dur > 5000,
    );
    for (const e of inside.slice(0, 20)) {
      const data = JSON.stringify(e.args?.data ?? {}).slice(0, 100);
      console.log(
        `  +${((e.ts - from) / 1000).toFixed(0)} ${(e.dur / 1000).toFixed(1)} ms ${e.name} ${data}`,
      );
    }
    const self = new Map();
    const total = new Map();
    for (const [ts, id] of samples) {
      if (ts < from || ts > to) continue;
      const leaf = label(nodes.get(id));
      self.set(leaf, (self.get(leaf) ?? 0) + 1);
      const seen = new Set();
      for (let c = id; c !== undefined; c = parent.get(c)) seen.add(label(nodes.get(c)));
      for (const name of seen) total.set(name, (total.get(name) ?? 0) + 1);
    }
    console.log(`  samples, self: ${top(self)}`);
    console.log(`  samples, total: ${top(total)}`);
  }
}
