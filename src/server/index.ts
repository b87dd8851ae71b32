/** Public surface of the HTTP server. */
export { buildApp, createApp, type App, type CreateAppOptions } from './app.ts';
export { defaultOptions, optionsFromEnv, resolvePort, type AppOptions, type OutputStyle } from './options.ts';
export { runServer, type RunOptions } from './run.ts';
