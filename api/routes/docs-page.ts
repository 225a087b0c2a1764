import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ApiEnv } from '../api-env.js';

/**
 * /docs: an interactive, self-contained API explorer (no CDN: it must work on closed networks). It reads
 * /v1/openapi.json, lists every operation with its parameters and responses, and sends requests with the
 * bearer token you paste.
 */
const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>MasterBus API</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2733;background:#f6f8fa}
header{background:#12324a;color:#fff;padding:14px 24px}header h1{margin:0;font-size:20px}
main{max-width:1100px;margin:0 auto;padding:16px 24px}
.op{background:#fff;border:1px solid #d8dee4;border-radius:6px;margin:10px 0}
.op summary{cursor:pointer;padding:10px 12px;display:flex;gap:10px;align-items:center}
.m{font-weight:700;min-width:52px;text-align:center;border-radius:4px;color:#fff;padding:2px 6px;font-size:12px}
.get{background:#1f6feb}.post{background:#1a7f37}.path{font-family:ui-monospace,monospace}
.body{padding:0 12px 12px}label{display:block;margin:6px 0 2px;font-weight:600}
input{width:100%;box-sizing:border-box;padding:6px;font-family:ui-monospace,monospace}
button{margin-top:8px;padding:6px 14px;cursor:pointer}pre{background:#0d1117;color:#e6edf3;padding:10px;overflow:auto;max-height:420px;border-radius:6px}
#token{margin-top:6px}.muted{color:#57606a}
</style></head><body>
<header><h1>MasterBus API</h1><div class="muted" style="color:#b6c8d8">OpenAPI: <a style="color:#fff" href="/v1/openapi.json">/v1/openapi.json</a></div></header>
<main><label for="token">Bearer token</label><input id="token" placeholder="eyJhbGciOi… (npm run token)"><div id="ops">Loading…</div></main>
<script>
const esc = (s) => String(s).replace(/[&<>"]/g, (c) => ({'&':'&amp;','<':'&lt;','>':'&gt;','"':'&quot;'}[c]));
fetch('/v1/openapi.json').then((r) => r.json()).then((doc) => {
  const ops = document.getElementById('ops'); ops.innerHTML = '';
  for (const [path, methods] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(methods)) {
    const params = op.parameters || [];
    const el = document.createElement('details'); el.className = 'op';
    el.innerHTML = '<summary><span class="m ' + method + '">' + method.toUpperCase() + '</span><span class="path">' + esc(path) + '</span><span class="muted">' + esc(op.summary || '') + '</span></summary>' +
      '<div class="body"><p>' + esc(op.description || '') + '</p>' +
      params.map((p) => '<label>' + esc(p.name) + ' <span class="muted">(' + p.in + (p.required ? ', required' : '') + ')</span></label><input data-in="' + p.in + '" data-name="' + esc(p.name) + '">').join('') +
      '<p class="muted">Responses: ' + Object.keys(op.responses || {}).join(', ') + '</p><button>Send</button><pre hidden></pre></div>';
    el.querySelector('button').onclick = async () => {
      let url = path; const q = new URLSearchParams(); const headers = {};
      for (const i of el.querySelectorAll('input')) { if (!i.value) continue;
        if (i.dataset.in === 'path') url = url.replace('{' + i.dataset.name + '}', encodeURIComponent(i.value));
        else if (i.dataset.in === 'query') q.set(i.dataset.name, i.value); else if (i.dataset.in === 'header') headers[i.dataset.name] = i.value; }
      const token = document.getElementById('token').value.trim(); if (token) headers.authorization = 'Bearer ' + token;
      const res = await fetch(url + (q.toString() ? '?' + q : ''), { method: method.toUpperCase(), headers });
      const out = el.querySelector('pre'); out.hidden = false;
      const text = await res.text(); let shown = text; try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch {}
      out.textContent = res.status + ' ' + res.statusText + '\\n' + shown;
    };
    ops.appendChild(el);
  }
});
</script></body></html>`;

export function registerDocsPage(app: OpenAPIHono<ApiEnv>): void {
  app.get('/docs', (c) => {
    // The page's own inline script and style; nothing is loaded from elsewhere.
    c.header('Content-Security-Policy', "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'");
    return c.html(page);
  });
}
