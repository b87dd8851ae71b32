/**
 * What the shared HTTP habits (src/server/habits) cost per request (`bun bench/http-habits.ts
 * [runs]`): one-row POST /invocations of the demo model through `app.handle` alone and through
 * the wrapper with the default settings (request id only; gzip on but not asked for), then with
 * the access log and CORS on. Medians of `runs` rounds (default 9) of 10k requests, as
 * microseconds per request of this process's CPU time (wall-clock rates swing with the
 * neighbours' load on a shared machine).
 */
import { decodeModel } from '../src/algos/index.ts';
import { DEMO_MODEL_PATH } from '../src/demo/index.ts';
import { httpHabitsFromEnv, withHttpHabits } from '../src/server/habits/index.ts';
import { createApp } from '../src/server/index.ts';
import { silentLogger } from '../src/server/log.ts';

const runs = Number(process.argv[2] ?? 9);
const REQUESTS = 10_000;
const BODY = '{"tenure_months": 12, "monthly_charges": 70.5, "support_calls": 3, "plan": "basic", "region": "south"}';

const app = createApp(decodeModel(DEMO_MODEL_PATH), { log: silentLogger });
type Fetch = (r: Request) => Response | Promise<Response>;
const plain: Fetch = (r) => app.handle(r);
const variants: [string, Fetch][] = [
  ['app.handle alone', plain],
  ['habits, defaults', withHttpHabits(plain, httpHabitsFromEnv({}), silentLogger)],
  ['habits, access log + CORS', withHttpHabits(plain, httpHabitsFromEnv({ ACCESS_LOG: 'true', CORS_ORIGINS: '*' }), silentLogger)],
];

async function microsPerRequest(f: Fetch): Promise<number> {
  const t0 = process.cpuUsage();
  for (let i = 0; i < REQUESTS; i++) {
    const r = await f(
      new Request('http://localhost/invocations', {
        method: 'POST',
        body: BODY,
        headers: { 'content-type': 'application/json', origin: 'https://app.example.com' },
      }),
    );
    await r.text();
  }
  const used = process.cpuUsage(t0);
  return (used.user + used.system) / REQUESTS;
}

const samples = variants.map((): number[] => []);
for (const [, f] of variants) await microsPerRequest(f); // warm-up
for (let k = 0; k < runs; k++) for (let v = 0; v < variants.length; v++) samples[v].push(await microsPerRequest(variants[v][1]));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const base = median(samples[0]);
for (let v = 0; v < variants.length; v++) {
  const m = median(samples[v]);
  console.log(`${variants[v][0].padEnd(28)} ${m.toFixed(2)} µs/request${v === 0 ? '' : ` (+${(m - base).toFixed(2)})`}`);
}
