/**
 * The page's scorer when the server does not share the model file (SERVE_MODEL_FILE off, the
 * default): the model is described by the page itself (embedded JSON) and every row is scored
 * by POST /invocations.
 */
import type { ModelDescription, OutputRecord } from '../lib/index.ts';

/** What the page needs of a model: its description and a row's record (predictions or contributions). */
export interface PageScorer {
  describe(): ModelDescription;
  score(row: Record<string, string>, contributions: boolean): Promise<OutputRecord>;
}

/** The error a server answer carries (`{"error": {"code", "message"}}`), as one line. */
function serverProblem(status: number, text: string): string {
  try {
    const e = (JSON.parse(text) as { error?: { code?: string; message?: string } }).error;
    if (e?.code !== undefined) return `${e.code}: ${e.message ?? ''}`;
  } catch {
    // Not JSON: the status says enough.
  }
  return `POST /invocations → HTTP ${status}`;
}

/** A scorer over the server's POST /invocations for the model `description` describes. */
export function serverScorer(description: ModelDescription): PageScorer {
  return {
    describe: () => description,
    async score(row, contributions) {
      const r = await fetch(`invocations?lenient=true${contributions ? '&contributions=true' : ''}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify(row),
      });
      const text = await r.text();
      if (!r.ok) throw new Error(serverProblem(r.status, text));
      return JSON.parse(text) as OutputRecord;
    },
  };
}

/** The description the page embeds (`<script id="model-description" type="application/json">`), if any. */
export function embeddedDescription(): ModelDescription | null {
  const text = document.getElementById('model-description')?.textContent;
  return text ? (JSON.parse(text) as ModelDescription) : null;
}
