import { expect, test } from 'bun:test';
import {
  BadRequestError,
  ConfigurationError,
  ERROR_STATUS,
  InvalidArgumentError,
  InvalidValueError,
  Mojo2UnsupportedError,
  MojoFormatError,
  MojoNotFoundError,
  MojoTooLargeError,
  NotAcceptableError,
  PayloadTooLargeError,
  RequestTimeoutError,
  RowError,
  type ScorerError,
  ShuttingDownError,
  TimeoutError,
  UnsupportedAlgorithmError,
  UnsupportedMediaTypeError,
  UnsupportedVersionError,
} from '../src/errors.ts';
import {
  InsufficientMemoryError,
  ModelAlreadyLoadedError,
  ModelNotLoadedError,
  ModelPathForbiddenError,
  ModelUrlNotFoundError,
} from '../src/server/multi-model/errors.ts';

test('every error class has its own code, and its status is the table entry for that code', () => {
  const errors: ScorerError[] = [
    new MojoNotFoundError('m'),
    new MojoFormatError('m', { cause: new Error('inner') }),
    new UnsupportedAlgorithmError('m'),
    new UnsupportedVersionError('m'),
    new Mojo2UnsupportedError('m'),
    new ConfigurationError('PORT', 'm'),
    new BadRequestError('m'),
    new InvalidValueError(2, 'x', 'bad'),
    new UnsupportedMediaTypeError('m'),
    new NotAcceptableError('m'),
    new PayloadTooLargeError(1048576),
    new RowError('m'),
    new MojoTooLargeError('m'),
    new InvalidArgumentError('m'),
    new ModelNotLoadedError('m'),
    new ModelAlreadyLoadedError('m'),
    new InsufficientMemoryError('m', 2, 1, 3),
    new ModelPathForbiddenError('u'),
    new ModelUrlNotFoundError('u', 'why'),
    new RequestTimeoutError('m'),
    new TimeoutError(200),
    new ShuttingDownError('m'),
  ];
  expect(errors.map((e): string => e.code).sort()).toEqual(Object.keys(ERROR_STATUS).sort());
  for (const e of errors) expect(e.status).toBe(ERROR_STATUS[e.code]);
  expect(new PayloadTooLargeError(1048576).status).toBe(413);
  expect(new UnsupportedMediaTypeError('m').status).toBe(415);
  expect(new NotAcceptableError('m').status).toBe(406);
  expect(new RowError('m').status).toBe(422);
  expect(new TimeoutError(200).status).toBe(504);
  expect(new RequestTimeoutError('m').status).toBe(408);
  expect(new ShuttingDownError('m').status).toBe(503);
  expect(new InvalidValueError(2, 'x', 'bad')).toMatchObject({ message: "row 2, column 'x': bad", detail: { row: 2, column: 'x' } });
  expect((errors[1] as MojoFormatError).cause).toBeInstanceOf(Error);
  expect(errors[0].name).toBe('MojoNotFoundError');
});
