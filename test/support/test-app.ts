/** Test helpers: an app over the hand-made binomial model, and a request shortcut. */
import type { Model } from '../../src/algos/index.ts';
import { createApp, type CreateAppOptions } from '../../src/server/index.ts';
import { silentLogger } from '../../src/server/log.ts';
import { fakeBinomial } from './fake-model.ts';

/** The app over `model` (the hand-made binomial by default), logging nothing. */
export function testApp(options: CreateAppOptions = {}, model: Model = fakeBinomial()) {
  return createApp(model, { log: silentLogger, ...options });
}

export type TestApp = ReturnType<typeof testApp>;

export interface Sent {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, untyped on purpose: tests assert its shape with expect(), the one check that matters. */
  // biome-ignore lint/suspicious/noExplicitAny: response shapes are what the assertions check; typing them first would restate each schema.
  json(): any;
}

/** Sends one request through `app.handle` and reads the whole body. */
export async function send(app: TestApp, method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Sent> {
  const res = await app.handle(new Request(`http://localhost${path}`, { method, body, headers }));
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

export const post = (app: TestApp, body: string, headers: Record<string, string> = {}, query = '') =>
  send(app, 'POST', `/invocations${query}`, body, headers);
export const JSON_CT = { 'content-type': 'application/json' };
export const CSV_CT = { 'content-type': 'text/csv' };
