/**
 * Minimal ustar/GNU tar reader for `model.tar.gz` (SageMaker's model archive). Only regular
 * files are returned; tar is simple enough that a dependency would add more than it saves.
 */
import { MojoFormatError } from '../errors.ts';

export interface TarEntry {
  name: string;
  data: Uint8Array;
}

const BLOCK = 512;
const decoder = new TextDecoder('utf-8');

function field(buf: Uint8Array, off: number, len: number): string {
  let end = off;
  while (end < off + len && buf[end] !== 0) end++;
  return decoder.decode(buf.subarray(off, end));
}

function octal(buf: Uint8Array, off: number, len: number, origin: string): number {
  const s = field(buf, off, len).trim();
  if (s === '') return 0;
  if (!/^[0-7]+$/.test(s)) throw new MojoFormatError(`${origin}: corrupt tar header (size '${s}')`);
  return parseInt(s, 8);
}

export function untar(buf: Uint8Array, origin: string): TarEntry[] {
  const out: TarEntry[] = [];
  let off = 0;
  let longName: string | undefined;
  let paxPath: string | undefined;
  while (off + BLOCK <= buf.length) {
    if (buf[off] === 0) break; // end-of-archive marker
    const size = octal(buf, off + 124, 12, origin);
    const type = String.fromCharCode(buf[off + 156] || 0x30);
    const prefix = field(buf, off + 345, 155);
    let name = field(buf, off, 100);
    if (prefix) name = `${prefix}/${name}`;
    const dataStart = off + BLOCK;
    if (dataStart + size > buf.length) throw new MojoFormatError(`${origin}: truncated tar archive`);
    const data = buf.subarray(dataStart, dataStart + size);
    off = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'L') {
      longName = field(data, 0, data.length);
      continue;
    }
    if (type === 'x') {
      const m = /\d+ path=([^\n]*)\n/.exec(decoder.decode(data));
      paxPath = m ? m[1] : undefined;
      continue;
    }
    if (type === '0' || type === '\0' || type === '7') {
      out.push({ name: paxPath ?? longName ?? name, data });
    }
    longName = undefined;
    paxPath = undefined;
  }
  return out;
}
