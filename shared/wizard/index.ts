export * from './choices';
export { buildNetworkDef, buildNetworkXml } from './build-network';
