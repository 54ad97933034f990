import { defineCases } from '../../src/engine/case.js';
import { sameIn } from '../../src/catalogue/citation.js';
import type { CaseContext } from '../../src/engine/context.js';
import { message } from '../../src/session/match.js';
import type { Session } from '../../src/session/session.js';
import { token } from '../../src/session/stanza.js';
import type { Element } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';
import { discoInfo } from '../lib/disco.js';
import { announcing, barrier, createRoom, granted, groupchat, joinAs, mucUser, setRole } from './room.js';

/** Sends a groupchat message that the room must refuse; returns the answer, if one came in time. */
async function refusedPost(s: Session, room: string): Promise<{ body: string; answer?: Element }> {
  const stanza = groupchat(room, `refused ${token(3)}`);
  s.send(stanza);
  const answer = await s.maybe(message({ fromBare: room, type: 'error', id: stanza.attrs.id as string }));
  return { body: stanza.getChildText('body')!, answer };
}

/** Whether an occupant got `body` from the room, proven by a barrier of its own. */
async function reflected(s: Session, room: string, body: string): Promise<boolean> {
  return (await barrier(s, room)).since.some((el) => el.getChildText('body') === body);
}

/** Brings an occupant to the visitor role (§8.4) unless it entered as one. */
async function makeVisitor(t: CaseContext, owner: Session, room: string, nick: string, self: Element): Promise<void> {
  if (mucUser(self).item?.attrs.role === 'visitor') return;
  await granted(t, `revoke the voice of '${nick}'`, () => setRole(owner, room, nick, 'visitor'));
  await t.setup(`see '${nick}' become a visitor`, () => owner.expect(announcing(room, nick, 'visitor')));
}

/** XEP-0045 §7.4: sending a message to all occupants. */
export default defineCases({ spec: 'xep-0045', role: 'server', scope: 'occupant' }, [
  {
    id: 'XEP0045-7.4-1',
    cite: sameIn(['1.22', '1.24'], { section: '7.4', keyword: 'MUST', quote: '' }),
    requirement: "A groupchat message from an occupant with voice reaches every occupant, sender included, from the sender's occupant JID.",
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner);
      const b = await joinAs(t, t.accounts[1]!, room.jid, 'b');
      const body = `to all ${token(3)}`;
      owner.send(groupchat(room.jid, body));
      for (const s of [owner, b.s]) {
        await s.expect(message({ from: `${room.jid}/${room.nick}`, type: 'groupchat', where: (el) => el.getChildText('body') === body }, `"${body}" from ${room.jid}/${room.nick} at ${s.label}`));
      }
    },
  },
  {
    id: 'XEP0045-7.4-2',
    cite: sameIn(['1.22', '1.24'], { section: '7.4', keyword: ['MUST', 'SHOULD'], quote: '' }),
    requirement: 'In a moderated room a visitor\'s groupchat goes to no one (MUST) and gets <forbidden/> (MUST in later versions; MAY in v1.24 of 2008); a non-occupant\'s should get <not-acceptable/> and go to no one (SHOULD).',
    accounts: 3,
    async run(t) {
      const [a, b, c] = t.accounts;
      const owner = await t.login(a!);
      const room = await createRoom(t, owner, { config: { moderatedroom: true } });
      const visitor = await joinAs(t, b!, room.jid, 'b');
      await makeVisitor(t, owner, room.jid, 'b', visitor.entry.answer);
      const fromVisitor = await refusedPost(visitor.s, room.jid);
      // the error itself was a MAY in v1.24 (2008), which the levels cite; later versions made it a MUST
      t.should(fromVisitor.answer !== undefined, 'an error message to the visitor', 'no error within the step deadline');
      if (fromVisitor.answer) t.expectError(fromVisitor.answer, ['forbidden'], 'should');
      t.must(!(await reflected(owner, room.jid, fromVisitor.body)), "the visitor's message not passed on", 'the owner received it');
      const outsider = await t.login(c!);
      const fromOutsider = await refusedPost(outsider, room.jid);
      t.should(fromOutsider.answer !== undefined, 'an error message to the non-occupant', 'no error within the step deadline');
      if (fromOutsider.answer) t.expectError(fromOutsider.answer, ['not-acceptable'], 'should');
      t.should(!(await reflected(owner, room.jid, fromOutsider.body)), "the non-occupant's message not passed on", 'the owner received it');
    },
  },
  {
    id: 'XEP0045-7.4-3',
    cite: sameIn(['1.22', '1.24'], { section: '7.4', keyword: 'SHOULD', quote: '' }),
    requirement: "(post-2009, v1.31) The room reflects a groupchat message with the sender's 'id' and advertises muc#stable_id.",
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner);
      const b = await joinAs(t, t.accounts[1]!, room.jid, 'b');
      const info = await discoInfo(owner, room.jid);
      t.note(`${NS.muc}#stable_id ${info.features.includes(`${NS.muc}#stable_id`) ? 'is' : 'is not'} advertised by the room`);
      const stanza = groupchat(room.jid, `stable ${token(3)}`);
      owner.send(stanza);
      for (const s of [owner, b.s]) {
        const copy = await s.expect(message({ fromBare: room.jid, type: 'groupchat', where: (el) => el.getChildText('body') === stanza.getChildText('body') }));
        t.check(copy.attrs.id === stanza.attrs.id, `the reflection at ${s.label} with id='${stanza.attrs.id as string}'`, copy);
      }
    },
  },
]);
