/**
 * The host's file system, reached only when a caller opens a path. The readers themselves are
 * runtime-neutral (browsers, Deno, edge runtimes load MOJOs from bytes), so nothing here is a
 * static `node:` import: Node ≥ 20.16 and Bun expose `process.getBuiltinModule`.
 */
import type * as NodeFs from 'node:fs';
import type * as NodePath from 'node:path';
import { MojoNotFoundError } from '../errors.ts';

/** `node:fs` as the host provides it (a type-only import: nothing is loaded statically). */
export type HostFs = typeof NodeFs;

/** `node:path` as the host provides it. */
export type HostPath = typeof NodePath;

interface HostProcess {
  getBuiltinModule?: (id: string) => unknown;
}

function builtin<T>(id: string): T {
  const proc = (globalThis as { process?: HostProcess }).process;
  const mod = proc?.getBuiltinModule?.(id);
  if (mod === undefined) {
    throw new MojoNotFoundError(`this JavaScript runtime has no file system (${id}); load the model from its bytes instead`);
  }
  return mod as T;
}

/** `node:fs` of the host (Node, Bun); throws MOJO_NOT_FOUND where there is none. */
export function hostFs(): HostFs {
  return builtin<HostFs>('node:fs');
}

/** `node:path` of the host. */
export function hostPath(): HostPath {
  return builtin<HostPath>('node:path');
}

/**
 * The host's environment variables (`process.env` where there is one, else none). A variable the
 * runtime will not let us read (Deno without --allow-env throws) reads as unset.
 */
export function hostEnvVars(): Record<string, string | undefined> {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  if (env === undefined) return {};
  // An empty target: a proxy over `env` itself would make the engine inspect env's own properties too.
  return new Proxy({} as Record<string, string | undefined>, {
    get(_, name) {
      try {
        return typeof name === 'string' ? env[name] : undefined;
      } catch {
        return undefined;
      }
    },
  });
}
