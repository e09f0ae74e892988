/**
 * The child side of runner.ts: a Node process started inside a test namespace
 * (`ip netns exec NS node --import tsx ns-runner.ts`) that imports vnmd modules and calls
 * their functions on request, so they run exactly as in vnmd: their `ip`, `nft` and
 * /proc/sys all see that namespace, never the machine's own.
 *
 * Protocol: one JSON request per stdin line, `{ id, module, fn, args }` (module relative to
 * the repository root, or '$handle' to call a function an earlier call returned); one JSON
 * reply per stdout line, `{ id, ok, value }` or `{ id, ok: false, error }`.
 */
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

type AnyFn = (...args: unknown[]) => unknown;

const root = fileURLToPath(new URL('../..', import.meta.url));
const handles = new Map<number, AnyFn>();
let nextHandle = 1;

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value === null || typeof value !== 'object') return value;
  const v = value as Record<string, unknown>;
  if (Array.isArray(v.$set)) return new Set(v.$set);
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]));
}

function encode(value: unknown): unknown {
  if (typeof value === 'function') {
    const id = nextHandle++;
    handles.set(id, value as AnyFn);
    return { $handle: id };
  }
  return value === undefined ? null : value;
}

async function lookup(module: string, fn: string | number): Promise<AnyFn> {
  if (module === '$handle') {
    const h = handles.get(Number(fn));
    if (!h) throw new Error(`no handle ${fn}`);
    return h;
  }
  const mod = (await import(pathToFileURL(resolve(root, module)).href)) as Record<string, unknown>;
  const f = mod[String(fn)];
  if (typeof f !== 'function') throw new Error(`${module} has no function ${fn}`);
  return f as AnyFn;
}

function reply(msg: unknown): void {
  process.stdout.write(`${JSON.stringify(msg)}\n`);
}

const rl = createInterface({ input: process.stdin });
rl.on('line', (line) => {
  const req = JSON.parse(line) as { id: number; module: string; fn: string | number; args: unknown[] };
  void (async () => {
    try {
      const f = await lookup(req.module, req.fn);
      const value = await f(...(decode(req.args) as unknown[]));
      reply({ id: req.id, ok: true, value: encode(value) });
    } catch (e) {
      const err = e as { name?: string; message?: string; kind?: string; details?: string };
      reply({
        id: req.id,
        ok: false,
        error: { name: err.name, message: err.message ?? String(e), kind: err.kind, details: err.details },
      });
    }
  })();
});
rl.on('close', () => process.exit(0));
reply({ id: 0, ok: true, value: 'ready' });
