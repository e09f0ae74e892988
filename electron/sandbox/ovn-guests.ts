/**
 * Guests of an OVN network in the sandbox, plugged in as libvirt plugs a VM with
 * `<virtualport type='openvswitch'>`: the network's vnmd makes the port (`net-port-create`,
 * which gives it its interface id), and the hypervisor host puts the VM's interface on its
 * br-int with that id in external_ids:iface-id; ovn-controller does the rest.
 */
import { randomUUID } from 'node:crypto';
import type { VnmClient } from '../client/client';
import { parseNetworkXml } from '../../shared/xml/parse-network';
import type { GuestPlugger } from './guest';
import { plugIntoBrInt } from './ovn-lab';
import type { OvnHost } from './ovn-lab';
import { run } from '../helper/exec';

function portXml(owner: string, mac: string): string {
  return `<networkport><uuid>${randomUUID()}</uuid><owner><name>${owner}</name><uuid>${randomUUID()}</uuid></owner><mac address='${mac}'/></networkport>`;
}

/** A plugger for `network` (run by `client`'s vnmd) on OVN host `host`; `owner` names the guest. */
export function ovnPlugger(host: OvnHost, client: VnmClient, network: string, owner: string): GuestPlugger {
  let portUuid: string | null = null;
  return {
    host: host.ns,
    async plug({ port, nsName, mac }) {
      portUuid = (await client.call('network.portCreate', { network, xml: portXml(owner, mac) })).uuid;
      const veth = ['link', 'add', port, 'type', 'veth', 'peer', 'name', 'eth0', 'address', mac];
      await host.ns.ip([...veth, 'netns', nsName]);
      // OVS's userspace datapath drops TCP whose checksum the guest left to offload (a
      // simulation matter: a VM's virtio-net is no veth).
      await run('ip', ['netns', 'exec', nsName, 'ethtool', '-K', 'eth0', 'tx', 'off']);
      await host.ns.ip(['link', 'set', 'dev', port, 'up']);
      await plugIntoBrInt(host, port, portUuid);
    },
    async unplug(port) {
      await host.vsctl(['--if-exists', 'del-port', 'br-int', port]);
      if (portUuid)
        await client.call('network.portDelete', { network, port: portUuid }).catch(() => undefined);
    },
  };
}

/** Whether an OVN network's guests have a way out (a router with an uplink). */
export async function ovnHasUplink(client: VnmClient, network: string): Promise<boolean> {
  const { xml } = await client.call('network.getXml', { network });
  const parsed = parseNetworkXml(xml);
  return parsed.ok && parsed.def.ovn?.uplink !== undefined && parsed.def.ovn.mode !== 'isolated';
}
