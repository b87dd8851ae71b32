/** The surface of page/ for the modules outside it. */
export { pageHtml } from './html.ts';
