/**
 * The golden-parity helpers test/node/library.nodetest.mjs uses, bundled for plain node by
 * `bun build` at test time, so node and bun tests share one comparison (test/conformance).
 */
export { fixturesBeside, listFixtures, readJsonl } from '../support/fixtures.ts';
export { compareRecords, fixtureRows, LIBRARY_FIXTURES } from '../conformance/library-parity.ts';
