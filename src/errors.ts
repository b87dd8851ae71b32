/**
 * The closed set of errors mojo-scorer raises. Each has a stable `code` and the HTTP `status`
 * the server answers with; `src/server/errors.ts` is the one place that maps them to responses.
 * Anything that is not a ScorerError is a bug and becomes a logged 500.
 */
export type ErrorCode =
  | 'MOJO_NOT_FOUND' // no model file / several candidates
  | 'MOJO_FORMAT' // corrupt or inconsistent artifact
  | 'MOJO_TOO_LARGE' // an entry or the whole artifact passes the read caps (MOJO_MAX_ENTRY_MB / MOJO_MAX_TOTAL_MB)
  | 'UNSUPPORTED_ALGORITHM' // algorithm not implemented
  | 'UNSUPPORTED_VERSION' // mojo_version newer than we read
  | 'BAD_REQUEST' // malformed body / wrong content
  | 'INVALID_ARGUMENT' // a command-line flag or setting that cannot be used (unknown flag, bad port, no such input file)
  | 'INVALID_VALUE' // a cell of the wrong type
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'NOT_ACCEPTABLE'
  | 'PAYLOAD_TOO_LARGE'
  | 'ROW_ERROR' // the model cannot score this row (reference runtime throws too)
  | 'MODEL_NOT_LOADED' // multi-model: no model loaded under that name (404)
  | 'MODEL_ALREADY_LOADED' // multi-model: that name is taken (409)
  | 'INSUFFICIENT_MEMORY' // multi-model: the memory budget cannot fit the model (507)
  | 'MODEL_PATH_FORBIDDEN'; // multi-model: the url leaves the model root (403)

export class ScorerError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  /** Extra machine-readable detail (column name, row index…), echoed in JSON error bodies. */
  readonly detail: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, status: number, message: string, options?: { cause?: unknown; detail?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = status;
    this.detail = options?.detail;
  }
}

/** The model artifact is missing, corrupt or inconsistent. */
export class MojoFormatError extends ScorerError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('MOJO_FORMAT', 500, message, options);
  }
}

/** The artifact (one entry, or all it would take to read) is larger than the configured caps. */
export class MojoTooLargeError extends ScorerError {
  constructor(message: string) {
    super('MOJO_TOO_LARGE', 500, message);
  }
}

export class MojoNotFoundError extends ScorerError {
  constructor(message: string) {
    super('MOJO_NOT_FOUND', 500, message);
  }
}

export class UnsupportedAlgorithmError extends ScorerError {
  constructor(message: string) {
    super('UNSUPPORTED_ALGORITHM', 500, message);
  }
}

export class UnsupportedVersionError extends ScorerError {
  constructor(message: string) {
    super('UNSUPPORTED_VERSION', 500, message);
  }
}

/** Bad client input: malformed body, wrong cell type, empty body. */
export class BadRequestError extends ScorerError {
  constructor(message: string, detail?: Record<string, unknown>, code: ErrorCode = 'BAD_REQUEST') {
    super(
      code,
      code === 'UNSUPPORTED_MEDIA_TYPE' ? 415 : code === 'NOT_ACCEPTABLE' ? 406 : code === 'PAYLOAD_TOO_LARGE' ? 413 : 400,
      message,
      { detail },
    );
  }
}

/** A command-line argument or setting that cannot be used. */
export class InvalidArgumentError extends ScorerError {
  constructor(message: string) {
    super('INVALID_ARGUMENT', 400, message);
  }
}

/**
 * A row the model cannot score (the reference runtime throws for it, e.g. "Predicted class
 * probability NaN!"). Batch outputs render it as `{"error": message}` in that row's place.
 */
export class RowError extends ScorerError {
  constructor(message: string) {
    super('ROW_ERROR', 422, message);
  }
}
