/**
 * A first network definition for Add network, from vnmd's proposal of a free subnet.
 * The creation wizard (issue 7) replaces this with a step-by-step form.
 */
export function proposeName(existing: readonly string[]): string {
  const taken = new Set(existing);
  if (!taken.has('network')) return 'network';
  for (let i = 1; ; i++) if (!taken.has(`network${i}`)) return `network${i}`;
}

function toInt(ip: string): number {
  return ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
}

function toIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

/** NAT network XML for an IPv4 subnet in CIDR form: gateway first host, DHCP on the upper half. */
export function proposalXml(name: string, subnet: string): string {
  const [addr = '', prefixText = '24'] = subnet.split('/');
  const prefix = Number(prefixText);
  const size = 2 ** (32 - prefix);
  const base = toInt(addr) - (toInt(addr) % size);
  return [
    '<network>',
    `  <name>${name}</name>`,
    "  <forward mode='nat'/>",
    `  <ip address='${toIp(base + 1)}' prefix='${prefix}'>`,
    '    <dhcp>',
    `      <range start='${toIp(base + size / 2)}' end='${toIp(base + size - 2)}'/>`,
    '    </dhcp>',
    '  </ip>',
    '</network>',
    '',
  ].join('\n');
}
