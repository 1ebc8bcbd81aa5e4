import { defineFamilySuite } from './support/family-suite.js';

// The support family's file: `suites/support/` holds the suites' helpers, so the file takes another name.
await defineFamilySuite('support');
