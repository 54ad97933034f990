import { bare, defineCases, sameIn, STANZA_TRANSPORTS, stanzaError, token } from '../../src/authoring.js';
import { discoInfo, discoItems } from '../lib/disco.js';
import { subscribe } from '../lib/roster.js';

/** XEP-0030 §8: what the server may reveal about hosted bare JIDs. */
export default defineCases({ spec: 'xep-0030', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0030-8-1',
    cite: sameIn(['2.3', '2.4', '2.5rc3'], {
      section: '8',
      keyword: 'MUST',
      quote: 'In response to a disco#info request, the server MUST return a <service-unavailable/> error if one of the following is true: The target entity does not exist (no matter if the request specifies a node or not).',
      anchor: 'security',
    }),
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
    cite: {
      ...sameIn(['2.3', '2.4'], {
        section: '8',
        keyword: 'MUST',
        quote: 'In response to a disco#info request, the server MUST return a <service-unavailable/> error if one of the following is true: … The requesting entity is not authorized to receive presence from the target entity (i.e., via a presence subscription of type "both" or "from") or is not otherwise trusted',
        anchor: 'security',
      }),
      '2.5rc3': {
        section: '8',
        keyword: 'MUST',
        quote: 'In response to a disco#info request, the server MUST return a <service-unavailable/> error if one of the following is true: … The requesting entity is not authorized to receive presence from the target entity (i.e., via the target having a presence subscription to the requesting entity of type "both" or "from") or is not otherwise trusted',
        anchor: 'security',
      },
    },
    requirement: "disco#info to an existing bare JID from someone not entitled to its presence gets <service-unavailable/>; what a subscriber then gets is recorded.",
    accounts: 2,
    async run(t) {
      const [b, c] = t.accounts;
      const sb = await t.login(b!, { roster: true, presence: true });
      const sc = await t.login(c!, { roster: true, presence: true });
      const bJid = bare(sb.jid!);
      t.note(`${bare(sc.jid!)} (no subscription) asks account ${bJid}`);
      t.expectError((await discoInfo(sc, bJid)).response, ['service-unavailable']);
      // the contrast, for the record: §3.1 says a requester not denied access SHOULD get a result
      await subscribe(t, sc, sb);
      const info = await discoInfo(sc, bJid);
      t.outcome(`once ${bare(sc.jid!)} is subscribed to ${bJid}'s presence, disco#info gets ${info.ok ? 'a result' : `an error <${stanzaError(info.response)?.condition ?? '?'}/>`}`);
    },
  },
  {
    id: 'XEP0030-8-3',
    cite: sameIn(['2.3', '2.4', '2.5rc3'], {
      section: '8',
      keyword: 'MUST',
      quote: 'In response to a disco#items request, the server MUST return an empty result set if: The target entity does not exist (…). The request did not specify a node, the only items are available resources (…), and the requesting entity is not authorized to receive presence from the target entity',
      anchor: 'security',
    }),
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
