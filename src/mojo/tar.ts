/**
 * Streaming reader for `model.tar.gz` (SageMaker's model archive): ustar/GNU tar inside gzip.
 * The gzip stream is inflated a step at a time and parsed as it comes, so nothing past the
 * end-of-archive block is ever inflated and no entry is buffered before its declared size has
 * passed the read caps. Only regular files are returned (links and folders are skipped), but
 * every entry's data is inflated to be skipped, so every entry is charged to the caps; tar is
 * simple enough that a dependency would add more than it saves.
 */
import { Gunzip } from 'fflate';
import { MojoFormatError, ScorerError } from '../errors.ts';
import type { LoadBudget } from './limits.ts';

export interface TarEntry {
  name: string;
  data: Uint8Array;
}

const BLOCK = 512;
/** Compressed bytes inflated per step. */
const GUNZIP_STEP = 64 * 1024;
/** Long-name and pax records are metadata: a few KB in practice. */
const MAX_META_BYTES = 64 * 1024;
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

/** Push-fed tar parser; `done` once the end-of-archive block is seen. */
class TarParser {
  readonly entries: TarEntry[] = [];
  done = false;
  private readonly header = new Uint8Array(BLOCK);
  private headerFill = 0;
  /** Bytes of the current entry's data still to come, then its padding. */
  private dataLeft = 0;
  private padLeft = 0;
  private sink: Uint8Array | null = null;
  private sinkFill = 0;
  private type = '';
  private name = '';
  private longName: string | undefined;
  private paxPath: string | undefined;

  constructor(
    private readonly budget: LoadBudget,
    private readonly origin: string,
  ) {}

  push(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length && !this.done) {
      if (this.dataLeft > 0) {
        const n = Math.min(this.dataLeft, chunk.length - i);
        if (this.sink) this.sink.set(chunk.subarray(i, i + n), this.sinkFill);
        this.sinkFill += n;
        this.dataLeft -= n;
        i += n;
        if (this.dataLeft === 0) this.finishEntry();
      } else if (this.padLeft > 0) {
        const n = Math.min(this.padLeft, chunk.length - i);
        this.padLeft -= n;
        i += n;
      } else {
        const n = Math.min(BLOCK - this.headerFill, chunk.length - i);
        this.header.set(chunk.subarray(i, i + n), this.headerFill);
        this.headerFill += n;
        i += n;
        if (this.headerFill === BLOCK) {
          this.headerFill = 0;
          this.startEntry();
        }
      }
    }
  }

  /** Throws unless the stream stopped at an entry boundary. */
  end(): void {
    if (!this.done && (this.dataLeft > 0 || this.headerFill > 0)) throw new MojoFormatError(`${this.origin}: truncated tar archive`);
  }

  private startEntry(): void {
    const h = this.header;
    if (h[0] === 0) {
      this.done = true; // end-of-archive marker
      return;
    }
    const size = octal(h, 124, 12, this.origin);
    this.type = String.fromCharCode(h[156] || 0x30);
    const prefix = field(h, 345, 155);
    const name = field(h, 0, 100);
    this.name = prefix ? `${prefix}/${name}` : name;
    // 'g' (pax global header) is metadata too: nothing here needs it, but it is bounded the same.
    const isMeta = this.type === 'L' || this.type === 'x' || this.type === 'g';
    const isFile = this.type === '0' || this.type === '\0' || this.type === '7';
    if (isMeta && size > MAX_META_BYTES) throw new MojoFormatError(`${this.origin}: corrupt tar archive (${size}-byte metadata record)`);
    // Skipped data (folders, links, devices with a size) is inflated all the same: charge it too.
    if (!isMeta) this.budget.reserve(this.longName ?? this.paxPath ?? this.name, size);
    this.sink = isMeta || isFile ? new Uint8Array(size) : null;
    this.sinkFill = 0;
    this.dataLeft = size;
    this.padLeft = (BLOCK - (size % BLOCK)) % BLOCK;
    if (size === 0) this.finishEntry();
  }

  private finishEntry(): void {
    const data = this.sink ?? new Uint8Array(0);
    this.sink = null;
    if (this.type === 'L') {
      this.longName = field(data, 0, data.length);
      return;
    }
    if (this.type === 'g') return;
    if (this.type === 'x') {
      const m = /\d+ path=([^\n]*)\n/.exec(decoder.decode(data));
      this.paxPath = m ? m[1] : undefined;
      return;
    }
    if (this.type === '0' || this.type === '\0' || this.type === '7') {
      this.entries.push({ name: this.paxPath ?? this.longName ?? this.name, data });
    }
    this.longName = undefined;
    this.paxPath = undefined;
  }
}

/** Regular-file entries of a gzip'd tar, read within `budget`. */
export function untarGzip(gz: Uint8Array, budget: LoadBudget, origin: string): TarEntry[] {
  const tar = new TarParser(budget, origin);
  const gunzip = new Gunzip((chunk) => {
    if (!tar.done) tar.push(chunk);
  });
  try {
    for (let i = 0; i < gz.length && !tar.done; i += GUNZIP_STEP) {
      budget.checkDeadline();
      gunzip.push(gz.subarray(i, i + GUNZIP_STEP), i + GUNZIP_STEP >= gz.length);
    }
  } catch (cause) {
    if (cause instanceof ScorerError) throw cause;
    throw new MojoFormatError(`${origin}: not a readable gzip stream`, { cause });
  }
  tar.end();
  return tar.entries;
}

/** Regular-file entries of an uncompressed tar (`tar cvf mojo.tar pipeline.mojo license.sig`), read within `budget`. */
export function untarPlain(bytes: Uint8Array, budget: LoadBudget, origin: string): TarEntry[] {
  const tar = new TarParser(budget, origin);
  tar.push(bytes);
  tar.end();
  return tar.entries;
}

/** Whether bytes start with a ustar header (the magic at offset 257). */
export function isPlainTar(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 512 && bytes[257] === 0x75 && bytes[258] === 0x73 && bytes[259] === 0x74 && bytes[260] === 0x61 && bytes[261] === 0x72
  );
}
