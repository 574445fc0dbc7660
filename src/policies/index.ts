/**
 * The policy registry with every level's catalog loaded (metadata only: no
 * policy implementation is imported until a policy is created).
 */
import '../mechanisms/catalog.js';
import '../schedulers/catalog.js';
import '../realtime/catalog.js';
import '../dag/catalog.js';

export * from './registry.js';
export * from './spec.js';
