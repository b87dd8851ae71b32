/**
 * Where writers append output text. Text accumulates into chunks of about `chunkSize`
 * characters: a caller that streams takes the full chunks as they fill (and awaits its own
 * backpressure between rows); a caller that answers in one piece takes everything at the end.
 */

/** Characters per chunk: large enough to amortise a write call, small enough to stream. */
export const DEFAULT_CHUNK_CHARS = 1 << 16;

export class TextSink {
  private pending = '';
  private ready: string[] = [];

  constructor(readonly chunkSize = DEFAULT_CHUNK_CHARS) {}

  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= this.chunkSize) {
      this.ready.push(this.pending);
      this.pending = '';
    }
  }

  /** True when at least one full chunk waits to be taken. */
  get hasChunks(): boolean {
    return this.ready.length > 0;
  }

  /** Takes the full chunks written so far, plus the partial one when `all`. */
  take(all = false): string[] {
    const chunks = this.ready;
    this.ready = [];
    if (all && this.pending.length > 0) {
      chunks.push(this.pending);
      this.pending = '';
    }
    return chunks;
  }

  /** Takes everything written so far as one string. */
  text(): string {
    if (this.ready.length === 0) {
      // The usual answer: shorter than one chunk, so no array to build.
      const text = this.pending;
      this.pending = '';
      return text;
    }
    return this.take(true).join('');
  }
}
