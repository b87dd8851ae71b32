/**
 * `bun bench/soak.ts [seconds]`: a mixed soak of the demo server on loopback — good requests and
 * a mix of bad ones (malformed bodies, wrong types, ragged rows, hostile headers, unknown routes,
 * oversized headers, H2O and protocol bodies) sent by several clients at once for a bounded time.
 * It reports requests sent, answers by status, unexpected answers (a 5xx, or a status the request
 * kind never gets), /ping latency while the mix runs, and the server's resident memory at the
 * start, the middle and the end (flat memory: the last reading within a small factor of the
 * middle one). Exits non-zero on any unexpected answer. Loopback only; stops by itself.
 */
import { freePort, rssOf, spawnServer, stop, waitForOk } from './processes.ts';

const seconds = Number(process.argv[2] ?? 60);
const CLIENTS = 8;

interface Probe {
  name: string;
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
  /** Statuses this request may get; anything else is unexpected. */
  ok: number[];
}

const GOOD_ROW = '{"tenure_months": 12, "monthly_charges": 70.5, "support_calls": 2, "plan": "basic", "region": "north"}';
const CSV_BATCH = `tenure_months,monthly_charges,support_calls,plan,region\n${'12,70.5,2,basic,north\n'.repeat(500)}`;
const JSON_CT = { 'content-type': 'application/json' };
const CSV = { 'content-type': 'text/csv' };

const PROBES: Probe[] = [
  { name: 'one row', method: 'POST', path: '/invocations', body: GOOD_ROW, headers: JSON_CT, ok: [200] },
  { name: 'csv batch', method: 'POST', path: '/invocations', body: CSV_BATCH, headers: CSV, ok: [200] },
  { name: 'query row', method: 'GET', path: '/predict_parameters?tenure_months=3&plan=basic', ok: [200] },
  { name: 'ping', method: 'GET', path: '/ping', ok: [200] },
  { name: 'malformed json', method: 'POST', path: '/invocations', body: '{"tenure_months": ', headers: JSON_CT, ok: [400] },
  { name: 'wrong type', method: 'POST', path: '/invocations', body: '{"tenure_months": [1,2]}', headers: JSON_CT, ok: [400] },
  { name: 'unknown keys only', method: 'POST', path: '/invocations', body: '{"AGE": 65}', headers: JSON_CT, ok: [400] },
  { name: 'ragged csv', method: 'POST', path: '/invocations', body: '1,2\n3\n', headers: CSV, ok: [400] },
  { name: 'unterminated quote', method: 'POST', path: '/invocations', body: 'a,"b\n', headers: CSV, ok: [400] },
  { name: 'empty body', method: 'POST', path: '/invocations', body: '', headers: JSON_CT, ok: [400] },
  {
    name: 'bad charset',
    method: 'POST',
    path: '/invocations',
    body: GOOD_ROW,
    headers: { 'content-type': `application/json; charset=${'x'.repeat(8000)}` },
    ok: [415],
  },
  {
    name: 'bad encoding',
    method: 'POST',
    path: '/invocations',
    body: GOOD_ROW,
    headers: { ...JSON_CT, 'content-encoding': 'zz' },
    ok: [415],
  },
  { name: 'bad accept', method: 'POST', path: '/invocations', body: GOOD_ROW, headers: { ...JSON_CT, accept: 'image/png' }, ok: [406] },
  { name: 'bad style', method: 'POST', path: '/invocations?style=nope', body: GOOD_ROW, headers: JSON_CT, ok: [400] },
  {
    name: 'both explanations',
    method: 'POST',
    path: '/invocations?contributions=true&leaf=true',
    body: GOOD_ROW,
    headers: JSON_CT,
    ok: [400],
  },
  {
    name: 'h2o score',
    method: 'POST',
    path: '/model/score',
    body: '{"fields":["tenure_months"],"rows":[["3"],["x"]]}',
    headers: JSON_CT,
    ok: [200, 400],
  },
  { name: 'h2o malformed', method: 'POST', path: '/model/score', body: '{"fields": "tenure_months"}', headers: JSON_CT, ok: [400] },
  { name: 'v2 infer bad', method: 'POST', path: '/v2/models/x/infer', body: '{"inputs": 1}', headers: JSON_CT, ok: [400, 404] },
  {
    name: 'mlflow split',
    method: 'POST',
    path: '/invocations',
    body: '{"dataframe_split":{"columns":["tenure_months"],"data":[[3]]}}',
    headers: JSON_CT,
    ok: [200],
  },
  { name: 'wrong method', method: 'GET', path: '/invocations', ok: [405] },
  { name: 'no route', method: 'GET', path: '/nope/x%00', ok: [404] },
  {
    name: 'proto name',
    method: 'POST',
    path: '/invocations',
    body: '{"__proto__": {"x": 1}, "constructor": 2}',
    headers: JSON_CT,
    ok: [400],
  },
];

const port = freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawnServer(['src/cli.ts', 'serve'], { PORT: String(port), SAGEMAKER_MODEL_SERVER_WORKERS: '1', METRICS: 'true' });
const counts = new Map<string, number>();
const unexpected: string[] = [];
let sent = 0;
try {
  await waitForOk(`${base}/ping`);
  const rss0 = rssOf(server.pid);
  const end = performance.now() + seconds * 1000;
  let rssMid = 0;
  const pingMs: number[] = [];
  const client = async (k: number) => {
    for (let i = k; performance.now() < end; i += CLIENTS) {
      const p = PROBES[i % PROBES.length];
      const res = await fetch(base + p.path, { method: p.method, body: p.body, headers: p.headers });
      await res.arrayBuffer();
      sent++;
      const key = `${p.name} ${res.status}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (!p.ok.includes(res.status) && unexpected.length < 20) unexpected.push(key);
    }
  };
  const pinger = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      await (await fetch(`${base}/ping`)).arrayBuffer();
      pingMs.push(performance.now() - t0);
      if (rssMid === 0 && performance.now() > end - (seconds * 1000) / 2) rssMid = rssOf(server.pid);
      await Bun.sleep(50);
    }
  };
  await Promise.all([...Array.from({ length: CLIENTS }, (_, k) => client(k)), pinger()]);
  const rss1 = rssOf(server.pid);
  pingMs.sort((a, b) => a - b);
  const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;
  console.log(`soak: ${seconds} s, ${CLIENTS} clients, ${sent} requests (${Math.round(sent / seconds)}/s)`);
  for (const [k, n] of [...counts].sort()) console.log(`  ${k}: ${n}`);
  console.log(
    `  /ping while soaking: median ${pingMs[pingMs.length >> 1]?.toFixed(1)} ms, max ${pingMs[pingMs.length - 1]?.toFixed(1)} ms`,
  );
  console.log(`  resident memory: start ${mb(rss0)}, middle ${mb(rssMid)}, end ${mb(rss1)}`);
  console.log(`  unexpected answers: ${unexpected.length === 0 ? 'none' : unexpected.join('; ')}`);
  if (unexpected.length > 0) process.exitCode = 1;
} finally {
  await stop(server);
}
