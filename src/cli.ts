#!/usr/bin/env bun
/**
 * mojo-scorer command line: `serve` (the SageMaker/REST server), `score` (offline CSV
 * scoring), `inspect` (what a MOJO reads and writes). SageMaker runs the image with the single
 * argument `serve`. Every failure is one line on stderr and a non-zero exit (./cli/report.ts).
 */
// First, so that its start mark is taken before the other modules run.
import './startup-trace.ts';
import { fstatSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Command, OutputFormat } from './cli/index.ts';
import { BadRequestError, InvalidArgumentError } from './errors.ts';

/**
 * The modules of the commands, loaded by the command that needs them: `serve` starts without
 * the scoring CLI's (and a server's primary without the model decoder's), which is most of its
 * start-up time otherwise.
 */
const cliModules = () => import('./cli/index.ts');
const algosModules = () => import('./algos/index.ts');
type CliModules = Awaited<ReturnType<typeof cliModules>>;

const HELP_OPTION = { help: { type: 'boolean', short: 'h' } } as const;
/** Opts in to MOJO2 operations no published value verifies (also MOJO_ALLOW_UNVERIFIED=1). */
const UNVERIFIED_OPTION = { 'allow-unverified': { type: 'boolean', default: false } } as const;
const OPTIONS = {
  serve: {
    ...HELP_OPTION,
    ...UNVERIFIED_OPTION,
    model: { type: 'string' },
    port: { type: 'string' },
    'multi-model': { type: 'boolean', default: false },
  },
  score: {
    ...HELP_OPTION,
    ...UNVERIFIED_OPTION,
    model: { type: 'string' },
    input: { type: 'string' },
    format: { type: 'string', default: 'jsonl' },
    strict: { type: 'boolean', default: false },
    contributions: { type: 'boolean', default: false },
    leaf: { type: 'boolean', default: false },
    extra: { type: 'string' },
    progress: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
    workers: { type: 'string' },
  },
  inspect: { ...HELP_OPTION, ...UNVERIFIED_OPTION, model: { type: 'string' }, json: { type: 'boolean', default: false } },
  verify: {
    ...HELP_OPTION,
    ...UNVERIFIED_OPTION,
    model: { type: 'string' },
    input: { type: 'string' },
    expected: { type: 'string' },
    tolerance: { type: 'string' },
  },
} as const satisfies Record<Command, ParseArgsConfig['options']>;
const FORMATS: readonly string[] = ['jsonl', 'csv', 'json'];
/** Exit status of a usage error (bad or missing arguments); other failures exit 1. */
const USAGE_EXIT = 2;

/** A usage problem: reported in one line with a pointer to the command's help. */
class UsageProblem extends InvalidArgumentError {}

function isCommand(s: string | undefined): s is Command {
  return s === 'serve' || s === 'score' || s === 'inspect' || s === 'verify';
}

/** Strict parsing: an unknown flag, a missing value or a stray argument is a usage problem. */
function parseValues<C extends Command>(command: C, args: string[]) {
  try {
    return parseArgs({ args, options: OPTIONS[command], strict: true, allowPositionals: false }).values;
  } catch (e) {
    throw new UsageProblem(`${command}: ${(e as Error).message.split('\n')[0]} (see 'mojo-scorer ${command} --help')`);
  }
}

async function parse<C extends Command>(command: C, args: string[]) {
  const values = parseValues(command, args);
  // Set in the environment so that score workers and server workers inherit it.
  if ((values as { 'allow-unverified'?: boolean })['allow-unverified']) process.env[(await algosModules()).ALLOW_UNVERIFIED_ENV] = '1';
  return values;
}

function need(command: Command, value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageProblem(`${command} needs ${flag} (see 'mojo-scorer ${command} --help')`);
  return value;
}

function parsePort(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535) throw new UsageProblem(`serve: --port '${raw}' is not a port number (0-65535)`);
  return Number(raw);
}

/**
 * `--workers N`: 1 to 256 scoring threads (this one included); undefined without it. By default
 * (defaultWorkers) one per CPU this process may use.
 */
function parseWorkers(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{1,3}$/.test(raw) || Number(raw) < 1 || Number(raw) > 256)
    throw new UsageProblem(`score: --workers '${raw}' is not a number of threads (1-256)`);
  return Number(raw);
}

/** The input file must be a readable file ('-' is stdin). */
function checkInput(path: string): void {
  if (path === '-') return;
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InvalidArgumentError(`--input '${path}': ${code === 'ENOENT' ? 'no such file' : `cannot be read (${code})`}`);
  }
  if (!isFile) throw new InvalidArgumentError(`--input '${path}' is not a file`);
}

/** csv-parse's errors are bad input, not a bug. */
async function asInputError(e: unknown, input: string): Promise<unknown> {
  const { CsvError } = await import('csv-parse');
  if (e instanceof CsvError) return new BadRequestError(`${input === '-' ? 'stdin' : input}: not readable as CSV: ${e.message}`);
  return e;
}

/** The one explanation output asked for (--contributions, --leaf or --extra), if any; two are a usage problem. */
function explanationOutput(contributions: boolean, leaf: boolean, extra: string | undefined): string | undefined {
  const asked = [contributions ? '--contributions' : '', leaf ? '--leaf' : '', extra !== undefined ? '--extra' : ''].filter(
    (f) => f !== '',
  );
  // The server answers a 400 for the same request: pick none silently.
  if (asked.length > 1) throw new UsageProblem(`score: ${asked.join(' and ')} cannot be combined; ask for one output`);
  return contributions ? 'contributions' : leaf ? 'leaf' : extra;
}

async function score(args: string[]): Promise<number> {
  const values = await parse('score', args);
  const { decodeModel } = await algosModules();
  const { scoreFile, writeStdout, defaultWorkers } = await cliModules();
  if (values.help) return help('score');
  const modelPath = need('score', values.model, '--model');
  if (!FORMATS.includes(values.format)) throw new UsageProblem(`score: unknown --format '${values.format}' (jsonl, csv or json)`);
  const extra = explanationOutput(values.contributions, values.leaf, values.extra);
  const input = need('score', values.input, '--input');
  checkInput(input);
  const workers = parseWorkers(values.workers) ?? defaultWorkers(availableParallelism());
  const model = decodeModel(modelPath);
  const progress = scoreProgress(await cliModules(), input, values.progress, values.quiet);
  let rows = 0;
  let failed = 0;
  try {
    rows = await scoreFile(model, {
      input,
      format: values.format as OutputFormat,
      lenient: !values.strict,
      extra,
      workers,
      modelPath,
      write: writeStdout,
      progress: (n, f, bytes) => {
        failed = f;
        progress.update(n, f, bytes);
      },
    });
    progress.finish(rows, failed);
  } catch (e) {
    throw await asInputError(e, input);
  }
  return 0;
}

/** `verify`: exit 0 when every compared cell matches the reference, 1 otherwise. */
async function verify(args: string[]): Promise<number> {
  const values = await parse('verify', args);
  const { decodeModel } = await algosModules();
  const { verifyModel, writeStdout, formatReport } = await cliModules();
  if (values.help) return help('verify');
  const model = decodeModel(need('verify', values.model, '--model'));
  const input = need('verify', values.input, '--input');
  const expected = need('verify', values.expected, '--expected');
  checkInput(input);
  checkInput(expected);
  const tolerance = values.tolerance === undefined ? 0 : Number(values.tolerance);
  if (!(tolerance >= 0) || !Number.isFinite(tolerance))
    throw new UsageProblem(`verify: --tolerance '${values.tolerance}' is not a non-negative number`);
  const report = await verifyModel(model, input, expected, { tolerance });
  await writeStdout(`${formatReport(report, tolerance)}\n`);
  return report.differences === 0 ? 0 : 1;
}

/**
 * Whether stderr is a terminal. process.stderr builds stderr's stream on first use (node:stream
 * and its modules: 20-40 ms of a `score` run), so it is only asked when stderr is a character
 * device at all (a terminal, or /dev/null), not when it is a file or a pipe.
 */
function stderrIsTerminal(): boolean {
  try {
    if (!fstatSync(2).isCharacterDevice()) return false;
  } catch {
    return false;
  }
  return process.stderr.isTTY === true;
}

/** Live progress when stderr is a terminal; the summary then or with --progress; nothing with --quiet. */
function scoreProgress({ ScoreProgress, inputSize }: CliModules, input: string, asked: boolean, quiet: boolean) {
  const tty = !quiet && stderrIsTerminal();
  const totalBytes = inputSize(input);
  return new ScoreProgress({
    live: tty,
    summary: !quiet && (tty || asked),
    totalBytes,
    write: (text) => process.stderr.write(text),
  });
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve': {
      const values = await parse('serve', rest);
      if (values.help) return help('serve');
      const port = parsePort(values.port);
      const { runServer } = await import('./server/run.ts');
      await runServer({ model: values.model, port, multiModel: values['multi-model'] });
      return -1; // keeps running
    }
    case 'score':
      return score(rest);
    case 'inspect': {
      const values = await parse('inspect', rest);
      if (values.help) return help('inspect');
      const { inspectModel, writeStdout, formatDescription } = await cliModules();
      const d = inspectModel(need('inspect', values.model, '--model'));
      await writeStdout(values.json ? `${JSON.stringify(d, null, 2)}\n` : `${formatDescription(d)}\n`);
      return 0;
    }
    case 'verify':
      return verify(rest);
    case '-V':
    case '--version':
    case 'version': {
      const { writeStdout, VERSION } = await cliModules();
      await writeStdout(`mojo-scorer ${VERSION}\n`);
      return 0;
    }
    case '-h':
    case '--help':
    case 'help': {
      const topic = rest[0];
      if (topic === undefined) return help();
      if (!isCommand(topic)) throw new UsageProblem(`no help for '${topic}': the commands are serve, score, inspect, verify`);
      return help(topic);
    }
    case undefined:
      throw new UsageProblem("no command given (see 'mojo-scorer --help')");
    default:
      throw new UsageProblem(`unknown command '${command}' (see 'mojo-scorer --help')`);
  }
}

async function help(command?: Command): Promise<number> {
  const { writeStdout, USAGE, COMMAND_HELP } = await cliModules();
  await writeStdout(`${command === undefined ? USAGE : COMMAND_HELP[command]}\n`);
  return 0;
}

if (import.meta.main) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) process.exitCode = code;
    },
    async (e: unknown) => {
      const { OutputClosedError, errorLine } = await cliModules();
      // The reader of the output went away (`score … | head`): stop quietly, as standard tools do.
      if (e instanceof OutputClosedError) {
        process.exitCode = 0;
        return;
      }
      process.stderr.write(`${errorLine(e, process.env.MOJO_SCORER_DEBUG === '1')}\n`);
      process.exitCode = e instanceof UsageProblem ? USAGE_EXIT : 1;
    },
  );
}
