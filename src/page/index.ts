/** The surface of page/ for the modules outside it. */
export { escapeHtml, pageHtml } from './html.ts';
