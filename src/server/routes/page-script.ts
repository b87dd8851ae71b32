/** The model page's browser script, inlined at transpile/compile time (loaded on the first request for it). */
import { bundlePageScript } from './page-bundle.ts' with { type: 'macro' };

export const PAGE_SCRIPT: string = bundlePageScript();
