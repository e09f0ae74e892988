import { describe, expect, it } from 'vitest';
import { parseMonitorLine } from './link-monitor';

// Lines as `ip -o monitor link` (iproute2 6.1) printed them while a veth and a tap joined br0.
const VETH_JOINS =
  '4: va@vb: <BROADCAST,MULTICAST,M-DOWN> mtu 1500 qdisc noop master br0 state DOWN group default \\    link/ether d6:cc:c4:89:56:d0 brd ff:ff:ff:ff:ff:ff';
const BRPORT_NOTICE =
  '5: tap0: <BROADCAST,MULTICAST> mtu 1500 master br0 state DOWN \\    link/ether ae:af:94:34:ec:d8';
const NO_MASTER =
  '3: vb@NONE: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN group default \\    link/ether b2:3c:52:a8:91:67 brd ff:ff:ff:ff:ff:ff';

describe('parseMonitorLine', () => {
  it('names the port (without its veth peer) and the bridge it joined', () => {
    expect(parseMonitorLine(VETH_JOINS)).toEqual({ port: 'va', master: 'br0' });
  });

  it('reads the bridge-port notice, which has no qdisc field', () => {
    expect(parseMonitorLine(BRPORT_NOTICE)).toEqual({ port: 'tap0', master: 'br0' });
  });

  it('ignores a link without a master and a port leaving', () => {
    expect(parseMonitorLine(NO_MASTER)).toBeNull();
    expect(parseMonitorLine(`Deleted ${BRPORT_NOTICE}`)).toBeNull();
    expect(parseMonitorLine('')).toBeNull();
  });
});
