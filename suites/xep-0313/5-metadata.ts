import { bare, defineCases, iq, x } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import xep0313 from '../requirements/xep-0313.js';
import { advertises, deliver, MAM, MAM_EXTENDED, pageWith } from './archive.js';

/** XEP-0313 v1.1.0 §5: archive metadata. */
export default defineCases({ spec: 'xep-0313', role: 'server' }, [
  {
    id: 'XEP0313-5-1',
    cite: citationOf(xep0313, 'XEP0313-5-1'),
    requirement: 'A server that advertises urn:xmpp:mam:2#extended answers a metadata request on a non-empty archive with <start/> and <end/>, each with an id and a timestamp; the end is the newest message.',
    accounts: 2,
    async run(t) {
      const [a, c] = [await t.login(t.accounts[0]!), await t.login(t.accounts[1]!)];
      if (!(await advertises(a, bare(a.jid!), MAM_EXTENDED))) return t.skip(`the archive does not advertise ${MAM_EXTENDED}: no metadata requests`);
      const newest = await deliver(t, c, a, 'newest');
      const page = await pageWith(t, a, [newest.body]);
      const lastId = page.results[page.results.length - 1]!.id;
      const response = await a.iq(iq('get', {}, x('metadata', { xmlns: MAM })));
      const metadata = response.getChild('metadata', MAM);
      if (!t.check(response.attrs.type === 'result' && metadata !== undefined, '<metadata/> in a result', response)) return;
      const [start, end] = [metadata!.getChild('start'), metadata!.getChild('end')];
      for (const [name, el] of [['start', start], ['end', end]] as const) {
        t.check(el !== undefined && Boolean(el.attrs.id) && Boolean(el.attrs.timestamp), `<${name}/> with an id and a timestamp`, response);
      }
      t.check(end?.attrs.id === lastId, `<end id='${lastId ?? ''}'/>: the newest message in the archive`, response);
    },
  },
]);
