import { anyOf, bare, type CaseContext, defineCases, type Session, STANZA_TRANSPORTS, token } from '../../src/authoring.js';
import { Privacy, accepted, deniedMessages, jidRule, listNames, type Rule } from '../lib/privacy.js';
import { setRosterItem, subscribeBoth } from '../lib/roster.js';
import { messageArrives, messageRound, names, notDelivered } from '../lib/traffic.js';

/**
 * XEP-0016 §2.2 (business rules), seen through message rules (§2.9): rules are tried in ascending
 * order, the first match decides, an active list replaces the default.
 */
export default defineCases({ spec: 'xep-0016', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0016-2.2-1',
    cite: {
      section: '2.2',
      keyword: ['MUST', 'SHOULD'],
      quote: 'As soon as a stanza is matched against a privacy list rule, the server MUST appropriately handle the stanza in accordance with the rule and cease processing. … If there is no active list set for a session (…), and there is no default list, then all stanzas SHOULD BE accepted',
      anchor: 'protocol-rules',
    },
    requirement: "Messages an active list denies from a JID are not delivered, other senders' messages still are (must); once the list is declined and no default applies, the JID's messages are delivered again (should).",
    accounts: 3,
    async run(t) {
      const { a, b, c, privacy, round } = await deniedMessages(t);
      await notDelivered(t, round, (m) => `${m.what} from ${bare(c.jid!)}, whose messages A's active list denies`);
      t.check(await messageArrives(b, a) !== undefined, `a message from ${bare(b.jid!)}, whom the list allows, is delivered`, 'it was not delivered');
      // §2.2 rule 3: with no active and no default list, stanzas are accepted again
      await privacy.activate(undefined);
      const lists = await t.setup('read the privacy lists', async () => {
        const found = await listNames(a);
        accepted(found.response);
        return found;
      });
      if (lists.default) return t.note(`the account has a default list (${lists.default}), which rule 3 leaves in force: not judged whether ${bare(c.jid!)}'s messages are accepted again`);
      const again = await messageArrives(c, a);
      t.should(again !== undefined, `after A declines the active list (no default list), ${bare(c.jid!)}'s next message is delivered`, 'it was not delivered');
    },
  },
  {
    id: 'XEP0016-2.2-2',
    cite: {
      section: '2.2',
      keyword: ['MUST', 'MUST NOT'],
      quote: 'the server MUST apply the active list only and MUST NOT apply the default list (i.e., there is no "layering" of lists). … List items MUST be processed in ascending order determined by the integer values of the \'order\' attribute for each <item/>.',
      anchor: 'protocol-rules',
    },
    requirement: 'Items are tried in ascending order and the first match decides; an active list replaces the default; subscription and group items follow the roster.',
    accounts: 3,
    async run(t) {
      const [accountA, accountB, accountC] = t.accounts;
      // interested resources (roster fetched) so the subscription handshake reaches them
      const a = await t.login(accountA!, { presence: true, roster: true });
      const b = await t.login(accountB!, { presence: true, roster: true });
      const c = await t.login(accountC!, { presence: true });
      await subscribeBoth(t, a, b);
      const p = await Privacy.of(t, a);
      const rules = (...r: Rule[]): Promise<string> => p.create(r);

      // the default list applies while the session has no active list (§2.2 rule 2)
      await p.makeDefault(await rules(jidRule('deny', c.jid!, 1, 'message')));
      await judge(t, a, { blocked: [c], allowed: [b] }, 'the default list (denying C, no list active)');

      // an active list replaces the default: nothing of the default's deny of C remains (rule 1)
      await p.activate(await rules(jidRule('deny', b.jid!, 1, 'message')));
      await judge(t, a, { blocked: [b], allowed: [c] }, 'an active list denying B, over a default denying C (no layering)');

      // order 10 (allow) is tried before order 20 (deny) although it comes second in the list (rules 5, 6)
      await p.activate(await rules(jidRule('deny', c.jid!, 20, 'message'), jidRule('allow', c.jid!, 10, 'message')));
      await judge(t, a, { blocked: [], allowed: [c] }, 'a list whose order-10 item allows C and order-20 item denies C');

      // subscription 'none' covers JIDs not in the roster, not B (subscription both)
      await p.activate(await rules({ type: 'subscription', value: 'none', action: 'deny', order: 1, stanzas: ['message'] }));
      await judge(t, a, { blocked: [c], allowed: [b] }, "a list denying subscription 'none'");

      // a group item covers the contacts in that roster group
      const group = `certify-${token(3)}`;
      await t.setup(`put ${bare(b.jid!)} in the roster group ${group}`, async () => {
        const response = await setRosterItem(a, bare(b.jid!), {}, [group]);
        if (response.attrs.type !== 'result') throw new Error(response.toString());
      });
      await p.activate(await rules({ type: 'group', value: group, action: 'deny', order: 1, stanzas: ['message'] }));
      await judge(t, a, { blocked: [b], allowed: [c] }, `a list denying the group ${group}`);
    },
  },
]);

/**
 * One message round under the list in force (see messageRound), judged at the case's strength:
 * the allowed senders' messages arrive, and (proved by them) the blocked senders' do not.
 */
async function judge(t: CaseContext, to: Session, who: { blocked: Session[]; allowed: [Session, ...Session[]] }, under: string): Promise<void> {
  const round = await messageRound(to, who.blocked, who.allowed);
  t.check(round.missing.length === 0, `under ${under}: messages from ${names(who.allowed)} are delivered`, `not delivered: ${names(round.missing)}`);
  if (round.blocked.length === 0) return;
  await t.nothingArrived(to, anyOf(...round.blocked.map((b) => b.message)), `delivery of a message from ${names(who.blocked)} under ${under}`, round.proof);
}
