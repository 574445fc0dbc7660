/** Domain types with units, shared by every level (DESIGN.md "src/model"). */
export type { Tenant } from './tenant.js';
export type { NodeSpec } from './node.js';
export { nodesOfTypes } from './node.js';
export type { DnnLayer, DnnLayerShape, DnnModel, DnnShapeModel, LayerKind } from './dnn.js';
export type { TrainingJob, TrainingCluster, ServerSpec, ServerGroup } from './training.js';
export { typeSpeed } from './training.js';
export type { HybridCluster, HybridJob, Device } from './hybrid.js';
export type { DagProblem, DagProblemSpec } from './dag.js';
