import { describe, expect, test } from 'bun:test';
import { ScoreProgress } from '../../src/cli/progress.ts';

describe('score progress', () => {
  test('live: a redrawn line with rows, rate and an ETA from the bytes read; cleared before the summary', () => {
    let text = '';
    const p = new ScoreProgress({ live: true, summary: true, totalBytes: 1000, write: (t) => void (text += t) });
    p.update(100, 2, 250);
    expect(text).toMatch(/^\r100 rows, 2 errors, \d+ rows\/s ETA \d+ s\x1b\[K$/);
    p.finish(400, 3);
    expect(text).toMatch(/\r\x1b\[Kscored 400 rows, 3 errors, \d+\.\d\d s\n$/);
  });

  test('not live, no summary: writes nothing', () => {
    let text = '';
    const p = new ScoreProgress({ live: false, summary: false, write: (t) => void (text += t) });
    p.update(10, 0, 10);
    p.finish(10, 0);
    expect(text).toBe('');
  });
});
