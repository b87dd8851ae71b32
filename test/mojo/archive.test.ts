import { describe, expect, test } from 'bun:test';
import { gzipSync, strToU8, zipSync } from 'fflate';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openMojo, openMojoBytes, readHeader } from '../../src/mojo/index.ts';
import { makeTar } from '../support/tar.ts';
import { codeOf } from '../support/errors.ts';

const INI =
  '[info]\nalgo = gbm\nmojo_version = 1.40\ncategory = Regression\nsupervised = true\nn_features = 1\nn_columns = 2\nescape_domain_values = true\n\n[columns]\nc\ny\n\n[domains]\n0: 2 d000.txt\n';
const ENTRIES = { 'model.ini': strToU8(INI), 'domains/d000.txt': strToU8('a\\nb\nplain\n') };

describe('MOJO archive', () => {
  test('zip at the root', () => {
    const src = openMojoBytes(zipSync(ENTRIES), 'm.zip');
    expect(src.has('model.ini')).toBe(true);
    const h = readHeader(src);
    expect(h.algo).toBe('gbm');
    expect(h.domains[0]).toEqual(['a\nb', 'plain']); // escaped newline decoded
    expect(h.responseColumn).toBe('y');
  });
  test('zip with a wrapping folder is re-rooted at model.ini', () => {
    const src = openMojoBytes(
      zipSync({ top: { 'model.ini': ENTRIES['model.ini'], domains: { 'd000.txt': ENTRIES['domains/d000.txt'] } } }),
    );
    expect(readHeader(src).columns).toEqual(['c', 'y']);
  });
  test('model.tar.gz holding a zip, and holding loose entries', () => {
    const tarOfZip = makeTar([{ name: 'model/gbm.zip', data: zipSync(ENTRIES) }]);
    expect(readHeader(openMojoBytes(gzipSync(tarOfZip))).algo).toBe('gbm');
    const tarLoose = makeTar([
      { name: './model.ini', data: ENTRIES['model.ini'] },
      { name: './domains/d000.txt', data: ENTRIES['domains/d000.txt'] },
    ]);
    expect(readHeader(openMojoBytes(gzipSync(tarLoose))).algo).toBe('gbm');
  });
  test('a folder holding model.ini', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mojo-'));
    writeFileSync(join(dir, 'model.ini'), INI);
    mkdirSync(join(dir, 'domains'));
    writeFileSync(join(dir, 'domains', 'd000.txt'), 'x\ny\n');
    expect(readHeader(openMojo(dir)).domains[0]).toEqual(['x', 'y']);
  });
  test('nested sub-folders (ensembles)', () => {
    const src = openMojoBytes(
      zipSync({ ...ENTRIES, 'models/m1/model.ini': strToU8(INI), 'models/m1/domains/d000.txt': strToU8('q\nr\n') }),
    );
    expect(readHeader(src.sub('models/m1')).domains[0]).toEqual(['q', 'r']);
    expect(codeOf(() => src.sub('models/none'))).toBe('MOJO_FORMAT');
  });
  test('a path that does not exist → MOJO_NOT_FOUND', () => {
    expect(codeOf(() => openMojo(join(tmpdir(), 'no-such-dir-mojo', 'model.zip')))).toBe('MOJO_NOT_FOUND');
  });
  test('not a MOJO → MOJO_FORMAT', () => {
    expect(codeOf(() => openMojoBytes(strToU8('hello')))).toBe('MOJO_FORMAT');
    expect(codeOf(() => openMojoBytes(zipSync({ 'x.txt': strToU8('x') })))).toBe('MOJO_FORMAT');
    expect(codeOf(() => openMojoBytes(new Uint8Array([0x50, 0x4b, 3, 4, 9, 9, 9])))).toBe('MOJO_FORMAT');
    expect(codeOf(() => readHeader(openMojoBytes(zipSync({ 'model.ini': ENTRIES['model.ini'] }))))).toBe('MOJO_FORMAT'); // domain file missing
  });
});
