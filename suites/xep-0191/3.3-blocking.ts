import { defineCases, STANZA_TRANSPORTS } from '../../src/engine/case.js';
import { presence } from '../../src/session/match.js';
import { bare, stanzaError, token } from '../../src/session/stanza.js';
import { x } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';
import { Blocks, blockedInbound, blockingIq, blockingPush, getBlocklist, pushedJids, sameJids, strangerJid } from '../lib/blocking.js';
import { subscribeBoth } from '../lib/roster.js';
import { markerFrom } from '../lib/presence.js';
import { attempt, requireUndelivered, settle } from '../lib/traffic.js';

/** XEP-0191 §3.3 (v1.1 §5.3): the user blocks a JID. */
export default defineCases({ spec: 'xep-0191', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0191-3.3-1',
    cite: { section: '3.3', keyword: 'MUST', quote: '' },
    requirement: 'A block command is answered with a result and pushed to every resource of the user that requested the blocklist.',
    accounts: 1,
    async run(t) {
      const [account] = t.accounts;
      const a1 = await t.login(account!);
      const a2 = await t.login(account!);
      const blocks = await Blocks.of(t, a1);
      blocks.track(a2);
      await t.setup('request the blocklist from the second resource', () => getBlocklist(a2));
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
    cite: { section: '3.3', keyword: 'MUST', quote: '' },
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
    cite: { section: '3.3', keyword: 'MAY', quote: '' },
    requirement: 'One <block/> may carry several items; when the server accepts it, every one of them is blocked.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const blocks = await Blocks.of(t, s);
      const jids = [strangerJid(t), strangerJid(t)];
      const response = await blocks.block(s, jids);
      if (!t.check(response.attrs.type === 'result', `a result to blocking ${jids.join(' and ')} in one command`, response)) return;
      const list = await getBlocklist(s);
      // a result means the command was carried out, all of it (§3.3)
      t.must(jids.every((j) => list.jids.some((b) => b.toLowerCase() === j)), `both ${jids.join(' and ')} in the blocklist`, list.response);
    },
  },
  {
    id: 'XEP0191-3.3-4',
    cite: { section: '3.3', keyword: 'MUST', quote: '' },
    requirement: 'Once a JID is blocked, none of its stanzas (messages, presence, IQs) reaches the user.',
    accounts: 2,
    async run(t) {
      const { c, attempts } = await blockedInbound(t);
      for (const m of attempts) {
        t.check(m.delivered === undefined, `${m.what} from the blocked ${bare(c.jid!)} is not delivered`, m.delivered);
      }
    },
  },
  {
    id: 'XEP0191-3.3-5',
    cite: { section: '3.3', keyword: ['SHOULD', 'MUST', 'MUST NOT'], quote: '' },
    requirement: 'The blocked sender gets: for a message an error (should: <service-unavailable/>), for an IQ get/set an error (must; should: <service-unavailable/>), for presence and IQ results nothing.',
    accounts: 2,
    async run(t) {
      const { attempts } = await blockedInbound(t);
      await requireUndelivered(t, attempts);
      for (const m of attempts) {
        const error = m.reply?.attrs.type === 'error' ? stanzaError(m.reply) : undefined;
        switch (m.kind) {
          case 'message':
          case 'message-full':
            if (t.should(error !== undefined, `an error in answer to ${m.what}`, m.reply ?? 'no answer')) {
              t.should(error!.condition === 'service-unavailable', `<service-unavailable/> for ${m.what}`, m.reply);
            }
            break;
          case 'iq-get':
          case 'iq-set':
            t.must(error !== undefined, `an error in answer to ${m.what}`, m.reply ?? 'no answer');
            t.should(error!.condition === 'service-unavailable', `<service-unavailable/> for ${m.what}`, m.reply);
            break;
          default:
            t.must(m.reply === undefined, `no answer at all to ${m.what}`, m.reply);
        }
      }
    },
  },
  {
    id: 'XEP0191-3.3-6',
    cite: { section: '3.3', keyword: 'MUST', quote: '' },
    requirement: "Stanzas the user sends to a blocked JID are not routed; the user gets <not-acceptable/> with <blocked xmlns='urn:xmpp:blocking:errors'/>.",
    accounts: 2,
    async run(t) {
      const [accountA, accountC] = t.accounts;
      const a = await t.login(accountA!);
      const c = await t.login(accountC!, { presence: true });
      const blocks = await Blocks.of(t, a);
      await blocks.blockNow([bare(c.jid!)]);
      const attempts = await attempt(a, c, ['message', 'iq-get', 'presence'], async () => {
        await blocks.unblockNow([bare(c.jid!)]);
        await markerFrom(t, a, c);
      });
      for (const m of attempts) {
        t.check(m.delivered === undefined, `${m.what} to the blocked ${bare(c.jid!)} is not routed`, m.delivered);
        // the error belongs to stanzas that expect answers; a presence error is recorded only
        if (m.kind === 'presence') {
          t.note(`answer to ${m.what}: ${m.reply?.toString() ?? 'none'}`);
          continue;
        }
        const error = m.reply?.attrs.type === 'error' ? m.reply.getChild('error') : undefined;
        t.check(error !== undefined && stanzaError(m.reply!)!.condition === 'not-acceptable', `a <not-acceptable/> error for ${m.what}`, m.reply ?? 'no answer');
        t.check(error!.getChild('blocked', NS.blockingErrors) !== undefined, `<blocked xmlns='${NS.blockingErrors}'/> in the error for ${m.what}`, m.reply);
      }
    },
  },
  {
    id: 'XEP0191-3.3-7',
    cite: { section: '3.3', keyword: 'MUST', quote: '' },
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
      await a.sync();
      await c.sync();
      const leaked = c.received(presence({ fromBare: bare(a.jid!), where: (el) => el.getChildText('status') === status }));
      t.check(leaked.length === 0, `A's next presence broadcast does not reach the blocked ${bare(c.jid!)}`, leaked[0]);
    },
  },
]);
