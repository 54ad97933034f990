import type { Suite } from '../../src/authoring.js';
import info from './3.1-info.js';
import infoNodes from './3.2-info-nodes.js';
import items from './4.1-items.js';
import consistency from './6.3-consistency.js';
import errors from './7-errors.js';
import security from './8-security.js';

/** XEP-0030 Service Discovery, server side: REQUIRED at every level, so no support probe. */
export const xep0030: Suite = {
  spec: 'xep-0030',
  role: 'server',
  cases: [...info, ...infoNodes, ...items, ...errors, ...security, ...consistency],
};
