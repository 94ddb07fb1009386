// Multi-objective primitives: objective declarations, evaluations, dominance, sorting,
// crowding, hypervolume, reference points, IGD and the reported Pareto front.
export * from './objectives.js';
export * from './evaluation.js';
export * from './dominance.js';
export * from './non-dominated-sort.js';
export * from './crowding-distance.js';
export * from './hypervolume.js';
export * from './hypervolume-2d.js';
export * from './hypervolume-3d.js';
export * from './hypervolume-wfg.js';
export * from './hypervolume-contributions.js';
export * from './reference-point.js';
export * from './igd.js';
export * from './pareto-front.js';
export * from './pareto-csv.js';
