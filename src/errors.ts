/**
 * The closed set of errors mojo-scorer raises. Each class has a stable `code`; `ERROR_STATUS`
 * is the one table from code to HTTP status, and `src/server/errors.ts` the one place that
 * turns them into responses. Anything that is not a ScorerError is a bug and becomes a logged 500.
 */

/** Every error code, with the HTTP status the server answers it with. */
export const ERROR_STATUS = {
  MOJO_NOT_FOUND: 500, // no model file / several candidates
  MOJO_FORMAT: 500, // corrupt or inconsistent artifact
  MOJO_TOO_LARGE: 500, // loading passes its budget (MOJO_MAX_ENTRY_MB / MOJO_MAX_TOTAL_MB / MOJO_MAX_DECODED_MB / MOJO_MAX_LOAD_SECONDS)
  UNSUPPORTED_ALGORITHM: 500, // algorithm not implemented
  UNSUPPORTED_VERSION: 500, // mojo_version newer than we read
  MOJO2_UNSUPPORTED: 500, // a DAI pipeline.mojo uses an operation, model kind or parameter no published value or structure verifies
  CONFIGURATION: 500, // a bad setting (environment variable, port, worker count)
  BAD_REQUEST: 400, // malformed body / wrong content
  INVALID_ARGUMENT: 400, // a command-line argument that cannot be used (unknown flag, bad port, no such input file)
  INVALID_VALUE: 400, // a cell of the wrong type
  UNSUPPORTED_MEDIA_TYPE: 415,
  NOT_ACCEPTABLE: 406,
  PAYLOAD_TOO_LARGE: 413,
  REQUEST_TIMEOUT: 408, // the request body stopped arriving (or did not arrive in time)
  TIMEOUT: 504, // scoring ran past SAGEMAKER_MODEL_SERVER_TIMEOUT
  SHUTTING_DOWN: 503, // the server stopped scoring in-flight requests (SIGTERM)
  ROW_ERROR: 422, // the model cannot score this row (reference runtime throws too)
  MODEL_NOT_LOADED: 404, // multi-model: no model loaded under that name
  MODEL_ALREADY_LOADED: 409, // multi-model: that name is taken
  INSUFFICIENT_MEMORY: 507, // multi-model: the memory budget cannot fit the model
  MODEL_PATH_FORBIDDEN: 403, // multi-model: the url leaves the model root
  MODEL_URL_NOT_FOUND: 404, // multi-model: no model artifact at the url
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

interface ErrorOptions {
  cause?: unknown;
  detail?: Record<string, unknown>;
}

export abstract class ScorerError extends Error {
  abstract readonly code: ErrorCode;
  /** Extra machine-readable detail (column name, row index…), echoed in JSON error bodies. */
  readonly detail: Record<string, unknown> | undefined;

  constructor(message: string, options?: ErrorOptions) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.detail = options?.detail;
  }

  /** The HTTP status of this error's code. */
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

/**
 * The base of the errors with code `code`: each class of the closed set is one line (a name
 * for `instanceof` and stack traces, and its code).
 */
export function coded<C extends ErrorCode>(code: C) {
  return class extends ScorerError {
    readonly code: C = code;
  };
}

/** The model artifact is missing, corrupt or inconsistent. */
export class MojoFormatError extends coded('MOJO_FORMAT') {}

/** The artifact (one entry, or all it would take to read) is larger than the configured caps. */
export class MojoTooLargeError extends coded('MOJO_TOO_LARGE') {}

export class MojoNotFoundError extends coded('MOJO_NOT_FOUND') {}

export class UnsupportedAlgorithmError extends coded('UNSUPPORTED_ALGORITHM') {}

export class UnsupportedVersionError extends coded('UNSUPPORTED_VERSION') {}

/** A MOJO2 pipeline needs an operation (or model kind, parameter) this scorer does not serve. */
export class Mojo2UnsupportedError extends coded('MOJO2_UNSUPPORTED') {}

/** A setting the process was started with is invalid (PORT, MAX_PAYLOAD_MB, OUTPUT_STYLE…). */
export class ConfigurationError extends coded('CONFIGURATION') {
  constructor(setting: string, message: string) {
    super(message, { detail: { setting } });
  }
}

/** Malformed client input: a body that does not parse, the wrong shape, an empty body. */
export class BadRequestError extends coded('BAD_REQUEST') {
  constructor(message: string, detail?: Record<string, unknown>) {
    super(message, { detail });
  }
}

/** One cell holds a value its column cannot take (names the row and column). */
export class InvalidValueError extends coded('INVALID_VALUE') {
  constructor(row: number, column: string, problem: string) {
    super(`row ${row}, column '${echoed(column)}': ${problem}`, { detail: { row, column: echoed(column), problem } });
  }
}

export class UnsupportedMediaTypeError extends coded('UNSUPPORTED_MEDIA_TYPE') {}

export class NotAcceptableError extends coded('NOT_ACCEPTABLE') {}

export class PayloadTooLargeError extends coded('PAYLOAD_TOO_LARGE') {
  constructor(limitBytes: number) {
    super(`request body is larger than ${Math.round((limitBytes / 1048576) * 100) / 100} MB (SAGEMAKER_MAX_PAYLOAD_IN_MB)`, {
      detail: { limitBytes },
    });
  }
}

/** The request body did not arrive in full: stalled, cut short, or past the request's time limit. */
export class RequestTimeoutError extends coded('REQUEST_TIMEOUT') {}

/** A request that ran past its time limit (SAGEMAKER_MODEL_SERVER_TIMEOUT); its work is stopped. */
export class TimeoutError extends coded('TIMEOUT') {
  constructor(timeoutMs: number) {
    super(`scoring took longer than ${timeoutMs / 1000} s (SAGEMAKER_MODEL_SERVER_TIMEOUT)`, { detail: { timeoutMs } });
  }
}

/** In-flight scoring stopped because the server is shutting down. */
export class ShuttingDownError extends coded('SHUTTING_DOWN') {}

/** A command-line argument that cannot be used. */
export class InvalidArgumentError extends coded('INVALID_ARGUMENT') {}

/**
 * A row the model cannot score (the reference runtime throws for it, e.g. "Predicted class
 * probability NaN!"). Batch outputs render it as `{"error": message}` in that row's place.
 */
export class RowError extends coded('ROW_ERROR') {}

/** Longest piece of request data (a cell, a header, a name) that an error message quotes. */
export const MAX_ECHOED_CHARS = 100;

/**
 * `text` as an error message may quote it: at most MAX_ECHOED_CHARS characters, then an
 * ellipsis. Every message that repeats request data goes through here (a 1 MB cell or a 15 KB
 * Accept header must not come back in the answer or the log).
 */
export function echoed(text: string): string {
  if (text.length <= MAX_ECHOED_CHARS) return text;
  // Never split a surrogate pair.
  const end = (text.charCodeAt(MAX_ECHOED_CHARS - 1) & 0xfc00) === 0xd800 ? MAX_ECHOED_CHARS - 1 : MAX_ECHOED_CHARS;
  return `${text.slice(0, end)}…`;
}
