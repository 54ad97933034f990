import { NS, type Suite } from '../../../src/authoring.js';
import { requestProbe } from '../../lib/client.js';
import editing from './2.6-editing-lists.js';

/** XEP-0016 Privacy Lists for clients: a client that uses privacy lists (it asks for them) handles the server's pushes. */
export const xep0016Client: Suite = {
  spec: 'xep-0016',
  role: 'client',
  probe: requestProbe(NS.privacy, 'privacy lists'),
  cases: editing,
};
