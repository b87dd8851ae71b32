/** `mojo-scorer --version`: the package version, inlined at transpile/compile time. */
import { packageVersion } from './package-version.ts' with { type: 'macro' };

export const VERSION: string = packageVersion();
