import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectionFilePath, loadConnections, saveConnections } from './connection-file';

let dir = '';
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the connection file', () => {
  it('lives under XDG_CONFIG_HOME, round-trips, and only its owner reads it', () => {
    dir = mkdtempSync(join(tmpdir(), 'vnm-conn-'));
    const path = connectionFilePath({ XDG_CONFIG_HOME: dir });
    expect(path).toBe(join(dir, 'vnm', 'connections.json'));
    expect(loadConnections(path)).toEqual({ list: [] });
    const list = [{ id: 'c1', uri: 'vnm+ssh://ops@lab1/system', autoconnect: true }];
    saveConnections(path, list);
    expect(loadConnections(path)).toEqual({ list });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).not.toMatch(/password/i);
  });

  it('moves an unreadable file aside instead of overwriting it later, and drops bad rows', () => {
    dir = mkdtempSync(join(tmpdir(), 'vnm-conn-'));
    const path = join(dir, 'connections.json');
    writeFileSync(path, '{not json');
    const loaded = loadConnections(path);
    expect(loaded.list).toEqual([]);
    expect(loaded.problem).toMatch(/moved to .*connections\.json\.unreadable/);
    expect(existsSync(`${path}.unreadable`)).toBe(true);
    writeFileSync(
      path,
      JSON.stringify({
        connections: [
          { id: 'ok', uri: 'vnm+ssh://h/system', autoconnect: false },
          { id: '../x', uri: 'vnm+ssh://h', autoconnect: false },
          { id: 'u', uri: 'unix:/x', autoconnect: true, name: 'host-b' },
          { id: 'rel', uri: 'unix:x.sock', autoconnect: true },
          { id: 'ftp', uri: 'ftp://h', autoconnect: true },
          { id: 'n', uri: 'unix:/y', autoconnect: true, name: 'a\u001b[31mred' },
        ],
      }),
    );
    // Another vnmd's socket on this machine (a sandbox's host-b) is a connection too, with its name.
    expect(loadConnections(path).list.map((c) => c.id)).toEqual(['ok', 'u']);
    expect(loadConnections(path).list[1]?.name).toBe('host-b');
  });
});
