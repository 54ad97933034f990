import type { Suite } from '../../../src/authoring.js';
import implementationNotes from './8-implementation-notes.js';

/** XEP-0054 vcard-temp for clients: the vCard a client publishes. */
export const xep0054Client: Suite = {
  spec: 'xep-0054',
  role: 'client',
  cases: implementationNotes,
};
