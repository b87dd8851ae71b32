#!/usr/bin/env bun
/**
 * mojo-scorer command line: `serve` (the SageMaker/REST server), `score` (offline CSV
 * scoring), `inspect` (what a MOJO reads and writes). SageMaker runs the image with the single
 * argument `serve`.
 */
import { parseArgs } from 'node:util';
import { loadModel } from './algos/index.ts';
import { describeModel, formatDescription } from './cli/inspect.ts';
import { scoreFile, type OutputFormat } from './cli/score.ts';
import { ScorerError } from './errors.ts';

const USAGE = `usage:
  mojo-scorer serve   [--model PATH] [--port N] [--multi-model]
  mojo-scorer score   --model PATH --input FILE.csv [--format jsonl|csv|json] [--strict]
                      [--contributions | --leaf | --extra NAME]
  mojo-scorer inspect --model PATH [--json]

  PATH: a MOJO .zip/.mojo file, a folder holding model.ini, or a model.tar.gz.
  serve: --model, else MODEL_PATH, else the one MOJO in /opt/ml/model, else the demo model.
         Port: --port, else SAGEMAKER_BIND_TO_PORT, else PORT, else 8080.
         --multi-model (or SAGEMAKER_MULTI_MODEL=true): SageMaker's multi-model endpoint,
         models loaded on request from MULTI_MODEL_ROOT (default /opt/ml/models).
  score: lenient by default (unparsable numbers are missing, as h2o's PredictCsv);
         --strict makes them an error.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve': {
      const { values } = parseArgs({
        args: rest,
        options: { model: { type: 'string' }, port: { type: 'string' }, 'multi-model': { type: 'boolean', default: false } },
      });
      const { runServer } = await import('./server/index.ts');
      await runServer({
        model: values.model,
        port: values.port === undefined ? undefined : Number(values.port),
        multiModel: values['multi-model'],
      });
      return -1; // keeps running
    }
    case 'score': {
      const { values } = parseArgs({
        args: rest,
        options: {
          model: { type: 'string' },
          input: { type: 'string' },
          format: { type: 'string', default: 'jsonl' },
          strict: { type: 'boolean', default: false },
          contributions: { type: 'boolean', default: false },
          leaf: { type: 'boolean', default: false },
          extra: { type: 'string' },
        },
      });
      if (!values.model || !values.input) return usage('score needs --model and --input');
      const format = values.format as OutputFormat;
      if (!['jsonl', 'csv', 'json'].includes(format)) return usage(`unknown --format '${values.format}'`);
      const extra = values.contributions ? 'contributions' : values.leaf ? 'leaf' : values.extra;
      const model = loadModel(values.model);
      const writer = Bun.stdout.writer();
      await scoreFile(model, {
        input: values.input,
        format,
        lenient: !values.strict,
        extra,
        write: (chunk) => {
          writer.write(chunk);
          return writer.flush() as unknown as Promise<void>;
        },
      });
      await writer.end();
      return 0;
    }
    case 'inspect': {
      const { values } = parseArgs({ args: rest, options: { model: { type: 'string' }, json: { type: 'boolean', default: false } } });
      if (!values.model) return usage('inspect needs --model');
      const d = describeModel(loadModel(values.model));
      process.stdout.write(values.json ? `${JSON.stringify(d, null, 2)}\n` : `${formatDescription(d)}\n`);
      return 0;
    }
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      return usage(`unknown command '${command}'`);
  }
}

function usage(problem: string): number {
  process.stderr.write(`mojo-scorer: ${problem}\n${USAGE}\n`);
  return 2;
}

if (import.meta.main) {
  main(process.argv.slice(2)).then(
    (code) => {
      if (code >= 0) process.exitCode = code;
    },
    (e: unknown) => {
      if (e instanceof ScorerError) process.stderr.write(`mojo-scorer: [${e.code}] ${e.message}\n`);
      else process.stderr.write(`mojo-scorer: ${(e as Error)?.stack ?? String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
