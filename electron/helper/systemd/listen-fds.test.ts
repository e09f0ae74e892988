import { describe, expect, it } from 'vitest';
import { takePassedSockets } from './listen-fds';

describe('takePassedSockets', () => {
  it('maps the named fds from 3 on and clears the variables', () => {
    const env: NodeJS.ProcessEnv = { LISTEN_PID: '42', LISTEN_FDS: '2', LISTEN_FDNAMES: 'vnmd-ro:vnmd' };
    expect(takePassedSockets(env, 42)).toEqual({ readOnly: 3, readWrite: 4 });
    expect(env).toEqual({});
  });

  it('ignores sockets meant for another process, but still clears the variables', () => {
    const env: NodeJS.ProcessEnv = { LISTEN_PID: '41', LISTEN_FDS: '1', LISTEN_FDNAMES: 'vnmd' };
    expect(takePassedSockets(env, 42)).toEqual({});
    expect(env.LISTEN_FDS).toBeUndefined();
  });

  it('returns nothing when vnmd was started by hand', () => {
    expect(takePassedSockets({}, 42)).toEqual({});
  });

  it('passes one socket alone (only vnmd.socket activated)', () => {
    const env = { LISTEN_PID: '7', LISTEN_FDS: '1', LISTEN_FDNAMES: 'vnmd' };
    expect(takePassedSockets(env, 7)).toEqual({ readWrite: 3 });
  });

  it('refuses a socket with a name it does not know', () => {
    const env = { LISTEN_PID: '7', LISTEN_FDS: '1', LISTEN_FDNAMES: 'unknown' };
    expect(() => takePassedSockets(env, 7)).toThrow(/FileDescriptorName=vnmd/);
  });
});
