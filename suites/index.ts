import type { Suite } from '../src/engine/case.js';
import { xmppCore } from './rfc6120/index.js';
import { xmppIm } from './rfc6121/index.js';
import { xep0016 } from './xep-0016/index.js';
import { xep0030 } from './xep-0030/index.js';
import { xep0045 } from './xep-0045/index.js';
import { xep0054 } from './xep-0054/index.js';
import { xep0077 } from './xep-0077/index.js';
import { xep0078 } from './xep-0078/index.js';
import { xep0086 } from './xep-0086/index.js';
import { xep0092 } from './xep-0092/index.js';
import { xep0124 } from './xep-0124/index.js';
import { xep0138 } from './xep-0138/index.js';
import { xep0163 } from './xep-0163/index.js';
import { xep0191 } from './xep-0191/index.js';
import { xep0199 } from './xep-0199/index.js';
import { xep0206 } from './xep-0206/index.js';

/** Every suite the tool knows, one per spec. */
export const SUITES: readonly Suite[] = [
  xmppCore, xmppIm, xep0016, xep0030, xep0045, xep0054, xep0077, xep0078, xep0086, xep0092,
  xep0124, xep0138, xep0163, xep0191, xep0199, xep0206,
];
