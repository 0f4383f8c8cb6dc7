// A seeded random number generator for tests that must be replayable from their seed (fuzz
// cases, synthetic labelled sets): the app's own mulberry32.
export { seededRandom as rng } from '../../../src/detection/seeded-random';
