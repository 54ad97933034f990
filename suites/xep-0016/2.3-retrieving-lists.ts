import { defineCases, STANZA_TRANSPORTS, x } from '../../src/authoring.js';
import { Privacy, everyone, freshListName, getList, listNames, privacyIq } from '../lib/privacy.js';

/** XEP-0016 §2.3: retrieving one's privacy lists. */
export default defineCases({ spec: 'xep-0016', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0016-2.3-1',
    cite: { absent: 'v1.6 §2.3 shows the answer listing the names and the active and default lists by example only: no sentence with an RFC 2119 keyword requires it (nor does RFC 3921 §10.3)' },
    requirement: 'An empty privacy query returns the names of all lists, and which one is active and which is default.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const p = await Privacy.of(t, s);
      const active = await p.create([everyone('allow', 1)]);
      const fallback = await p.create([everyone('allow', 1)]);
      await p.activate(active);
      await p.makeDefault(fallback);
      const names = await listNames(s);
      t.check(names.ok, 'a result with a <query/> in jabber:iq:privacy', names.response);
      t.check(names.lists.includes(active) && names.lists.includes(fallback), `<list name='${active}'/> and <list name='${fallback}'/>`, names.response);
      t.check(names.active === active, `<active name='${active}'/>`, names.response);
      t.check(names.default === fallback, `<default name='${fallback}'/>`, names.response);
    },
  },
  {
    id: 'XEP0016-2.3-2',
    cite: {
      section: '2.3',
      keyword: 'MUST',
      quote: 'If the user attempts to retrieve a list but a list by that name does not exist, the server MUST return an <item-not-found/> stanza error to the user',
      anchor: 'protocol-retrieve',
    },
    requirement: 'Asking for a list that does not exist gives <item-not-found/>.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const { response } = await getList(s, freshListName());
      t.expectError(response, ['item-not-found']);
    },
  },
  {
    id: 'XEP0016-2.3-3',
    cite: {
      section: '2.3',
      keyword: 'MUST',
      quote: 'If the user attempts to retrieve more than one list in the same request, the server MUST return a <bad request/> stanza error to the user',
      anchor: 'protocol-retrieve',
    },
    requirement: 'Asking for two lists in one request gives <bad-request/>.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const p = await Privacy.of(t, s);
      // two lists that exist, so the only thing wrong with the request is asking for both
      const first = await p.create([everyone('allow', 1)]);
      const second = await p.create([everyone('allow', 1)]);
      const response = await s.iq(privacyIq('get', x('list', { name: first }), x('list', { name: second })));
      t.expectError(response, ['bad-request']);
    },
  },
]);
