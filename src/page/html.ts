/** The model page's HTML and CSS (the script is bundled separately from main.ts). */

const CSS = `
:root{--fg:#1d2330;--muted:#5b6475;--line:#d9dee7;--accent:#2563eb;--neg:#dc2626;--bg:#fff;--soft:#f4f6fa}
*{box-sizing:border-box}body{margin:0;font:15px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:var(--fg);background:var(--bg)}
header{display:flex;gap:1rem;align-items:center;flex-wrap:wrap;padding:.8rem 1.2rem;border-bottom:1px solid var(--line);background:var(--soft)}
header h1{font-size:1.15rem;margin:0}header a{color:var(--accent)}#status{color:var(--muted);flex:1}
label.drop{border:1px dashed var(--muted);border-radius:6px;padding:.3rem .7rem;cursor:pointer;color:var(--muted)}label.drop input{display:none}
main{display:grid;grid-template-columns:repeat(auto-fit,minmax(360px,1fr));gap:1rem;padding:1rem 1.2rem}
section{border:1px solid var(--line);border-radius:8px;padding:.8rem 1rem;min-width:0}h2{font-size:1.05rem;margin:0 0 .6rem}h3{font-size:.95rem;margin:.9rem 0 .4rem}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:.15rem .8rem;margin:0}dl.kv dt{color:var(--muted)}dl.kv dd{margin:0;overflow-wrap:anywhere}
details{margin-top:.6rem}summary{cursor:pointer;color:var(--accent)}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.2rem .4rem;border-bottom:1px solid var(--line);vertical-align:top}td.levels{color:var(--muted);font-size:.85rem}
form{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:.5rem}form label{display:flex;flex-direction:column;font-size:.85rem;color:var(--muted)}
input,select,button{font:inherit;padding:.25rem .4rem;border:1px solid var(--line);border-radius:4px}button{background:var(--accent);color:#fff;border:0;cursor:pointer;align-self:end}
.chart{display:grid;gap:.25rem;margin:.5rem 0}.chart .row{display:grid;grid-template-columns:minmax(4rem,9rem) 1fr 5.5rem;gap:.5rem;align-items:center}
.chart .label{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}.chart .value{text-align:right;font-variant-numeric:tabular-nums}
.track{position:relative;height:.9rem;background:var(--soft);border-radius:3px}.bar{position:absolute;top:0;bottom:0;left:0;background:var(--accent);border-radius:3px}
.signed .track::after{content:"";position:absolute;left:50%;top:-2px;bottom:-2px;border-left:1px solid var(--muted)}.bar.neg{background:var(--neg)}
.row.strong .label{font-weight:600}.big{font-size:1.3rem;font-weight:600;margin:.3rem 0}
.scale .line{position:relative;height:.5rem;background:var(--soft);border-radius:3px;margin:.4rem 0}.scale .marker{position:absolute;top:-.35rem;width:.3rem;height:1.2rem;margin-left:-.15rem;background:var(--accent)}
.scale .ends{display:flex;justify-content:space-between;color:var(--muted);font-size:.85rem}.error{color:var(--neg)}#server pre{white-space:pre-wrap;overflow-wrap:anywhere;font-size:.8rem;background:var(--soft);padding:.4rem;border-radius:4px}#server.differs h3{color:var(--neg)}.bias,.outputs{color:var(--muted);font-size:.85rem}
`;

/**
 * Text made safe for HTML, in element content and in quoted attribute values alike. Every
 * string from a model file (uuid, versions, column names, algorithm) is untrusted here.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that cannot end the <script> element it sits in ("</script>", "<!--"). */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** What the page shell shows besides the script. */
export interface PageShellOptions {
  /** The model's description, embedded for the page to score through the server (no model file shared). */
  description?: unknown;
  /** Link to Swagger UI (off when the server does not serve it). */
  swagger?: boolean;
}

/**
 * The page shell; `modelUrl` is where the script fetches the served MOJO (null: the embedded
 * description is scored through the server, or, without one, drop-a-file only).
 */
export function pageHtml(title: string, scriptUrl: string, modelUrl: string | null, options: PageShellOptions = {}): string {
  const esc = escapeHtml;
  const { description, swagger = true } = options;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><link rel="icon" href="data:,"><style>${CSS}</style></head>
<body${modelUrl === null ? '' : ` data-model="${esc(modelUrl)}"`}>
<header><h1>mojo-scorer</h1><span id="status">Loading…</span>
<label class="drop">Drop a MOJO here or <u>choose a file</u> to score it in this browser<input id="file" type="file" accept=".zip,.mojo,.gz,.tgz"></label>
${swagger ? '<a href="/swagger">API (Swagger)</a>' : ''}</header>
<main id="main"></main>${
    description === undefined ? '' : `\n<script id="model-description" type="application/json">${scriptJson(description)}</script>`
  }
<script type="module" src="${esc(scriptUrl)}"></script>
</body></html>`;
}
