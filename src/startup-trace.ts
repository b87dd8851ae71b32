/**
 * Start-up trace: with MOJO_SCORER_STARTUP_TRACE=1 a server process writes one JSON line to
 * stderr once its app is built, just after it listens (a primary of several workers: once every
 * worker is ready):
 *
 *   {"startup":{"pid":…,"role":"server"|"worker"|"primary","worker":0,"origin":<epoch ms>,
 *     "phases":{"main":…,"run":…,"modules":…,"decode":…,"codegen":…,"serving":…,"listen":…,"app":…}}}
 *
 * `origin` is the process's start (performance.timeOrigin, epoch milliseconds) and each phase is
 * the milliseconds since then at which it ended, in order, so that a reader can line up a primary
 * and its workers: main (the runtime has started and cli.ts runs), run (the server's start-up
 * modules are loaded and runServer begins), modules (a serving process has loaded the serving
 * modules: the decoder, the scoring side, the real-time routes), decode (the model is decoded;
 * `codegen` of that time went to generating code), serving (session and invoker built), listen
 * (the port is served: /ping answers), app (the app with every other route is built, after the
 * port opened: Elysia, the OpenAPI document); a primary marks
 * spawn (its workers are started) and ready (all of them listen) instead.
 * bench/startup.ts reads these lines. Off by default: a mark is then one boolean test.
 */

/** The environment switch. */
export const STARTUP_TRACE_ENV = 'MOJO_SCORER_STARTUP_TRACE';

const enabled = typeof process !== 'undefined' && process.env?.[STARTUP_TRACE_ENV] === '1';
const phases: Record<string, number> = {};

/** Records that `phase` ends now (milliseconds since the process started). */
export function mark(phase: string): void {
  if (enabled) phases[phase] = round(performance.now());
}

/** Records a duration measured elsewhere (the code generation inside decoding). */
export function note(phase: string, ms: number): void {
  if (enabled) phases[phase] = round(ms);
}

/** Writes the trace line (once per process, at the end of its start-up). */
export function writeTrace(role: 'server' | 'worker' | 'primary', worker?: number): void {
  if (!enabled) return;
  const line = { startup: { pid: process.pid, role, worker, origin: round(performance.timeOrigin), phases } };
  process.stderr.write(`${JSON.stringify(line)}\n`);
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}

mark('main');
