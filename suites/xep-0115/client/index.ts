import { NS, type Suite } from '../../../src/authoring.js';
import { clientDisco } from '../../lib/client.js';
import capabilities from './4-9-capabilities.js';

/** XEP-0115 Entity Capabilities for clients: announced in presence, checked against the client's disco#info. */
export const xep0115Client: Suite = {
  spec: 'xep-0115',
  role: 'client',
  /** A client does caps when its presence carries them or its disco#info lists the feature. */
  async probe(t) {
    const inPresence = t.client.presence?.getChild('c', NS.caps) !== undefined;
    const listed = (await clientDisco(t)).features.includes(NS.caps);
    return {
      supported: inPresence || listed,
      advertised: listed,
      entity: `client ${t.client.jid}`,
      detail: `${inPresence ? 'caps in' : 'no caps in'} the client's presence${t.client.presence ? '' : ' (none seen)'}; ${NS.caps} ${listed ? 'listed' : 'not listed'} in its disco#info`,
    };
  },
  cases: capabilities,
};
