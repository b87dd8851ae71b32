/**
 * Every curl example of docs/protocols.md, sent to the demo model's app as curl would send it,
 * answers exactly the JSON written under it: the page cannot drift from the server.
 */
import { describe, expect, test } from 'bun:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeModel } from '../../../src/algos/index.ts';
import { DEMO_MODEL_PATH } from '../../../src/demo/index.ts';
import { REPO_ROOT } from '../../support/fixtures.ts';
import { send, testApp } from '../../support/test-app.ts';

interface Example {
  command: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | undefined;
  expected: string;
}

/** Shell words of a command line: bare words and '…' quoted ones (all the page uses). */
function words(line: string): string[] {
  const out: string[] = [];
  const re = /'([^']*)'|(\S+)/g;
  for (let m = re.exec(line); m !== null; m = re.exec(line)) out.push(m[1] ?? m[2]);
  return out;
}

function examples(markdown: string): Example[] {
  const found: Example[] = [];
  for (const block of markdown.matchAll(/```sh\n([\s\S]*?)```/g)) {
    const lines = block[1].split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i].startsWith('curl ')) continue;
      let command = lines[i];
      // A line ending in a backslash continues; so does a quoted string left open.
      for (;;) {
        if (command.endsWith('\\')) command = `${command.slice(0, -1)} ${lines[++i].trim()}`;
        else if ((command.split("'").length - 1) % 2 === 1) command = `${command}\n${lines[++i]}`;
        else break;
      }
      const answer = lines[i + 1] ?? '';
      if (!answer.startsWith('# ')) throw new Error(`no answer under: ${command}`);
      const args = words(command).slice(1);
      const headers: Record<string, string> = {};
      let body: string | undefined;
      let url = '';
      for (let k = 0; k < args.length; k++) {
        const a = args[k];
        if (a === '-s') continue;
        if (a === '-H') {
          const [name, ...value] = args[++k].split(':');
          headers[name.trim().toLowerCase()] = value.join(':').trim();
        } else if (a === '-d') body = args[++k];
        else url = a;
      }
      const path = url.replace(/^localhost:8080/, '');
      found.push({ command, method: body === undefined ? 'GET' : 'POST', path, headers, body, expected: answer.slice(2) });
    }
  }
  return found;
}

const page = readFileSync(join(REPO_ROOT, 'docs/protocols.md'), 'utf8');
const app = testApp({}, decodeModel(DEMO_MODEL_PATH));

describe('docs/protocols.md', () => {
  const all = examples(page);
  test('has examples of every protocol', () => {
    const paths = all.map((e) => e.path);
    for (const p of ['/v2/health/ready', '/v2/models/', '/v1/models/', '/invocations'])
      expect(paths.some((x) => x.startsWith(p))).toBe(true);
  });
  for (const e of all) {
    test(e.command.slice(0, 100), async () => {
      const r = await send(app, e.method, e.path, e.body, e.headers);
      expect(r.json()).toEqual(JSON.parse(e.expected));
    });
  }
});
