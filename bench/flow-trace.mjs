/**
 * What runs in the page's long tasks during the analyst's session (flows.mjs userFlow): records a
 * Chrome trace and a CPU profile from the engine being ready to the session's end, and prints each
 * main-thread task over --min ms with the step it fell in (a performance.mark per step), the trace
 * events inside it and the functions sampled there. Never part of `npm test`.
 *
 *   npm run build && node bench/flow-trace.mjs [--size 100k] [--min 50] [--reseg split|quadrant]
 *                                              [--engine single|threads]
 */
import { parseArgs } from 'node:util';
import { serveDist } from '../scripts/serve-dist.mjs';
import { userFlow } from './flows.mjs';
import { ensureData } from './generate.mjs';
import { flowMetrics } from './report.mjs';
import { record, report } from './trace.mjs';

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '100k' },
    min: { type: 'string', default: '50' },
    reseg: { type: 'string', default: 'split' },
    engine: { type: 'string', default: 'single' },
    dist: { type: 'string', default: 'dist' },
  },
});
const data = { ...(await ensureData(values.size)), label: values.size };
const server = await serveDist(values.dist, { isolated: values.engine === 'threads' });
try {
  const url = `${server.url}?engine=${values.engine}`;
  const result = await userFlow(url, data, {
    reseg: values.reseg,
    record: async (s) => {
      const cdp = await s.context.newCDPSession(s.page);
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
      return record(cdp);
    },
  });
  if (result.failed) console.log('failed:', result.failed);
  console.log('longest tasks:', JSON.stringify(result.longestTask));
  const m = flowMetrics(result);
  console.log(
    'steps (ms):',
    JSON.stringify(m, (_k, v) => (typeof v === 'number' ? Math.round(v) : v)),
  );
  if (result.recording) report(result.recording, Number(values.min));
} finally {
  await server.close();
}
