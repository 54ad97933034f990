import type { SpecRequirements } from '../catalogue.js';
import xep0368 from './xep-0368.js';

/**
 * The project's requirements catalogue: a file per spec for the specs the 2007–2009 catalogue
 * (../shared/requirements) does not hold, in the format of suites/catalogue.ts. Every row is
 * checked by a case or listed in suites/not-covered.ts with the reason (test/unit/suites.test.ts).
 */
export const REQUIREMENTS: readonly SpecRequirements[] = [
  xep0368,
];
