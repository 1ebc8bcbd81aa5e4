import { defineFamilySuite } from './support/family-suite.js';

await defineFamilySuite('protocol');
