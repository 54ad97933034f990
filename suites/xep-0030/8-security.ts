import { defineCases, STANZA_TRANSPORTS } from '../../src/engine/case.js';
import { sameIn } from '../../src/catalogue/citation.js';
import { bare, token } from '../../src/session/stanza.js';
import { discoInfo, discoItems } from '../lib/disco.js';
import { subscribe } from '../lib/roster.js';

/** XEP-0030 §8: what the server may reveal about hosted bare JIDs. */
export default defineCases({ spec: 'xep-0030', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0030-8-1',
    cite: sameIn(['2.3', '2.4'], { section: '8', keyword: 'MUST', quote: '' }),
    requirement: 'disco#info to a bare JID that does not exist gets <service-unavailable/>, with or without a node.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const nobody = `nouser-${token()}@${t.domain}`;
      t.note(`asked the non-existent account ${nobody}`);
      t.expectError((await discoInfo(s, nobody)).response, ['service-unavailable']);
      t.expectError((await discoInfo(s, nobody, 'x')).response, ['service-unavailable']);
    },
  },
  {
    id: 'XEP0030-8-2',
    cite: sameIn(['2.3', '2.4'], { section: '8', keyword: 'MUST', quote: '' }),
    requirement: "disco#info to an existing bare JID from someone not entitled to its presence gets <service-unavailable/>; after a subscription it should get a result.",
    accounts: 2,
    async run(t) {
      const [b, c] = t.accounts;
      const sb = await t.login(b!, { roster: true, presence: true });
      const sc = await t.login(c!, { roster: true, presence: true });
      const bJid = bare(sb.jid!);
      t.note(`${bare(sc.jid!)} (no subscription) asks account ${bJid}`);
      t.expectError((await discoInfo(sc, bJid)).response, ['service-unavailable']);
      await subscribe(t, sc, sb);
      const info = await discoInfo(sc, bJid);
      t.should(info.ok, `a disco#info result for account ${bJid} once ${bare(sc.jid!)} is subscribed to its presence`, info.response);
    },
  },
  {
    id: 'XEP0030-8-3',
    cite: sameIn(['2.3', '2.4'], { section: '8', keyword: 'MUST', quote: '' }),
    requirement: 'disco#items to a non-existent bare JID, or to one whose presence the requester may not see, is an empty result: no resources revealed.',
    accounts: 2,
    async run(t) {
      const [b, c] = t.accounts;
      const sb = await t.login(b!, { presence: true });
      const sc = await t.login(c!);
      // B's presence has been processed before C asks
      await sb.sync();
      const bJid = bare(sb.jid!);
      const hidden = await discoItems(sc, bJid);
      t.check(hidden.ok, `a disco#items result for account ${bJid} (online, no subscription from ${bare(sc.jid!)})`, hidden.response);
      const leaked = hidden.items.filter((i) => bare(i.jid).toLowerCase() === bJid.toLowerCase() && i.jid.includes('/'));
      t.check(leaked.length === 0, `no resource of ${bJid} listed`, leaked.map((i) => i.jid).join(', '));
      const nobody = `nouser-${token()}@${t.domain}`;
      const missing = await discoItems(sc, nobody);
      t.check(missing.ok && missing.items.length === 0, `an empty disco#items result for the non-existent account ${nobody}`, missing.response);
    },
  },
]);
