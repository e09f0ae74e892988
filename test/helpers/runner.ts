/**
 * Calls vnmd modules inside a test namespace (see ns-runner.ts): the test process stays in
 * the machine's namespace and never changes it; the modules run in a child that lives in
 * the test's namespace and does the real work there.
 *
 *   const host = await createNetns('host');
 *   const r = await startRunner(host);
 *   await r.call('test/helpers/ns-links.ts', 'createBridge', { name: 'virbr0', stp: false });
 */
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { VnmError, isVnmErrorData } from '../../shared/rpc/errors';
import type { TestNetns } from './netns';

export interface Handle {
  readonly $handle: number;
}

export interface NsRunner {
  /** Calls `fn` exported by `module` (path from the repository root) with JSON-able args (Sets allowed). */
  call<T = unknown>(module: string, fn: string, ...args: unknown[]): Promise<T>;
  /** Calls a function an earlier call returned (an undo, for instance). */
  callHandle<T = unknown>(handle: Handle, ...args: unknown[]): Promise<T>;
  close(): void;
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const entry = fileURLToPath(new URL('./ns-runner.ts', import.meta.url));

function encodeArg(value: unknown): unknown {
  if (value instanceof Set) return { $set: [...(value as Set<unknown>)] };
  if (Array.isArray(value)) return value.map(encodeArg);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encodeArg(v)]));
}

function toError(e: { name?: string; message: string; kind?: string; details?: string }): Error {
  if (e.name === 'VnmError' && isVnmErrorData(e)) return new VnmError(e.kind, e.message, e.details);
  return new Error(e.message);
}

type Pending = { resolve: (v: unknown) => void; reject: (e: Error) => void };

/** Starts a runner in `ns`; it dies with the namespace (destroy kills it) or with close(). */
export async function startRunner(ns: TestNetns): Promise<NsRunner> {
  const child = ns.spawn(process.execPath, ['--import', 'tsx', entry], { cwd: root });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    pending.set(0, { resolve: () => resolve(), reject });
  });
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const msg = JSON.parse(line) as { id: number; ok: boolean; value?: unknown; error?: { message: string } };
    const p = pending.get(msg.id);
    pending.delete(msg.id);
    if (msg.ok) p?.resolve(msg.value);
    else p?.reject(toError(msg.error ?? { message: 'unknown error' }));
  });
  child.on('close', (code) => {
    for (const p of pending.values())
      p.reject(new Error(`runner in ${ns.name} exited (${code}): ${stderr.trim()}`));
    pending.clear();
  });
  await ready;
  const send = <T>(module: string, fn: string | number, args: unknown[]) =>
    new Promise<T>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      child.stdin!.write(`${JSON.stringify({ id, module, fn, args: encodeArg(args) })}\n`);
    });
  return {
    call: (module, fn, ...args) => send(module, fn, args),
    callHandle: (handle, ...args) => send('$handle', handle.$handle, args),
    close: () => child.stdin?.end(),
  };
}

type Remoted<R> = R extends (...args: never[]) => unknown ? Handle : R;
/** A module's functions as the runner exposes them: async, with returned functions as handles. */
export type Remote<M> = {
  [K in keyof M]: M[K] extends (...args: infer A) => infer R
    ? (...args: A) => Promise<Remoted<Awaited<R>>>
    : never;
};

/**
 * Typed access to a module inside the namespace:
 *   const routes = remote<typeof import('../../electron/helper/bridge/routes')>(r, 'electron/helper/bridge/routes.ts');
 *   await routes.listRoutes();
 */
export function remote<M>(runner: NsRunner, module: string): Remote<M> {
  return new Proxy({} as Remote<M>, {
    get: (_target, fn) =>
      typeof fn === 'string' ? (...args: unknown[]) => runner.call(module, fn, ...args) : undefined,
  });
}
