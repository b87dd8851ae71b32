/**
 * HTTP figures on loopback with wrk and ab (Debian packages `wrk`, `apache2-utils`):
 * our server vs a bare Bun.serve returning a constant, in the same run.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixturePath, fixtureRows } from './fixtures.ts';
import { freePort, spawnServer, stop, waitForOk } from './processes.ts';

export interface WrkResult {
  reqPerSec: number;
  p99Ms: number;
  errors: number;
}

export function haveTool(name: string): boolean {
  return Bun.spawnSync(['sh', '-c', `command -v ${name}`]).exitCode === 0;
}

function toMs(v: string, unit: string): number {
  const x = Number(v);
  return unit === 'us' ? x / 1000 : unit === 's' ? x * 1000 : x;
}

export function wrk(url: string, opts: { seconds: number; connections: number; script?: string }): WrkResult {
  const args = ['wrk', '-t1', `-c${opts.connections}`, `-d${opts.seconds}s`, '--latency'];
  if (opts.script) args.push('-s', opts.script);
  args.push(url);
  const out = Bun.spawnSync(args).stdout.toString();
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
  const p99 = /\s99%\s+([\d.]+)(us|ms|s)/.exec(out);
  const errs = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    reqPerSec: rps ? Number(rps[1]) : NaN,
    p99Ms: p99 ? toMs(p99[1], p99[2]) : NaN,
    errors: (errs ? Number(errs[1]) : 0) + (sock ? Number(sock[1]) + Number(sock[2]) + Number(sock[3]) + Number(sock[4]) : 0),
  };
}

export function ab(url: string, bodyFile: string, n: number): { failed: number; non2xx: number; reqPerSec: number } {
  const out = Bun.spawnSync([
    'ab',
    '-q',
    '-k',
    '-c',
    '40',
    '-n',
    String(n),
    '-p',
    bodyFile,
    '-T',
    'application/json',
    url,
  ]).stdout.toString();
  const failed = /Failed requests:\s+(\d+)/.exec(out);
  const non2xx = /Non-2xx responses:\s+(\d+)/.exec(out);
  const rps = /Requests per second:\s+([\d.]+)/.exec(out);
  return { failed: failed ? Number(failed[1]) : NaN, non2xx: non2xx ? Number(non2xx[1]) : 0, reqPerSec: rps ? Number(rps[1]) : NaN };
}

export interface HttpResults {
  /** Best of the interleaved rounds, per side and call. */
  bareGet: WrkResult;
  ourGet: WrkResult;
  barePost: WrkResult;
  ourPost: WrkResult;
  rounds: number;
  ab: { failed: number; non2xx: number; reqPerSec: number };
  workers1: WrkResult;
  workers2: WrkResult;
}

/** The better of two wrk runs by req/s (the other's p99 is dropped with it). */
function best(a: WrkResult | undefined, b: WrkResult): WrkResult {
  return a === undefined || b.reqPerSec > a.reqPerSec ? b : a;
}

/**
 * One-row HTTP, ours (one worker) against the fair bare (bare-server.ts), in interleaved rounds:
 * bare GET, our GET, bare POST, our POST, per round; each figure is its side's best round.
 */
export async function benchHttp(fixture: string, seconds: number, abRequests: number, rounds = 2): Promise<HttpResults> {
  const dir = mkdtempSync(join(tmpdir(), 'mojo-bench-'));
  const rows = fixtureRows(fixture);
  const model = fixturePath(fixture);

  const barePort = freePort();
  const bare = spawnServer(['bench/bare-server.ts', String(barePort)]);
  const port = freePort();
  const one = spawnServer(['src/cli.ts', 'serve', '--model', model, '--port', String(port)], { SAGEMAKER_MODEL_SERVER_WORKERS: '1' });
  await waitForOk(`http://127.0.0.1:${barePort}/?x=1`);
  await waitForOk(`http://127.0.0.1:${port}/ping`);
  const base = `http://127.0.0.1:${port}`;
  // The load row: the first complete data row the server scores in strict mode (the fixture's
  // leading edge rows hold "abc", ±1e308 and the like on purpose).
  let row: Record<string, string> | undefined;
  for (const r of rows) {
    if (Object.keys(r).length < Object.keys(rows[1] ?? r).length) continue;
    const res = await fetch(`${base}/invocations`, {
      method: 'POST',
      body: JSON.stringify(r),
      headers: { 'content-type': 'application/json' },
    });
    await res.text();
    if (res.ok) {
      row = r;
      break;
    }
  }
  if (row === undefined) throw new Error(`no row of ${fixture} scores in strict mode`);
  const body = JSON.stringify(row);
  writeFileSync(join(dir, 'row.json'), body);
  const lua = join(dir, 'post.lua');
  writeFileSync(lua, `wrk.method = "POST"\nwrk.body = ${JSON.stringify(body)}\nwrk.headers["Content-Type"] = "application/json"\n`);
  const query = new URLSearchParams(row).toString();
  const load = { seconds, connections: 40 };
  let bareGet: WrkResult | undefined;
  let ourGet: WrkResult | undefined;
  let barePost: WrkResult | undefined;
  let ourPost: WrkResult | undefined;
  for (let r = 0; r < rounds; r++) {
    bareGet = best(bareGet, wrk(`http://127.0.0.1:${barePort}/predict_parameters?${query}`, load));
    ourGet = best(ourGet, wrk(`${base}/predict_parameters?${query}`, load));
    barePost = best(barePost, wrk(`http://127.0.0.1:${barePort}/invocations`, { ...load, script: lua }));
    ourPost = best(ourPost, wrk(`${base}/invocations`, { ...load, script: lua }));
  }
  await stop(bare);
  const abRes = ab(`${base}/invocations`, join(dir, 'row.json'), abRequests);
  const workers1 = ourGet as WrkResult;
  await stop(one);

  const port2 = freePort();
  const two = spawnServer(['src/cli.ts', 'serve', '--model', model, '--port', String(port2)], { SAGEMAKER_MODEL_SERVER_WORKERS: '2' });
  await waitForOk(`http://127.0.0.1:${port2}/ping`);
  await Bun.sleep(500); // let the second worker come up
  const workers2 = wrk(`http://127.0.0.1:${port2}/predict_parameters?${query}`, load);
  await stop(two);
  return {
    bareGet: bareGet as WrkResult,
    ourGet: workers1,
    barePost: barePost as WrkResult,
    ourPost: ourPost as WrkResult,
    rounds,
    ab: abRes,
    workers1,
    workers2,
  };
}
