import { describe, expect, test } from 'bun:test';
import fc from 'fast-check';
import { LevelTable } from '../../src/scoring/decoders/level-table.ts';

describe('LevelTable', () => {
  test('finds every level of the map in place, with the map’s value; anything else is -1', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ maxLength: 6, unit: 'grapheme' }), { maxLength: 300 }), fc.string(), (levels, probe) => {
        const map = new Map(levels.map((l, i) => [l, i * 3 - 7] as const));
        const table = LevelTable.of(map);
        for (const [level, value] of map) {
          const text = `x,${level},y`;
          const e = table.find(text, 2, 2 + level.length);
          expect(e).toBeGreaterThanOrEqual(0);
          expect(table.values[e]).toBe(value);
        }
        const e = table.find(`<${probe}>`, 1, 1 + probe.length);
        if (map.has(probe)) expect(table.values[e]).toBe(map.get(probe)!);
        else expect(e).toBe(-1);
      }),
      { numRuns: 300 },
    );
  });

  test('one table per level map', () => {
    const map = new Map([['a', 0]]);
    expect(LevelTable.of(map)).toBe(LevelTable.of(map));
    expect(LevelTable.of(new Map(map))).not.toBe(LevelTable.of(map));
  });
});
