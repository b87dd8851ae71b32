/**
 * The body of a `score` thread (see score-threads.ts): it decodes the model itself (models hold
 * closures, which cannot cross threads), gets the file's header, then scores each block of CSV
 * records it is sent and answers with the block's output as UTF-8 bytes (transferred, not
 * copied), its rows, failed rows and lines. Blocks are scored without knowing where in the file
 * they start: a block that fails is answered as failed, and the primary scores it again once it
 * knows its first row and line, so that the error names them as one thread would.
 */
import { decodeModel } from '../algos/index.ts';
import { type BlockOptions, CsvBlockScorer } from './csv-block-scorer.ts';
import { scoreBlock, type ThreadAnswer, type ThreadMessage } from './score-threads.ts';

declare const self: Worker;

let model: ReturnType<typeof decodeModel> | undefined;
let options: BlockOptions | undefined;
let scorer: CsvBlockScorer | undefined;

function answer(a: ThreadAnswer, transfer: Transferable[] = []): void {
  self.postMessage(a, transfer);
}

self.onmessage = (event: MessageEvent<ThreadMessage>) => {
  const m = event.data;
  if (m.kind === 'model') {
    options = m.options;
    try {
      model = decodeModel(m.modelPath);
    } catch {
      // The primary decoded the same model: a thread that cannot is only left out.
      answer({ kind: 'unusable' });
    }
    return;
  }
  if (m.kind === 'header') {
    if (model === undefined || options === undefined) return;
    try {
      scorer = new CsvBlockScorer(model, m.header, options);
      answer({ kind: 'ready' });
    } catch {
      answer({ kind: 'unusable' });
    }
    return;
  }
  // Never sent before the thread is ready; answered as failed, the primary would score it itself.
  if (scorer === undefined) return answer({ kind: 'block', seq: m.seq, failedBlock: true });
  const a = scoreBlock(scorer, m.seq, m.text, m.first);
  answer(a, a.failedBlock ? [] : [a.output.buffer]);
};
