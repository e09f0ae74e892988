export { validateNetworkDef } from './validate-network';
export { validateForStart, bridgeNameProblem, MAX_BRIDGE_NAME_LENGTH } from './validate-start';
export { networkNameProblem, MAX_NAME_LENGTH } from './names';
export { fillDefineDefaults } from './define-defaults';
export type { DefineGenerators } from './define-defaults';
export type { ValidationError } from './issues';
export { readNetworkDefinition } from './read-definition';
export type { ReadDefinitionResult } from './read-definition';
