// Runs inside a scratch project that installed the packed tarball: scores the rows of a job
// file through the public package entries exactly as a user would, and writes the records.
// Usage: node score-rows.mjs job.json out.json
import { readFileSync, writeFileSync } from 'node:fs';
import { loadModel } from 'mojo-scorer';
import { loadModelFile } from 'mojo-scorer/node';

const [jobPath, outPath] = process.argv.slice(2);
const jobs = JSON.parse(readFileSync(jobPath, 'utf8'));
const results = {};
for (const job of jobs) {
  // Alternate the two entries so both are exercised: bytes (runtime-neutral) and path (node).
  const model = job.fromPath ? loadModelFile(job.model) : loadModel(new Uint8Array(readFileSync(job.model)), { name: job.name });
  const result = { outputNames: model.outputNames, describe: model.describe(), predictions: model.scoreMany(job.rows, { lenient: true }) };
  if (job.contributions) result.contributions = model.scoreMany(job.rows, { lenient: true, output: 'contributions' });
  results[job.name] = result;
}
writeFileSync(outPath, JSON.stringify(results));
