/** The surface of cli/ for the modules outside it. */
export { formatDescription, inspectModel } from './inspect.ts';
export { errorLine } from './report.ts';
export { ScoreProgress } from './progress.ts';
export { inputSize, scoreFile, type OutputFormat } from './score.ts';
export { defaultWorkers } from './worker-decision.ts';
export { COMMAND_HELP, USAGE, type Command } from './usage.ts';
export { OutputClosedError, writeStdout } from './stdout.ts';
export { formatReport, verifyModel } from './verify.ts';
export { VERSION } from './version.ts';
