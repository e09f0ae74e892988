/** Host facts and proposals for host.info, host.interfaces and host.propose. */
export { hostInfo, hostInterfaces, type HostFacts } from './facts';
export {
  hostSubnetsInUse,
  pickFreeSubnet,
  proposeBridgeName,
  proposeBridgeNameOnHost,
  proposeIpv6Subnet,
  proposeSubnet,
} from './propose';
