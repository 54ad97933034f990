import type { SpecRequirements } from '../catalogue.js';
import rfc7395 from './rfc7395.js';
import rfc7590 from './rfc7590.js';
import xep0114 from './xep-0114.js';
import xep0115 from './xep-0115.js';
import xep0153 from './xep-0153.js';
import xep0156 from './xep-0156.js';
import xep0198 from './xep-0198.js';
import xep0048 from './xep-0048.js';
import xep0049 from './xep-0049.js';
import xep0215 from './xep-0215.js';
import xep0223 from './xep-0223.js';
import xep0249 from './xep-0249.js';
import xep0280 from './xep-0280.js';
import xep0313 from './xep-0313.js';
import xep0352 from './xep-0352.js';
import xep0357 from './xep-0357.js';
import xep0363 from './xep-0363.js';
import xep0368 from './xep-0368.js';
import xep0398 from './xep-0398.js';
import xep0402 from './xep-0402.js';
import xep0410 from './xep-0410.js';

/**
 * The project's requirements catalogue: a file per spec the newer levels bring, and for the rows
 * they add to a spec of the 2007–2009 catalogue (../shared/requirements; XEP-0115's server rows),
 * in the format of suites/catalogue.ts. Every row is
 * checked by a case or listed in suites/not-covered.ts with the reason (test/unit/suites.test.ts).
 */
export const REQUIREMENTS: readonly SpecRequirements[] = [
  rfc7395,
  rfc7590,
  xep0114,
  xep0115,
  xep0153,
  xep0156,
  xep0198,
  xep0048,
  xep0049,
  xep0215,
  xep0223,
  xep0249,
  xep0280,
  xep0313,
  xep0352,
  xep0357,
  xep0363,
  xep0368,
  xep0398,
  xep0402,
  xep0410,
];
