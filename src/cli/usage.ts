/** Help texts of the command line: one per subcommand, every option listed. */

export type Command = 'serve' | 'score' | 'inspect' | 'verify';

const MODEL_PATH = `  PATH is an H2O-3 MOJO .zip/.mojo file or a folder holding model.ini, a Driverless AI
  pipeline.mojo (or its unzipped folder), or a model.tar.gz holding one of them.`;
const UNVERIFIED = `  --allow-unverified  score Driverless AI pipelines that use operations no published
                      value verifies (also MOJO_ALLOW_UNVERIFIED=1); a warning is logged`;

export const COMMAND_HELP: Record<Command, string> = {
  serve: `usage: mojo-scorer serve [--model PATH] [--port N] [--multi-model]

Serves the model over HTTP: SageMaker's routes (/ping, /invocations), H2O's REST
scorer (/model/score), the model page at /, Swagger UI at /swagger, /metrics.
Settings come from the environment (README: Configuration).

  --model PATH   the model; else MODEL_PATH, else the one MOJO in /opt/ml/model,
                 else the bundled demo model
  --port N       0-65535; else SAGEMAKER_BIND_TO_PORT, else PORT, else 8080
  --multi-model  SageMaker's multi-model endpoint (or SAGEMAKER_MULTI_MODEL=true):
                 models are loaded on request from under MULTI_MODEL_ROOT
                 (default /opt/ml/models)
  -h, --help     this help
${UNVERIFIED}
${MODEL_PATH}`,
  score: `usage: mojo-scorer score --model PATH --input FILE [options]

Scores a CSV file (header row first) and writes one result per row to stdout.

  --model PATH       the model (required)
  --input FILE       the CSV to score (required); '-' reads stdin
  --format F         jsonl (default), csv or json
  --strict           an unparsable number is an error (default: a missing value,
                     as h2o's PredictCsv)
  --contributions    write SHAP contributions instead of predictions
  --leaf             write leaf-node assignments instead of predictions
  --extra NAME       write the model's extra output NAME instead of predictions
                     (one of --contributions, --leaf, --extra at a time)
  --progress         print a summary line (rows, errors, seconds) on stderr at the end;
                     when stderr is a terminal, live progress and the summary are on anyway
  --quiet            nothing on stderr but errors
  --workers N        score on at most N threads, this one included (1-256;
                     default one per CPU): the others join once the file looks
                     to take over ~2 s on one
                     (MOJO_SCORER_WORKERS_AFTER_MS); output stays in input order
  -h, --help         this help
${UNVERIFIED}
${MODEL_PATH}`,
  inspect: `usage: mojo-scorer inspect --model PATH [--json]

Describes what a MOJO is and which columns it reads and writes.

  --model PATH   the model (required)
  --json         machine-readable output
  -h, --help     this help
${UNVERIFIED}
${MODEL_PATH}`,
  verify: `usage: mojo-scorer verify --model PATH --input FILE --expected FILE [--tolerance T]

Scores FILE and compares the result, column by column (by name), with a reference runtime's
output for the same rows: the Driverless AI runtime's CSV for a pipeline.mojo, or
h2o-genmodel's PredictCsv output for an H2O-3 MOJO. Prints a summary and the first differing
cells; exits 1 when any compared cell differs.

  --model PATH      the model (required)
  --input FILE      the rows, CSV with a header (required)
  --expected FILE   the reference output, CSV with a header, one row per input row (required)
  --tolerance T     accept |ours - reference| <= T * max(1, |reference|) (default 0: equal doubles)
  -h, --help        this help
${UNVERIFIED}
${MODEL_PATH}`,
};

export const USAGE = `usage: mojo-scorer <command> [options]

commands:
  serve     serve the model over HTTP (what SageMaker runs)
  score     score a CSV file to stdout
  inspect   describe a model's inputs and outputs
  verify    compare the scores of a CSV with a reference runtime's output
  help      this help; 'mojo-scorer help <command>' or '<command> --help' for a command's options
  --version the version of mojo-scorer

Errors are one line on stderr: 'mojo-scorer: [CODE] message'; exit 2 for a usage error, 1 otherwise.`;
