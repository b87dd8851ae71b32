// Node ≥ 20.16, ESM: read a MOJO from disk, describe it, score a row and explain it.
import { readFile } from 'node:fs/promises';
import { loadModel } from 'mojo-scorer';

const model = loadModel(await readFile('models/demo-gbm.zip'), { name: 'demo-gbm.zip' });
console.log(JSON.stringify(model.describe().inputs.map((c) => c.name))); // ["tenure_months", …]

const row = { tenure_months: 71, monthly_charges: 21.07, support_calls: 1, plan: 'basic', region: 'east' };
console.log(JSON.stringify(model.score(row))); // {"predict":"no","no":0.76…,"yes":0.23…}
console.log(JSON.stringify(model.score(row, { output: 'contributions' }))); // one value per input, then BiasTerm
