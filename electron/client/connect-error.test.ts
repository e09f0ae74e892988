import { describe, expect, it } from 'vitest';
import { connectErrorMessage } from './connect-error';
import type { AccessFacts } from './connect-error';

const base: AccessFacts = {
  code: 'EACCES',
  path: '/run/vnm/vnmd.sock',
  isRoot: false,
  socketGroup: { gid: 990, name: 'vnm' },
  processGids: [1000],
  groupMembers: [],
  user: 'ada',
};

describe('connectErrorMessage', () => {
  it('says vnmd is not running only when nothing listens', () => {
    for (const code of ['ENOENT', 'ECONNREFUSED']) {
      const text = connectErrorMessage({ ...base, code });
      expect(text).toContain('is not running');
      expect(text).toContain('systemctl start vnmd.socket');
    }
  });

  it('names the group and how to join it when the user is outside it', () => {
    const text = connectErrorMessage(base);
    expect(text).toContain('you are not in group vnm');
    expect(text).toContain('sudo usermod -aG vnm $USER');
    expect(text).toContain('log out and in again');
    expect(text).not.toContain('not running');
  });

  it('tells a user who just joined the group to log in again', () => {
    const text = connectErrorMessage({ ...base, groupMembers: ['ada'] });
    expect(text).toContain('session started before');
    expect(text).toContain('newgrp vnm');
  });

  it('says the socket is root only when no group owns it', () => {
    const text = connectErrorMessage({ ...base, socketGroup: { gid: 0, name: 'root' } });
    expect(text).toContain('root only');
    expect(text).toContain('sudo');
  });

  it('passes other errors through with the path', () => {
    expect(connectErrorMessage({ ...base, code: 'ETIMEDOUT' })).toBe(
      'failed to connect to vnmd at /run/vnm/vnmd.sock: ETIMEDOUT',
    );
  });
});
