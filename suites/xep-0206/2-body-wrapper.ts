import { defineCases, NS, sameIn } from '../../src/authoring.js';
import { RawBosh } from '../lib/bosh.js';
import { untilFeatures } from './features.js';

/** XEP-0206 v1.1 §2: the <body/> wrapper, what it declares and what it carries. */
export default defineCases({ spec: 'xep-0206', role: 'server' }, [
  {
    id: 'XEP0206-2-1',
    cite: sameIn(['1.1', '1.4'], {
      section: '2', anchor: 'wrapper', keyword: 'MUST',
      quote: "A complete <stream:features/> element (in which case the BOSH <body/> element MUST include the namespace xmlns:stream='http://etherx.jabber.org/streams').",
    }),
    requirement: "A <body/> carrying <stream:features/> declares xmlns:stream='http://etherx.jabber.org/streams'.",
    async run(t) {
      const bosh = new RawBosh(t);
      const withFeatures = await untilFeatures(bosh, await bosh.create({ wait: 1 }));
      if (!withFeatures) return t.skip('no response carried stream features');
      t.check(/xmlns:stream=['"]http:\/\/etherx\.jabber\.org\/streams['"]/.test(withFeatures.rawHeader), "xmlns:stream declared on the <body/>", withFeatures.rawHeader);
    },
  },
  {
    id: 'XEP0206-2-2',
    cite: sameIn(['1.1', '1.4'], {
      section: '2', anchor: 'wrapper', keyword: 'NOT RECOMMENDED',
      quote: 'Note: Inclusion of TLS negotiation elements is allowed but is NOT RECOMMENDED.',
    }),
    requirement: 'STARTTLS inside BOSH is not recommended: TLS belongs to HTTP, so the features should not offer it.',
    accounts: 1,
    async run(t) {
      const [a] = t.accounts;
      const s = await t.secureStream('A', 'bosh');
      const before = s.features?.getChild('starttls', NS.tls) !== undefined;
      await t.setup('authenticate over BOSH', () => s.authenticate({ username: a!.local, password: a!.password, domain: a!.domain }));
      const after = s.features?.getChild('starttls', NS.tls) !== undefined;
      t.check(!before && !after, 'no <starttls/> in the BOSH features', `offered ${[before && 'before', after && 'after'].filter(Boolean).join(' and ')} authentication`);
    },
  },
]);
