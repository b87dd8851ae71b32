/**
 * The Swagger UI page at /swagger. Built here rather than by @elysiajs/openapi, whose page puts
 * the document's title and description into the HTML as they are: ours hold strings from the
 * model file (uuid, h2o version, response column, algorithm), which are untrusted.
 */
import { escapeHtml } from '../../page/index.ts';

/** Where the page finds the UI's script and style, and its OpenAPI document (relative URL). */
export interface SwaggerPageAssets {
  script: string;
  style: string;
  specUrl: string;
}

/** JSON that cannot end the <script> element it sits in ("</script>", "<!--"). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** The page's HTML: every interpolated string escaped for its context. */
export function swaggerPageHtml(info: { title: string; description: string }, assets: SwaggerPageAssets): string {
  const title = escapeHtml(info.title);
  const description = escapeHtml(info.description);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${title}</title>
<meta name="description" content="${description}" />
<link rel="stylesheet" href="${escapeHtml(assets.style)}" />
</head>
<body>
<div id="swagger-ui"></div>
<script src="${escapeHtml(assets.script)}" crossorigin></script>
<script>
window.onload = () => { window.ui = SwaggerUIBundle(${scriptJson({ url: assets.specUrl, dom_id: '#swagger-ui' })}); };
</script>
</body>
</html>`;
}
