/**
 * Scores a file's blocks of CSV records in order of arrival and writes their outputs in input
 * order. Blocks are scored on this thread, and also handed to score threads (score-threads.ts)
 * once they are given and ready: a block goes to a thread with room, else is scored here, so
 * every core scores while this thread also reads and writes. Blocks are scored without knowing
 * the row and line they start on (that needs the blocks before them counted: a second framing
 * pass); a block that fails is scored again here once the blocks before it are written, so its
 * error names the same row and line as a single-threaded run, and the first failure in input
 * order is the one reported. At most two blocks a thread plus WAITING_HERE are taken and not
 * yet written, so memory stays a few blocks whatever the file size.
 */
import { lineEnds } from '../scoring/index.ts';
import type { BlockCounts, CsvBlockScorer } from './csv-block-scorer.ts';
import type { BlockAnswer, BlockThreads } from './score-threads.ts';
import { BLOCK_FIRST_LINE } from './score-threads.ts';

/** Blocks in flight per thread: one being scored, one waiting, so no thread idles between blocks. */
const IN_FLIGHT_PER_THREAD = 2;
/**
 * Blocks scored here that may wait for a thread's block before them to be written: room for
 * this thread to go on while a thread is slower (a busy machine). On 2 shared CPUs, 5M GBM rows
 * took 2.4–2.6 s with 8 against 2.7–3.9 s with 2; 16 was no better.
 */
const WAITING_HERE = 8;

/** A scored block's output and counts. */
interface Scored {
  output: (string | Uint8Array)[];
  rows: number;
  failed: number;
  lines: number;
}
/** A block's result: scored, to score again where its start is known, or the error that stops the run. */
type Done = Scored | { again: true } | { error: unknown };

interface Block {
  text: string;
  done?: Done;
}

export class BlockPool {
  private readonly blocks = new Map<number, Block>();
  private threads: BlockThreads | undefined;
  /** Resolves when the block awaited by `writeNext` is done (or a thread crashed). */
  private wake: (() => void) | null = null;
  private sent = 0;
  private written = 0;
  /** Set once a block failed: nothing after it is taken. */
  private halted = false;
  private crash: Error | null = null;
  private readonly rowsBefore: number;
  /** Rows written so far, and how many of them failed. */
  rows: number;
  failed: number;

  constructor(
    private readonly local: CsvBlockScorer,
    /** The line the first block starts on; then the line after the blocks written. */
    private line: number,
    before: BlockCounts,
    private readonly write: (chunk: string | Uint8Array) => void | Promise<void>,
    private readonly progress: (rows: number, failed: number) => void,
  ) {
    this.rowsBefore = before.rows;
    this.rows = before.rows;
    this.failed = before.failed;
  }

  /** Shares the blocks from now on with `threads` (each takes blocks once ready). */
  useThreads(threads: BlockThreads): void {
    this.threads = threads;
    threads.onAnswer = (a) => this.answered(a);
    threads.onCrash = (error) => {
      this.crash ??= error;
      this.halted = true;
      this.wake?.();
    };
  }

  /** True once threads were given. */
  get parallel(): boolean {
    return this.threads !== undefined;
  }

  /** Blocks handed to threads so far. */
  get blocksOnThreads(): number {
    return this.threads?.sent ?? 0;
  }

  /** True once a block failed: nothing more is scored, and `end` throws the first failure's error. */
  get stopped(): boolean {
    return this.halted;
  }

  /** The line after every block taken so far (names a record over the cap read after them). */
  get lineAfterTaken(): number {
    let line = this.line;
    for (const b of this.blocks.values()) line += b.done !== undefined && 'lines' in b.done ? b.done.lines : lineEnds(b.text);
    return line;
  }

  /** Hands the next block to a thread with room, or scores it here; writes what is done in order. */
  async push(text: string): Promise<void> {
    if (this.halted) return;
    const threads = this.threads;
    const maxTaken = threads === undefined ? 1 : threads.count * IN_FLIGHT_PER_THREAD + WAITING_HERE;
    while (this.sent - this.written >= maxTaken) await this.writeNext();
    const seq = this.sent++;
    const block: Block = { text };
    this.blocks.set(seq, block);
    const free = threads?.free(IN_FLIGHT_PER_THREAD);
    if (free !== undefined) threads!.send(free, seq, text, seq === 0 && this.rowsBefore === 0);
    else block.done = this.scoreHere(seq, text);
    await this.writeDone();
  }

  /** Writes every block still in flight; throws the first failed block's error. */
  async end(): Promise<void> {
    while (this.written < this.sent) await this.writeNext();
  }

  /** Stops the threads (call once done, or after a failure). */
  close(): void {
    this.threads?.close();
  }

  /**
   * Scores a block here: where it starts when every block before it is written (its error is
   * then the answer), else from a stand-in start (a failure is scored again once it is known).
   */
  private scoreHere(seq: number, text: string): Done {
    const known = seq === this.written;
    try {
      return this.local.scoreText(text, known ? this.rows : seq === 0 ? this.rowsBefore : 1, known ? this.line : BLOCK_FIRST_LINE);
    } catch (error) {
      this.halted = true;
      return known ? { error } : { again: true };
    }
  }

  private answered(a: BlockAnswer): void {
    const block = this.blocks.get(a.seq);
    if (block === undefined) return;
    if (a.failedBlock) {
      this.halted = true;
      block.done = { again: true };
    } else block.done = { output: [a.output], rows: a.rows, failed: a.failed, lines: a.lines };
    if (a.seq === this.written) this.wake?.();
  }

  /** Writes the blocks done, in order, up to the first not done. */
  private async writeDone(): Promise<void> {
    while (this.written < this.sent && this.blocks.get(this.written)?.done !== undefined) await this.writeNext();
  }

  private async writeNext(): Promise<void> {
    const block = this.blocks.get(this.written)!;
    while (block.done === undefined) {
      if (this.crash !== null) throw this.crash;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = null;
    }
    // Every block before it is written: where it starts is known.
    const done = 'again' in block.done ? this.local.scoreText(block.text, this.rows, this.line) : block.done;
    this.blocks.delete(this.written++);
    if ('error' in done) throw done.error;
    for (const chunk of done.output) await this.write(chunk);
    this.rows += done.rows;
    this.failed += done.failed;
    this.line += done.lines;
    this.progress(this.rows, this.failed);
  }
}
