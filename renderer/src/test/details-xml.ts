/** A network for the Details tests, in libvirt's own output form (the codec gives it back as is). */
import type { NetworkDef } from '@shared/model/network';
import { parseNetworkXml } from '@shared/xml';

export const FULL = `<network>
  <name>full</name>
  <uuid>3e3fce45-4f53-4fa7-bb32-11f34168b82b</uuid>
  <metadata>
    <app:info xmlns:app="http://example.com/app" version="1"/>
  </metadata>
  <forward dev='eth0' mode='nat'>
    <nat>
      <port start='1024' end='65535'/>
    </nat>
    <interface dev='eth0'/>
  </forward>
  <bridge name='virbr5' stp='on' delay='0'/>
  <mac address='52:54:00:1c:da:2f'/>
  <domain name='example.com' localOnly='yes'/>
  <dns>
    <txt name='example' value='example value'/>
  </dns>
  <ip address='192.168.122.1' netmask='255.255.255.0'>
    <dhcp>
      <range start='192.168.122.100' end='192.168.122.254'>
        <lease expiry='1' unit='hours'/>
      </range>
      <host mac='00:16:3e:77:e2:ed' name='foo' ip='192.168.122.10'/>
      <host mac='00:16:3e:3e:a9:1a' name='bar' ip='192.168.122.11'>
        <lease expiry='0'/>
      </host>
    </dhcp>
  </ip>
  <ip family='ipv6' address='2001:db8:ca2:2::1' prefix='64'>
    <dhcp>
      <host id='0:3:0:1:0:16:3e:11:22:33' name='ralph' ip='2001:db8:ca2:2:3::3'/>
    </dhcp>
  </ip>
  <route address='192.168.222.0' prefix='24' gateway='192.168.122.2'/>
</network>
`;

export function defOf(xml: string): NetworkDef {
  const r = parseNetworkXml(xml);
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('; '));
  return r.def;
}
