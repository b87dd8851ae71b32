// CommonJS on every Node the package supports (20.16 included): loadModelFile reads a .zip/.mojo,
// a model.tar.gz or a folder holding model.ini; scoreMany turns a row it cannot score into { error }.
const { loadModelFile } = require('mojo-scorer/node');

const model = loadModelFile('models/demo-gbm.zip');
const rows = [
  { tenure_months: 71, monthly_charges: 21.07, support_calls: 1, plan: 'basic', region: 'east' },
  { tenure_months: '11', monthly_charges: '98.88', plan: 'premium' }, // text is parsed; absent = missing
];
for (const record of model.scoreMany(rows)) console.log(JSON.stringify(record));
