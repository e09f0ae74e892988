import { describe, expect, it } from 'vitest';
import { libvirtPaths, lineDiff } from './dnsmasq-cases';

describe('libvirtPaths', () => {
  it('XML-escapes the network name in every path, as libvirt 9.0 does', () => {
    expect(libvirtPaths(`a"b'c<d>&`, 'virbr0')).toEqual({
      pidFile: '/run/libvirt/network/a&quot;b&apos;c&lt;d&gt;&amp;.pid',
      hostsFile: '/var/lib/libvirt/dnsmasq/a&quot;b&apos;c&lt;d&gt;&amp;.hostsfile',
      addnHostsFile: '/var/lib/libvirt/dnsmasq/a&quot;b&apos;c&lt;d&gt;&amp;.addnhosts',
      bridge: 'virbr0',
    });
  });
});

describe('lineDiff', () => {
  it('marks changed, missing and extra lines and shows tabs visibly', () => {
    expect(lineDiff('a\nb\tx\nc\n', 'a\nB\nc\n')).toBe(
      ['    a', '  - b\\tx', '  + B', '    c', '    '].join('\n'),
    );
    expect(lineDiff('a\n', 'a\nextra\n')).toBe(['    a', '  - ', '  + extra', '  + '].join('\n'));
  });
});
