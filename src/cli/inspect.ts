/** `inspect`: what a MOJO is and what it reads and writes. */
import type { Model } from '../algos/index.ts';

export interface ModelDescription {
  algorithm: string;
  algorithmName: string;
  category: string;
  h2oVersion: string;
  mojoVersion: string;
  uuid: string;
  response: string | null;
  offsetColumn: string | null;
  nclasses: number;
  defaultThreshold?: number;
  inputs: { name: string; type: 'numeric' | 'categorical'; domain?: readonly string[] }[];
  outputs: { name: string; type: string; size?: number; domain?: readonly string[] }[];
  extras: string[];
}

export function describeModel(model: Model): ModelDescription {
  const h = model.header;
  const extras: string[] = [];
  if (model.contributions) extras.push('contributions');
  if (model.leafAssignments) extras.push('leaf');
  for (const k of Object.keys(model.extras ?? {})) extras.push(k);
  return {
    algorithm: h.algo,
    algorithmName: h.algorithmName,
    category: h.category,
    h2oVersion: h.h2oVersion,
    mojoVersion: h.mojoVersion.toFixed(2),
    uuid: h.uuid,
    response: h.responseColumn,
    offsetColumn: h.offsetColumn,
    nclasses: h.nclasses,
    ...(h.category === 'Binomial' ? { defaultThreshold: h.defaultThreshold } : {}),
    inputs: model.inputs.map((c) =>
      c.domain === null ? { name: c.name, type: 'numeric' as const } : { name: c.name, type: 'categorical' as const, domain: c.domain },
    ),
    outputs: model.outputs.map((c) =>
      c.kind === 'vector'
        ? { name: c.name, type: 'vector', size: c.size }
        : c.kind === 'label'
          ? { name: c.name, type: 'label', domain: c.domain }
          : { name: c.name, type: c.kind },
    ),
    extras,
  };
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
    if (c.type === 'numeric') lines.push(`  ${c.name}  numeric`);
    else {
      const dom = c.domain ?? [];
      const shown = dom
        .slice(0, MAX_LEVELS_SHOWN)
        .map((l) => JSON.stringify(l))
        .join(', ');
      lines.push(`  ${c.name}  categorical(${dom.length}): ${shown}${dom.length > MAX_LEVELS_SHOWN ? ', …' : ''}`);
    }
  }
  lines.push(`outputs (${d.outputs.length}):`);
  for (const c of d.outputs) lines.push(`  ${c.name}  ${c.type}${c.size !== undefined ? `[${c.size}]` : ''}`);
  if (d.extras.length > 0) lines.push(`extra outputs: ${d.extras.join(', ')}`);
  return lines.join('\n');
}
