// Node side of bench/library-runtimes.ts: node bench/library-node.mjs <bundle.js> <model.zip> <rows.json> <seconds>
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { measure } from './library-measure.mjs';

const [bundle, model, rowsFile, seconds] = process.argv.slice(2);
const lib = await import(pathToFileURL(bundle).href);
const result = measure(lib, new Uint8Array(readFileSync(model)), JSON.parse(readFileSync(rowsFile, 'utf8')), Number(seconds));
console.log(JSON.stringify(result));
