/**
 * Synergy allocation mode "proportional" (`+fair`): every scheduled job gets
 * the GPU-proportional share of CPU cores and memory per GPU (Synergy spec §3.1;
 * Mohan et al., OSDI'22). Speed factor 1 (times the accelerator type's speed).
 */
import { placeFair } from './lease.js';
import type { AllocationMode } from './types.js';

export const proportionalMode: AllocationMode = {
  name: 'fair',
  expectedSpeed: () => 1,
  allocate: (s, ctx) => placeFair(s, ctx),
};
