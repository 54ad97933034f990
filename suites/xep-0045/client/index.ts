import type { Suite } from '../../../src/authoring.js';
import occupant from './6-7-occupant.js';

/** XEP-0045 Multi-User Chat for clients: the entity and occupant use cases, against the tool's own MUC service. */
export const xep0045Client: Suite = {
  spec: 'xep-0045',
  role: 'client',
  cases: occupant,
};
