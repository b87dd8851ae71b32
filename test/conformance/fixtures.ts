/** The golden fixtures, as the conformance suite and bench/ import them (the locator is test/support/fixtures.ts). */
export * from '../support/fixtures.ts';
