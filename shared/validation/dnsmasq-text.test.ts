import { describe, expect, it } from 'vitest';
import { dnsmasqPathProblem, dnsNameProblem, txtValueProblem } from './dnsmasq-text';

describe('dnsNameProblem', () => {
  it.each(['example.com', 'a', 'host-1.lab_x.example.', 'x'.repeat(63)])('accepts %j', (v) =>
    expect(dnsNameProblem(v)).toBeUndefined(),
  );
  it('allows a * label only where asked', () => {
    expect(dnsNameProblem('*.example.com', true)).toBeUndefined();
    expect(dnsNameProblem('*.example.com')).toMatch(/'\*'/);
  });
  it.each([
    ['', /empty/],
    ['a..b', /empty label/],
    ['a b', /a blank/],
    ['a,b', /','/],
    ['a\nb', /a newline/],
    ['a#b', /'#'/],
    ['x'.repeat(64), /longer than 63/],
    [`${'x.'.repeat(127)}x`, /255 characters long/],
  ])('refuses %j', (v, pattern) => expect(dnsNameProblem(v)).toMatch(pattern));
});

describe('dnsmasqPathProblem', () => {
  it.each(['pxelinux.0', '/var/lib/tftproot', 'boot/efi/grubx64.efi'])('accepts %j', (v) =>
    expect(dnsmasqPathProblem(v)).toBeUndefined(),
  );
  it.each([
    ['/srv/tftp,eth0', /','/],
    ['/srv/my tftp', /a blank/],
    ['a"b', /'"'/],
    ['a\u2028b', /U\+2028/],
    [`/${'x'.repeat(300)}`, /longer than 255 bytes/],
  ])('refuses %j', (v, pattern) => expect(dnsmasqPathProblem(v)).toMatch(pattern));
});

describe('txtValueProblem', () => {
  it.each(['example value', 'v=spf1 a -all', 'a#b', 'one,two', 'héllo'])('accepts %j', (v) =>
    expect(txtValueProblem(v)).toBeUndefined(),
  );
  it.each([
    ['a"b', /'"'/],
    ['a #b', /comment/],
    ['#b', /comment/],
    ['a\nb', /a newline/],
    ['a\u0000b', /U\+0000/],
    ['x'.repeat(701), /at most 700/],
    ['x'.repeat(256), /longer than 255 bytes/],
  ])('refuses %j', (v, pattern) => expect(txtValueProblem(v)).toMatch(pattern));
});
