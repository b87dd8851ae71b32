/**
 * `inspect`: what a MOJO is and what it reads and writes — the library's description (the same
 * object `model.describe()` returns), printed for a person or as JSON.
 */
import { decodeModelSource } from '../algos/index.ts';
import { describeModel, type ModelDescription } from '../lib/index.ts';
import { openMojo } from '../mojo/index.ts';

/** Loads the model at `path` and describes it. */
export function inspectModel(path: string): ModelDescription {
  const source = openMojo(path);
  return describeModel(decodeModelSource(source), source);
}

const MAX_LEVELS_SHOWN = 12;

export function formatDescription(d: ModelDescription): string {
  const lines: string[] = [];
  lines.push(`algorithm     ${d.algorithm} (${d.algorithmName})`);
  lines.push(`category      ${d.category}`);
  lines.push(`h2o version   ${d.h2oVersion}`);
  lines.push(`mojo version  ${d.mojoVersion}`);
  if (d.response) lines.push(`response      ${d.response}`);
  if (d.offsetColumn) lines.push(`offset column ${d.offsetColumn}`);
  if (d.defaultThreshold !== undefined) lines.push(`threshold     ${d.defaultThreshold}`);
  lines.push(`inputs (${d.inputs.length}):`);
  for (const c of d.inputs) {
    if (c.valueType !== undefined && (c.type === 'numeric' || (c.levels ?? []).length === 0)) lines.push(`  ${c.name}  ${c.valueType}`);
    else if (c.type === 'numeric') lines.push(`  ${c.name}  numeric`);
    else {
      const dom = c.levels ?? [];
      const shown = dom
        .slice(0, MAX_LEVELS_SHOWN)
        .map((l) => JSON.stringify(l))
        .join(', ');
      lines.push(`  ${c.name}  categorical(${dom.length}): ${shown}${dom.length > MAX_LEVELS_SHOWN ? ', …' : ''}`);
    }
  }
  lines.push(`outputs (${d.outputs.length}):`);
  for (const c of d.outputs) lines.push(`  ${c.name}  ${c.type}${c.size !== undefined ? `[${c.size}]` : ''}`);
  if (d.explanations.length > 0) lines.push(`explanations: ${d.explanations.join(', ')}`);
  if (d.unverified !== undefined) {
    lines.push(`UNVERIFIED operations (scored only because MOJO_ALLOW_UNVERIFIED / --allow-unverified is set):`);
    for (const u of d.unverified) lines.push(`  ${u}`);
  }
  if (d.variableImportances !== undefined) {
    const top = d.variableImportances.slice(0, MAX_LEVELS_SHOWN).map((v) => v.variable);
    lines.push(`most important: ${top.join(', ')}${d.variableImportances.length > MAX_LEVELS_SHOWN ? ', …' : ''}`);
  }
  return lines.join('\n');
}
