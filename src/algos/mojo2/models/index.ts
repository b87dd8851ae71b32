/** The surface of algos/mojo2/models/ for the modules outside it. */
export { readCapnpXgboost } from './xgb-capnp.ts';
export { parseXgbTextDump } from './xgb-text.ts';
export { readProtoModel } from './proto-model.ts';
