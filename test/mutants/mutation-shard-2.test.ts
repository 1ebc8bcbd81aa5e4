import { describe } from 'vitest';
import { mutantsForTests, mutationShard } from './shard-suite.js';

// The second half of the mutant catalogue (see test/mutation.test.ts for the first and for why).
describe('mutation: shard 2 of 2', () => {
  mutationShard(1, 2, mutantsForTests());
});
