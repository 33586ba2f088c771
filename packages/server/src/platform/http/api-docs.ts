/** A readable, self-contained API reference at /api/docs, built from the OpenAPI document (no CDN). */
export function renderApiDocs(openapi: {
  info: { title: string; description: string };
  paths: Record<string, Record<string, unknown>>;
}): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const rows: string[] = [];
  const byTag = new Map<string, string[]>();
  for (const [url, ops] of Object.entries(openapi.paths)) {
    for (const [method, raw] of Object.entries(ops)) {
      const op = raw as {
        summary: string;
        tags: string[];
        requestBody?: unknown;
        parameters?: unknown[];
        responses: unknown;
        'x-permission'?: string;
      };
      const tag = op.tags[0] ?? 'other';
      const id = `${method}-${url}`.replace(/[^a-z0-9]+/gi, '-');
      const section = `<details id="${id}"><summary><b class="m ${method}">${method.toUpperCase()}</b> <code>${esc(url)}</code> — ${esc(op.summary)}${op['x-permission'] ? ` <i>(${esc(op['x-permission'])})</i>` : ''}</summary>
<pre>${esc(JSON.stringify({ parameters: op.parameters, requestBody: op.requestBody, responses: op.responses }, null, 2))}</pre></details>`;
      byTag.set(tag, [...(byTag.get(tag) ?? []), section]);
    }
  }
  for (const [tag, sections] of byTag) rows.push(`<h2>${esc(tag)}</h2>${sections.join('\n')}`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(openapi.info.title)}</title><style>
body{font-family:system-ui,"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;max-width:1000px;margin:2rem auto;padding:0 1rem;color:#222}
details{border:1px solid #ddd;border-radius:6px;margin:.4rem 0;padding:.4rem .6rem}summary{cursor:pointer}
pre{background:#f6f8fa;padding:.6rem;overflow:auto;font-size:12px}.m{display:inline-block;width:4.5em}
.get{color:#1677ff}.post{color:#389e0d}.patch,.put{color:#d48806}.delete{color:#cf1322}
</style></head><body><h1>${esc(openapi.info.title)}</h1><p>${esc(openapi.info.description)}</p>
<p>Machine-readable: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).</p>${rows.join('\n')}</body></html>`;
}
