import { defineCases } from '../../src/authoring.js';
import { RawBosh } from '../lib/bosh.js';
import { untilFeatures } from './features.js';

/** XEP-0206 v1.1 §3: a session request that asks for an XMPP stream (xmpp:version). */
export default defineCases({ spec: 'xep-0206', role: 'server' }, [
  {
    id: 'XEP0206-3-1',
    cite: {
      '1.1': {
        section: '4', anchor: 'create', keyword: 'SHOULD',
        quote: "The connection manager SHOULD include a 'xmpp:version' attribute (qualified by the 'urn:xmpp:xbosh' namespace) and a <stream:features/> element (qualified by the 'http://etherx.jabber.org/streams' namespace) in a response as soon as they are available",
      },
      '1.4': {
        section: '4',
        anchor: 'create',
        keyword: 'SHOULD',
        quote: "The connection manager SHOULD include a 'version' attribute (qualified by the 'urn:xmpp:xbosh' namespace) and a <stream:features/> element (qualified by the 'http://etherx.jabber.org/streams' namespace) in a response as soon as they are available",
      },
    },
    requirement: "Asked with xmpp:version='1.0', the manager answers with xmpp:version and sends <stream:features/> as soon as it has them.",
    async run(t) {
      const bosh = new RawBosh(t);
      const created = await bosh.create({ wait: 1 });
      const withFeatures = await untilFeatures(bosh, created);
      t.check(created.attrs['xmpp:version'] !== undefined || withFeatures?.attrs['xmpp:version'] !== undefined, 'an xmpp:version on the session response or the one with the features', created.rawHeader);
      t.check(withFeatures !== undefined, '<stream:features/> in the first responses', 'no features after three polls');
    },
  },
]);
