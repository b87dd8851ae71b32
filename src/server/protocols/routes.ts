/** What the protocol routes need of the app that mounts them. */
import type { Invoker } from '../invoke.ts';
import type { Logger } from '../log.ts';
import { UnknownModelError } from './errors.ts';

export interface ProtocolRouteOptions {
  /** The invoker of the model named `name` (UNKNOWN → MODEL_NOT_LOADED, a 404). */
  resolve(name: string): Promise<Invoker>;
  log: Logger;
}

/**
 * Single-model mode: the one model answers to its id (`id(invoker)`: MODEL_ID when set, else
 * the model's uuid, as H2O's REST routes report it); any other name is a 404.
 */
export function singleModel(invoker: Invoker, id: (invoker: Invoker) => string): (name: string) => Promise<Invoker> {
  return async (name) => {
    const served = id(invoker);
    if (name !== served) throw new UnknownModelError(name, served);
    return invoker;
  };
}
