/** Serves the built renderer (out/renderer) without ever leaving its folder. */
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export interface StaticFile {
  readonly body: Buffer;
  readonly type: string;
}

/** Returns null when the path is outside root, not a file, or unreadable. */
export async function readStatic(root: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const base = resolve(root);
  const full = resolve(base, `.${decoded}`);
  if (full !== base && !full.startsWith(base + sep)) return null;
  try {
    const body = await readFile(full);
    return { body, type: TYPES[extname(full)] ?? 'application/octet-stream' };
  } catch {
    return null;
  }
}

/**
 * Adds the page client script before the renderer's own module script. Deferred: it runs
 * after parsing, still before the module script (one ordered list), and the parser does not
 * wait for its fetch, so the list the shell served in the page paints without it (issue 17).
 */
export function injectClientScript(html: string, src: string): string {
  const tag = `<script defer src="${src}"></script>`;
  const at = html.indexOf('<script');
  return at >= 0
    ? `${html.slice(0, at)}${tag}\n    ${html.slice(at)}`
    : html.replace('</head>', `${tag}</head>`);
}
