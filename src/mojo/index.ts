/** Public surface of the MOJO artifact readers. */
export { MAX_NESTING_DEPTH, openMojo, openMojoBytes, openMojoEntries, type MojoSource } from './archive.ts';
export { LoadBudget, limitsFromEnv, type ArchiveLimits } from './limits.ts';
export { ByteReader, readDoubleMatrix, readSizedDoubles } from './bytes.ts';
export { readHeader, type ModelCategory, type MojoHeader } from './header.ts';
export { ModelInfo } from './info.ts';
export { parseIni, type ParsedIni } from './ini.ts';
export { splitLines, unescapeNewlines } from './lines.ts';
export { discoverModel, mojoCandidates, SAGEMAKER_MODEL_DIR, type DiscoveredModel } from './discover.ts';
export { hostEnvVars } from './host.ts';
export { MAX_LOAD_SECONDS_ENV, MAX_TOTAL_ENV } from './limits.ts';
