export * from './choices';
export { buildNetworkDef, buildNetworkXml } from './build-network';
export * from './ovn-choices';
