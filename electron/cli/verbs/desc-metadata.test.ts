import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { VnmClient } from '../../client/client';
import { VnmError } from '../../../shared/rpc/errors';
import { parseVerbArgs } from '../args';
import type { VerbContext } from '../context';
import { checkExclusive, netMetadata } from './desc-metadata';

const spec = {
  positionals: ['network'],
  required: 1,
  flags: ['live', 'current', 'remove'],
  options: ['set'],
};

describe('net-desc and net-metadata options', () => {
  it("refuses options given together as virsh does, in virsh's words", () => {
    const a = parseVerbArgs('net-desc', spec, ['n', '--current', '--live']);
    expect(() => checkExclusive(a, [['current', 'live']])).toThrow(
      'Options --current and --live are mutually exclusive',
    );
    const b = parseVerbArgs('net-metadata', spec, ['n', '--remove', '--set', '<a/>']);
    expect(() => checkExclusive(b, [['remove', 'set']])).toThrow(
      'Options --remove and --set are mutually exclusive',
    );
    expect(() =>
      checkExclusive(parseVerbArgs('x', spec, ['n', '--live']), [['current', 'live']]),
    ).not.toThrow();
  });
});

const URI = 'http://example.org/ns';
const dir = mkdtempSync(join(tmpdir(), 'vnm-md-edit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const savedEnv = { EDITOR: process.env.EDITOR, VISUAL: process.env.VISUAL };
afterEach(() => {
  for (const [k, v] of Object.entries(savedEnv)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

/** A stand-in for vnmd's client (no vnmd in a unit test): holds one element, records the sets. */
function standInVnmd(element: string | null) {
  const sets: Record<string, unknown>[] = [];
  const client = {
    call: (method: string, params: Record<string, unknown>) => {
      if (method === 'network.getMetadata') {
        if (element === null)
          return Promise.reject(
            new VnmError('not-found', 'metadata not found: Requested metadata element is not present'),
          );
        return Promise.resolve({ value: element });
      }
      sets.push(params);
      return Promise.resolve({ ok: true });
    },
  } as unknown as VnmClient;
  const printed: string[] = [];
  const ctx: VerbContext = {
    client: () => Promise.resolve(client),
    out: (t) => printed.push(t),
    extra: (t) => printed.push(t),
    err: (t) => printed.push(t),
    quiet: false,
  };
  return { ctx, sets, printed };
}

/** Runs `vnm net-metadata net URI ARGS…` with $EDITOR set to `editor` (a real shell command). */
async function metadata(element: string | null, editor: string, ...args: string[]) {
  delete process.env.VISUAL;
  process.env.EDITOR = editor;
  const vnmd = standInVnmd(element);
  await netMetadata.run(vnmd.ctx, parseVerbArgs('net-metadata', netMetadata.args, ['net', URI, ...args]));
  return vnmd;
}

describe('net-metadata --edit', () => {
  it('opens the element in $EDITOR and sets what was saved, under the key', async () => {
    const r = await metadata(
      '<app:a xmlns:app="http://example.org/ns">1</app:a>',
      'sed -i s/1/2/',
      '--edit',
      '--key',
      'app',
    );
    expect(r.sets).toEqual([
      {
        network: 'net',
        type: 'element',
        value: '<app:a xmlns:app="http://example.org/ns">2</app:a>',
        key: 'app',
        uri: URI,
        live: false,
        config: false,
      },
    ]);
    expect(r.printed).toEqual(['Metadata modified\n']);
  });

  it("says virsh's 'Metadata not changed' (no newline) and sets nothing when the file is saved as it was", async () => {
    const r = await metadata('<a/>', 'true', '--edit', '--key', 'app', '--live');
    expect(r.sets).toEqual([]);
    expect(r.printed).toEqual(['Metadata not changed']);
  });

  it('starts from a lone newline when the network has no such element, as virsh does', async () => {
    const src = join(dir, 'new.xml');
    writeFileSync(src, '<b/>');
    const r = await metadata(null, `cp ${src}`, '--edit', '--key', 'app', '--config');
    expect(r.sets).toMatchObject([{ value: '<b/>', key: 'app', config: true }]);
    expect((await metadata(null, 'true', '--edit', '--key', 'app')).printed).toEqual([
      'Metadata not changed',
    ]);
  });

  it('needs a key, and refuses --set or --remove beside --edit, in virsh words', async () => {
    await expect(metadata('<a/>', 'true', '--edit')).rejects.toThrow(
      'namespace key is required when modifying metadata',
    );
    await expect(metadata('<a/>', 'true', '--edit', '--key', 'k', '--set', '<a/>')).rejects.toThrow(
      'Options --edit and --set are mutually exclusive',
    );
    await expect(metadata('<a/>', 'true', '--remove', '--edit', '--key', 'k')).rejects.toThrow(
      'Options --remove and --edit are mutually exclusive',
    );
  });

  it('fails, setting nothing, when the editor fails', async () => {
    const r = metadata('<a/>', 'false', '--edit', '--key', 'k');
    await expect(r).rejects.toThrow(/the editor 'false' failed/);
  });
});
