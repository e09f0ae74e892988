import { closeSync, mkdtempSync, openSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addressLine, relayLine, whyNotPrivate } from './print-address';

const shell = { url: 'http://127.0.0.1:5000/?token=SECRET', origin: 'http://127.0.0.1:5000' };
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'vnm-print-test-'));
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

function lineForFile(mode: number): string {
  const path = join(dir, `out-${mode.toString(8)}`);
  writeFileSync(path, '', { mode });
  const fd = openSync(path, 'a');
  try {
    return addressLine(shell, fd);
  } finally {
    closeSync(fd);
  }
}

const fakeStats = (kind: 'file' | 'fifo' | 'tty' | 'socket', mode: number, uid: number) =>
  ({
    mode,
    uid,
    isFile: () => kind === 'file',
    isFIFO: () => kind === 'fifo',
    isCharacterDevice: () => kind === 'tty',
    isSocket: () => kind === 'socket',
  }) as Stats;

describe('the vnm UI address line', () => {
  it('shows the token in a file only this user can read', () => {
    expect(lineForFile(0o600)).toBe('vnm UI: http://127.0.0.1:5000/?token=SECRET');
  });

  it('withholds the token, and says why, in a file other users can read', () => {
    const line = lineForFile(0o644);
    expect(line).not.toContain('SECRET');
    expect(line).toMatch(/^vnm UI: http:\/\/127\.0\.0\.1:5000\/ \(token withheld: .*other users can read/);
  });

  it('relays an address line from the app under the same rule', () => {
    const path = join(dir, 'relay');
    writeFileSync(path, '', { mode: 0o644 });
    const fd = openSync(path, 'a');
    try {
      expect(relayLine(`vnm UI: ${shell.url}`, fd)).toMatch(
        /^vnm UI: http:\/\/127\.0\.0\.1:5000\/ \(token withheld/,
      );
      expect(relayLine('vnm demo: ready', fd)).toBe('vnm demo: ready');
    } finally {
      closeSync(fd);
    }
  });

  it('judges terminals, pipes and sockets', () => {
    const me = 1000;
    expect(whyNotPrivate(fakeStats('tty', 0o620, 1000), me)).toBeNull();
    // Under sudo, the terminal belongs to the user who logged in.
    expect(whyNotPrivate(fakeStats('tty', 0o620, 1000), 0)).toBeNull();
    expect(whyNotPrivate(fakeStats('tty', 0o666, 0), me)).toMatch(/other users can read/);
    expect(whyNotPrivate(fakeStats('fifo', 0o600, me), me)).toBeNull();
    expect(whyNotPrivate(fakeStats('fifo', 0o600, 2000), me)).toMatch(/another user/);
    expect(whyNotPrivate(fakeStats('fifo', 0o644, me), me)).toMatch(/other users can read/);
    expect(whyNotPrivate(fakeStats('socket', 0o777, me), me)).toBeNull();
    expect(whyNotPrivate(fakeStats('file', 0o600, 2000), me)).toMatch(/another user/);
  });

  it('treats /dev/null like any device others can read', () => {
    expect(whyNotPrivate(statSync('/dev/null'), process.getuid?.())).toMatch(/other users can read/);
  });
});
