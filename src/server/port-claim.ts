/**
 * One server per port. Workers of one server share the port with SO_REUSEPORT, but the kernel
 * lets any process of the same user that sets it join the port too, and would then spread
 * connections between two unrelated servers (two models answering at random). So before it
 * spawns workers the primary (1) takes a lock keyed by the port, held for its lifetime: a
 * Linux abstract-namespace unix socket, which the kernel releases whenever the process dies,
 * even by kill -9; and (2) binds the port once without SO_REUSEPORT as a probe, which fails if
 * anything at all listens there. A single-process server binds without SO_REUSEPORT, which
 * no other server can join.
 */
import { ConfigurationError } from '../errors.ts';

export interface PortClaim {
  release(): void;
}

/** The error of a taken port (also used when Bun.serve itself finds it taken). */
export function portInUse(port: number): ConfigurationError {
  return new ConfigurationError('PORT', `port ${port} is already in use (another server is listening on it)`);
}

/** True for the error Bun throws when an address is taken. */
export function isAddressInUse(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'EADDRINUSE';
}

const ignore = { data() {} };

/** Claims `port` for this process's workers, or throws CONFIGURATION if it is taken. */
export function claimPort(port: number, hostname: string): PortClaim {
  const lock = process.platform === 'linux' ? takeLock(port) : undefined;
  try {
    const probe = Bun.listen({ hostname, port, socket: ignore });
    probe.stop(true);
  } catch (e) {
    lock?.stop(true);
    throw isAddressInUse(e) ? portInUse(port) : e;
  }
  return { release: () => lock?.stop(true) };
}

/** An abstract socket name (leading NUL: no file, gone with the process) per port. */
function takeLock(port: number) {
  try {
    return Bun.listen({ unix: `\0mojo-scorer-port-${port}`, socket: ignore });
  } catch (e) {
    throw isAddressInUse(e) ? portInUse(port) : e;
  }
}

/** Starts a server with `start` (Bun.serve); a taken port becomes the one CONFIGURATION line. */
export function listen<T>(port: number, start: () => T): T {
  try {
    return start();
  } catch (e) {
    throw isAddressInUse(e) ? portInUse(port) : e;
  }
}
