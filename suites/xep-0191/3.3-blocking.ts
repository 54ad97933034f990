import { bare, defineCases, NS, presence, renumbered, STANZA_TRANSPORTS, stanzaError, token, x } from '../../src/authoring.js';
import { Blocks, blockedInbound, blockingIq, blockingPush, blocklistIq, getBlocklist, pushedJids, sameJids, strangerJid } from '../lib/blocking.js';
import { subscribeBoth } from '../lib/roster.js';
import { markerFrom } from '../lib/presence.js';
import { answered, attempt, noAnswer, notDelivered, requireUndelivered, settle } from '../lib/traffic.js';

/** XEP-0191 §3.3 (v1.1 §5.3): the user blocks a JID. */
export default defineCases({ spec: 'xep-0191', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0191-3.3-1',
    cite: renumbered({ '1.1': '5.3', '1.3': '3.3' }, {
      keyword: 'MUST',
      quote: "If the server can successfully process the block command, it MUST return an IQ-result … The server MUST also send an IQ-set to all of the user's resources that have requested the blocklist, containing the blocked item(s)",
      anchor: 'block',
    }),
    requirement: 'A block command is answered with a result and pushed to every resource of the user that requested the blocklist.',
    accounts: 1,
    async run(t) {
      const [account] = t.accounts;
      const a1 = await t.login(account!);
      const a2 = await t.login(account!);
      const blocks = await Blocks.of(t, a1);
      blocks.track(a2);
      await t.setupIq('request the blocklist from the second resource', a2, blocklistIq());
      const jid = strangerJid(t);
      const response = await blocks.block(a1, [jid]);
      t.check(response.attrs.type === 'result', `a result to blocking ${jid}`, response);
      for (const s of [a1, a2]) {
        const push = await s.expect(blockingPush('block'));
        t.check(sameJids(pushedJids(push, 'block'), [jid]), `the push to ${s.jid} carries <item jid='${jid}'/>`, push);
      }
    },
  },
  {
    id: 'XEP0191-3.3-2',
    cite: renumbered({ '1.1': '5.3', '1.3': '3.3' }, {
      keyword: 'MUST',
      quote: 'If the <block/> element does not contain at least one <item/> child element, the server MUST return a <bad-request/> error.',
      anchor: 'block',
    }),
    requirement: 'A <block/> without items gives <bad-request/>.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      await Blocks.of(t, s);
      t.expectError(await s.iq(blockingIq('block', [])), ['bad-request']);
    },
  },
  {
    id: 'XEP0191-3.3-3',
    cite: renumbered({ '1.1': '5.3', '1.3': '3.3' }, {
      keyword: ['MUST', 'MAY'],
      quote: 'If the server can successfully process the block command, it MUST return an IQ-result … The <block/> element MAY contain more than one <item/> child.',
      anchor: 'block',
    }),
    requirement: 'One <block/> may carry several items; a result to such a command means every one of them is blocked.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const blocks = await Blocks.of(t, s);
      const jids = [strangerJid(t), strangerJid(t)];
      const response = await blocks.block(s, jids);
      if (response.attrs.type !== 'result') {
        // the text lets a <block/> carry several items (MAY); a server that does not take them leaves nothing to judge
        return t.skip(`the server did not carry out a <block/> with two items: ${stanzaError(response)?.condition ? `<${stanzaError(response)!.condition}/>` : response.toString().slice(0, 200)}`);
      }
      const list = await getBlocklist(s);
      // a result means the command was carried out, all of it
      t.must(jids.every((j) => list.jids.some((b) => b.toLowerCase() === j)), `both ${jids.join(' and ')} in the blocklist`, list.response);
    },
  },
  {
    id: 'XEP0191-3.3-4',
    cite: {
      '1.1': {
        section: '5.3',
        keyword: 'MUST NOT',
        quote: "Once the user has blocked communications with the contact, the user's server MUST NOT deliver any XML stanzas from the contact to the user.",
        anchor: 'block',
      },
      '1.3': {
        section: '3.3',
        keyword: 'MUST NOT',
        anchor: 'block',
        quote: "Once the user has blocked communications with a JID, the user's server MUST NOT deliver any XML stanzas from the JID to the user.",
      },
    },
    requirement: 'Once a JID is blocked, none of its stanzas (messages, presence, IQs) reaches the user.',
    accounts: 2,
    async run(t) {
      const { c, round } = await blockedInbound(t);
      await notDelivered(t, round, (m) => `${m.what} from the blocked ${bare(c.jid!)}`);
    },
  },
  {
    id: 'XEP0191-3.3-5',
    cite: renumbered({ '1.1': '5.3', '1.3': '3.3' }, {
      keyword: ['MUST NOT', 'SHOULD', 'MUST'],
      quote: 'For presence stanzas (…), the server MUST NOT respond and MUST NOT return an error. For message stanzas, the server SHOULD return an error, which SHOULD be <service-unavailable/>. For IQ stanzas of type "get" or "set", the server MUST return an error … IQ stanzas of other types MUST be silently dropped …',
      anchor: 'block',
    }),
    requirement: 'The blocked sender gets: for a message an error (should: <service-unavailable/>), for an IQ get/set an error (must; should: <service-unavailable/>), for presence and IQ results nothing at all.',
    accounts: 2,
    async run(t) {
      const { round } = await blockedInbound(t);
      for (const m of await requireUndelivered(t, round)) {
        switch (m.kind) {
          case 'message':
          case 'message-full':
            if (t.should(m.reply?.attrs.type === 'error', `an error in answer to ${m.what}`, m.reply ?? 'no answer')) {
              t.expectError(m.reply!, ['service-unavailable'], 'should');
            }
            break;
          case 'iq-get':
          case 'iq-set':
            t.must(m.reply?.attrs.type === 'error', `an error in answer to ${m.what}`, m.reply ?? 'no answer');
            t.expectError(m.reply!, [], 'must');
            t.should(stanzaError(m.reply!)?.condition === 'service-unavailable', `<service-unavailable/> for ${m.what}`, m.reply);
            break;
          default:
            await noAnswer(t, round, m, 'must');
        }
      }
    },
  },
  {
    id: 'XEP0191-3.3-6',
    cite: {
      '1.1': {
        section: '5.3',
        keyword: ['MUST NOT', 'MUST'],
        quote: "If the user attempts to send an outbound stanza to the contact, the user's server MUST NOT route the stanza to the contact but instead MUST return a <not-acceptable/> error containing an application-specific error condition of <blocked/> qualified by the 'urn:xmpp:blocking:errors' namespace",
        anchor: 'block',
      },
      '1.3': {
        section: '3.3',
        keyword: ['MUST NOT', 'MUST'],
        anchor: 'block',
        quote: "If the user attempts to send an outbound stanza to the JID, the user's server MUST NOT route the stanza to the JID but instead MUST return a <not-acceptable/> error containing an application-specific error condition of <blocked/> qualified by the 'urn:xmpp:blocking:errors' namespace",
      },
    },
    requirement: "Stanzas the user sends to a blocked JID (a message, an IQ, directed presence) are not routed; the user gets <not-acceptable/> with <blocked xmlns='urn:xmpp:blocking:errors'/> for each.",
    accounts: 2,
    async run(t) {
      const [accountA, accountC] = t.accounts;
      const a = await t.login(accountA!);
      const c = await t.login(accountC!, { presence: true });
      const blocks = await Blocks.of(t, a);
      await blocks.blockNow([bare(c.jid!)]);
      const round = await attempt(a, c, ['message', 'iq-get', 'presence'], {
        lift: () => blocks.unblockNow([bare(c.jid!)]),
        marker: () => markerFrom(t, a, c),
      });
      await notDelivered(t, round, (m) => `${m.what} to the blocked ${bare(c.jid!)}`);
      // the rule covers every outbound stanza, presence included
      for (const m of await answered(t, round)) {
        const error = m.reply?.attrs.type === 'error' ? m.reply.getChild('error') : undefined;
        t.check(error !== undefined && stanzaError(m.reply!)!.condition === 'not-acceptable', `a <not-acceptable/> error for ${m.what}`, m.reply ?? 'no answer');
        t.check(error!.getChild('blocked', NS.blockingErrors) !== undefined, `<blocked xmlns='${NS.blockingErrors}'/> in the error for ${m.what}`, m.reply);
        t.expectError(m.reply!, ['not-acceptable']);
      }
    },
  },
  {
    id: 'XEP0191-3.3-7',
    cite: {
      '1.1': {
        section: '5.3',
        keyword: 'MUST',
        quote: "When the user blocks communications with the contact, the user's server MUST send unavailable presence information to the contact (but only if the contact is allowed to receive presence notifications from the user …).",
        anchor: 'block',
      },
      '1.3': {
        section: '3.3',
        keyword: 'MUST',
        anchor: 'block',
        quote: "When the user blocks communications with a JID, the user's server MUST send unavailable presence information to the JID (but only if the JID is allowed to receive presence notifications from the user …).",
      },
    },
    requirement: "Blocking a contact entitled to the user's presence sends it unavailable presence, and later broadcasts no longer reach it.",
    accounts: 2,
    async run(t) {
      const [accountA, accountC] = t.accounts;
      const a = await t.login(accountA!, { presence: true, roster: true });
      const c = await t.login(accountC!, { presence: true, roster: true });
      await subscribeBoth(t, a, c);
      await t.setup(`see ${bare(a.jid!)} available`, () => c.expect(presence({ type: 'available', fromBare: bare(a.jid!) })));
      const blocks = await Blocks.of(t, a);
      await settle(a, c);
      await blocks.blockNow([bare(c.jid!)]);
      await c.expect(presence({ type: 'unavailable', fromBare: bare(a.jid!) }, `unavailable presence from ${bare(a.jid!)}`));
      const status = `away ${token(3)}`;
      a.send(x('presence', {}, x('show', {}, 'away'), x('status', {}, status)));
      // A's broadcast is done before A's sync is answered, and C's sync comes after it
      await t.nothingArrived(c, presence({ fromBare: bare(a.jid!), where: (el) => el.getChildText('status') === status }),
        `delivery to the blocked ${bare(c.jid!)} of A's next presence broadcast (status "${status}")`, async () => {
          await a.sync();
          await c.sync();
        });
    },
  },
]);
