/**
 * Where vnm deliberately differs from libvirt 9.0 on an oracle input, and why. Each entry
 * names the case and undoes exactly its one difference in vnm's output before the
 * byte-for-byte comparison, so everything else in that case is still compared; the runner
 * prints each one it applied. Keep this list short and say why in the README too.
 */

export interface Deviation {
  /** The oracle case (file name without .xml). */
  readonly name: string;
  /** One line: what differs and why vnm does it. */
  readonly why: string;
  /** vnm's dumpxml with the difference undone. */
  readonly xml?: (ours: string) => string;
  /** vnm's dnsmasq conf with the difference undone. */
  readonly conf?: (ours: string) => string;
}

export const DEVIATIONS: readonly Deviation[] = [
  {
    name: 'nat-network-dns-forwarders',
    why: "vnm keeps <forwarder port='1234'> and writes server=…#1234, as newer libvirt releases do; libvirt 9.0 drops the port and sends those queries to port 53",
    xml: (ours) => ours.replace(/(<forwarder [^>]*?) port='1234'\/>/, '$1/>'),
    conf: (ours) => ours.replace(/^(server=\/example2\.com\/192\.168\.2\.1)#1234$/m, '$1'),
  },
];

export function deviationFor(name: string): Deviation | undefined {
  return DEVIATIONS.find((d) => d.name === name);
}
