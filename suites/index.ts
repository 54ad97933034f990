import type { Suite } from '../src/engine/case.js';
import { xmppCore } from './rfc6120/index.js';

/** Every suite the tool knows, one per spec. */
export const SUITES: readonly Suite[] = [xmppCore];
