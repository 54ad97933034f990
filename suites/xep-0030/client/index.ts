import type { Suite } from '../../../src/authoring.js';
import answering from './3-7-answering.js';

/** XEP-0030 Service Discovery for clients: the client describes itself. */
export const xep0030Client: Suite = {
  spec: 'xep-0030',
  role: 'client',
  cases: answering,
};
