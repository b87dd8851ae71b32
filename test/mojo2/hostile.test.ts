/**
 * Corrupt and hostile pipeline.mojo files: each gets one clear error with a specific code
 * (MOJO_FORMAT for what is broken, MOJO2_UNSUPPORTED for what is not served), never a crash
 * or a hang.
 */
import { describe, expect, test } from 'bun:test';
import { decodeModelBytes } from '../../src/algos/index.ts';
import { codeOf } from '../support/errors.ts';
import { Pb, type PipelineSpec, pipelineMessage, pipelineMojo, rawPipelineMojo, tensorFile, tensorRef } from '../support/mojo2-writer.ts';

const lookup = (): PipelineSpec => ({
  features: [['x', 'float64']],
  outputs: [['y', 'float64']],
  transformations: [
    {
      inputs: ['x'],
      outputs: ['y'],
      op: 29,
      params: new Pb().msg(1, tensorRef('float64', 'mojo/m')).msg(2, tensorRef('float64', 'mojo/k')).msg(3, tensorRef('float64', 'mojo/v')),
    },
  ],
});
const lookupEntries = (keys: number, values: number) => ({
  'mojo/m': tensorFile('float64', [0]),
  'mojo/k': tensorFile(
    'float64',
    Array.from({ length: keys }, (_, i) => i),
  ),
  'mojo/v': tensorFile(
    'float64',
    Array.from({ length: values }, (_, i) => i),
  ),
});

/** A one-tree LightGBM model file whose nodes are given as [feature, yes, no] or a leaf value. */
function treeFile(nodes: ([number, number, number] | number)[]): Uint8Array {
  const tree = new Pb();
  nodes.forEach((n, i) => {
    const node = new Pb().int(1, i);
    if (typeof n === 'number') node.msg(3, new Pb().double(1, n));
    else node.msg(2, new Pb().int(1, n[0]).double(2, 0.5).int(3, 3).int(4, n[1]).int(5, n[2]).int(6, n[1]));
    tree.msg(1, node);
  });
  return new Pb().int(2, 1).msg(4, new Pb().msg(1, tree)).build();
}
const treeSpec: PipelineSpec = {
  features: [['x', 'float64']],
  outputs: [['y', 'float64']],
  transformations: [{ inputs: ['x'], outputs: ['y'], op: 32, params: new Pb().int(1, 1).str(2, 'mojo/t') }],
};

describe('hostile pipeline.mojo', () => {
  test('a truncated pipeline.pb is MOJO_FORMAT', () => {
    const pb = pipelineMessage(lookup()).build();
    for (const cut of [1, 7, pb.length - 3])
      expect(codeOf(() => decodeModelBytes(rawPipelineMojo(pb.subarray(0, cut))))).toBe('MOJO_FORMAT');
  });

  test('random bytes as pipeline.pb are MOJO_FORMAT', () => {
    const junk = Uint8Array.from({ length: 200 }, (_, i) => (i * 73 + 41) & 0xff);
    expect(codeOf(() => decodeModelBytes(rawPipelineMojo(junk)))).toBe('MOJO_FORMAT');
  });

  test('a length prefix larger than the file is MOJO_FORMAT, before anything is allocated', () => {
    expect(codeOf(() => decodeModelBytes(rawPipelineMojo(Uint8Array.of(0x4a, 0xff, 0xff, 0xff, 0xff, 0x07))))).toBe('MOJO_FORMAT');
  });

  test('keys and values of different lengths are MOJO_FORMAT', () => {
    expect(codeOf(() => decodeModelBytes(pipelineMojo(lookup(), lookupEntries(3, 2))))).toBe('MOJO_FORMAT');
  });

  test('a tensor entry that is missing is MOJO_FORMAT', () => {
    expect(codeOf(() => decodeModelBytes(pipelineMojo(lookup())))).toBe('MOJO_FORMAT');
  });

  test('a column no frame lists is MOJO_FORMAT', () => {
    const spec: PipelineSpec = {
      features: [['x', 'float64']],
      outputs: [['y', 'float64']],
      transformations: [{ inputs: ['nope'], outputs: ['y'], op: 43 }],
    };
    expect(codeOf(() => decodeModelBytes(pipelineMojo(spec)))).toBe('MOJO_FORMAT');
  });

  test('tree children out of range, cycles and feature indices past the inputs are MOJO_FORMAT', () => {
    expect(codeOf(() => decodeModelBytes(pipelineMojo(treeSpec, { 'mojo/t': treeFile([[0, 1, 99], 1]) })))).toBe('MOJO_FORMAT');
    expect(codeOf(() => decodeModelBytes(pipelineMojo(treeSpec, { 'mojo/t': treeFile([[0, 1, 0], 1]) })))).toBe('MOJO_FORMAT');
    expect(codeOf(() => decodeModelBytes(pipelineMojo(treeSpec, { 'mojo/t': treeFile([[5, 1, 2], 1, 2]) })))).toBe('MOJO_FORMAT');
    expect(decodeModelBytes(pipelineMojo(treeSpec, { 'mojo/t': treeFile([[0, 1, 2], 1, 2]) })).outWidth).toBe(1);
  });

  test('a pipeline that nests itself is MOJO_FORMAT (depth budget), not a stack overflow', () => {
    const spec: PipelineSpec = {
      features: [['x', 'float64']],
      outputs: [['y', 'float64']],
      transformations: [{ inputs: ['x'], outputs: ['y'], op: 30, params: new Pb().str(1, 'mojo/pipeline.pb') }],
    };
    expect(codeOf(() => decodeModelBytes(pipelineMojo(spec)))).toBe('MOJO_FORMAT');
  });

  test('a Bool column and an unknown column type are refused', () => {
    const bool = new Pb()
      .int(1, 2)
      .msg(6, new Pb().msg(1, new Pb().str(1, 'b').msg(2, new Pb())))
      .build();
    expect(codeOf(() => decodeModelBytes(rawPipelineMojo(bool)))).toBe('MOJO_FORMAT');
    const unknown = new Pb()
      .int(1, 2)
      .msg(6, new Pb().msg(1, new Pb().str(1, 'b').msg(12, new Pb())))
      .build();
    expect(codeOf(() => decodeModelBytes(rawPipelineMojo(unknown)))).toBe('MOJO_FORMAT');
  });

  test('an unknown split comparison is MOJO2_UNSUPPORTED', () => {
    const tree = new Pb().msg(
      1,
      new Pb()
        .msg(1, new Pb().msg(2, new Pb().int(1, 0).double(2, 0.5).int(3, 7).int(4, 1).int(5, 2).int(6, 1)))
        .msg(1, new Pb().msg(3, new Pb().double(1, 1)))
        .msg(1, new Pb().msg(3, new Pb().double(1, 2))),
    );
    const file = new Pb().int(2, 1).msg(4, tree).build();
    expect(codeOf(() => decodeModelBytes(pipelineMojo(treeSpec, { 'mojo/t': file })))).toBe('MOJO2_UNSUPPORTED');
  });
});
