/**
 * Worker body: inflates zip archives off the request thread and sends their entries back,
 * buffers transferred (not copied). Messages are `{id, bytes, limits}`; answers
 * `{id, names, data}` or `{id, error, code}`. See inflate.ts.
 * Reads with the request thread's zip reader and the same caps (MOJO_MAX_ENTRY_MB /
 * MOJO_MAX_TOTAL_MB): every entry is inflated here, so each is charged to the budget.
 */
import type { ScorerError } from '../../errors.ts';
import { type ArchiveLimits, ReadBudget } from '../../mojo/limits.ts';
import { readZipDirectory, readZipEntry } from '../../mojo/zip.ts';

declare const self: Worker;

self.onmessage = (event: MessageEvent<{ id: number; bytes: Uint8Array; limits: ArchiveLimits; origin: string }>) => {
  const { id, bytes, limits, origin } = event.data;
  try {
    const budget = new ReadBudget(limits, origin);
    const names: string[] = [];
    const data: Uint8Array[] = [];
    for (const entry of readZipDirectory(bytes, origin).values()) {
      names.push(entry.name);
      // Stored entries are views of the message's buffer: copy them so each answer owns its bytes.
      const read = readZipEntry(bytes, entry, budget, origin);
      data.push(read.buffer === bytes.buffer ? read.slice() : read);
    }
    self.postMessage(
      { id, names, data },
      data.map((d) => d.buffer as ArrayBuffer),
    );
  } catch (e) {
    self.postMessage({ id, error: (e as Error).message, code: (e as Partial<ScorerError>).code });
  }
};
