// Deno 2 (`deno run --allow-read deno.mjs`): the npm package, imported with the npm: prefix.
import { loadModel } from 'npm:mojo-scorer';

const model = loadModel(await Deno.readFile('models/demo-gbm.zip'));
const row = { tenure_months: 71, monthly_charges: 21.07, support_calls: 1, plan: 'basic', region: 'east' };
console.log(JSON.stringify(model.score(row)));
