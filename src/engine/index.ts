// The engine's public face: choose the backend once, seed runs.
export { initEngine, type EngineInfo, type Candidate } from './backend.ts';
export { makeRng, seedEverything, unseed, permutation, gaussian, type Rng } from './seed.ts';
