/** Public surface of H2O's REST scorer API. */
export { h2oModelId, h2oRoutes, type H2oRouteOptions } from './routes.ts';
