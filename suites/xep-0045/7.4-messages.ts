import { type CaseContext, defineCases, type Element, message, NS, sameIn, type Session, stanzaError, token } from '../../src/authoring.js';
import { discoInfo } from '../lib/disco.js';
import { announcing, createRoom, granted, groupchat, joinAs, mucUser, roomBarrier, setRole } from './room.js';
import { since125 } from './since-1.25.js';

/**
 * Sends a groupchat message the room is to refuse; returns its body and the error answer, if
 * any came before the room answered a later disco#info request of the same sender.
 */
async function refusedPost(t: CaseContext, s: Session, room: string): Promise<{ body: string; answer?: Element }> {
  const stanza = groupchat(room, `refused ${token(3)}`);
  s.send(stanza);
  await t.setup(`get an answer from ${room} to a disco#info request after the message`, () => roomBarrier(s, room));
  const answer = s.received(message({ fromBare: room, type: 'error', id: stanza.attrs.id as string }))[0];
  return { body: stanza.getChildText('body')!, answer };
}

/** Any message from the room carrying `body`. */
const carrying = (room: string, body: string) => message({ fromBare: room, where: (el) => el.getChildText('body') === body }, `a message from ${room} with the body "${body}"`);

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
    cite: {
      ...sameIn(['1.22', '1.24'], {
        section: '7.9',
        keyword: 'MUST',
        quote: "If the sender has voice in the room (this is the default except in moderated rooms), the service MUST change the 'from' attribute to the sender's room JID and reflect the message out to the full JID of each occupant.",
        anchor: 'message',
      }),
      '1.34.5': {
        section: '7.4',
        keyword: 'MUST',
        anchor: 'message',
        quote: "If the sender has voice in the room (this is the default except in moderated rooms) and the message does not violate any service-level or room-level policies (e.g., policies regarding message content or size), the service MUST change the 'from' attribute to the sender's occupant JID and reflect the message out to the full JID of each occupant.",
      },
    },
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
    cite: {
      ...sameIn(['1.22', '1.24'], {
        section: '7.9',
        keyword: ['MAY', 'MUST NOT', 'SHOULD', 'SHOULD NOT'],
        quote: 'If the sender is a visitor …, the service MAY return a <forbidden/> error to the sender and MUST NOT reflect the message to all occupants. If the sender is not an occupant of the room, the service SHOULD return a <not-acceptable/> error to the sender and SHOULD NOT reflect the message to all occupants',
        anchor: 'message',
        changed: 'v1.25 (2012) makes the <forbidden/> error to a visitor a MUST',
      }),
      '1.34.5': {
        section: '7.4',
        keyword: ['MUST', 'MUST NOT', 'SHOULD', 'SHOULD NOT'],
        anchor: 'message',
        quote: 'If the sender is a visitor (i.e., does not have voice in a moderated room), the service MUST return a <forbidden/> error to the sender and MUST NOT reflect the message to all occupants. If the sender is not an occupant of the room, the service SHOULD return a <not-acceptable/> error to the sender and SHOULD NOT reflect the message to all occupants',
      },
    },
    requirement: "In a moderated room a visitor's groupchat goes to no one (MUST NOT reflect; a <forbidden/> error MAY come, recorded); a non-occupant's gets <not-acceptable/> and goes to no one (SHOULD).",
    accounts: 3,
    async run(t) {
      const [a, b, c] = t.accounts;
      const owner = await t.login(a!);
      const room = await createRoom(t, owner, { config: { moderatedroom: true } });
      const visitor = await joinAs(t, b!, room.jid, 'b');
      await makeVisitor(t, owner, room.jid, 'b', visitor.entry.answer);
      const fromVisitor = await refusedPost(t, visitor.s, room.jid);
      t.outcome(fromVisitor.answer ? `the visitor got an error: <${stanzaError(fromVisitor.answer)?.condition ?? '?'}/>` : 'the visitor got no error (the text allows that)');
      // v1.34.5 makes the <forbidden/> a MUST
      if (since125(t)) t.must(fromVisitor.answer !== undefined, 'a <forbidden/> error to the visitor', 'no error before the room answered a later disco#info request');
      if (fromVisitor.answer) t.expectError(fromVisitor.answer, ['forbidden'], since125(t) ? 'must' : 'may');
      // the room has handled the visitor's message (its barrier answered): now the owner's own barrier
      await t.nothingArrived(owner, carrying(room.jid, fromVisitor.body), "copy of the visitor's message", () => roomBarrier(owner, room.jid), 'must');
      const outsider = await t.login(c!);
      const fromOutsider = await refusedPost(t, outsider, room.jid);
      t.should(fromOutsider.answer !== undefined, 'an error message to the non-occupant', 'no error before the room answered a later disco#info request');
      if (fromOutsider.answer) t.expectError(fromOutsider.answer, ['not-acceptable'], 'should');
      await t.nothingArrived(owner, carrying(room.jid, fromOutsider.body), "copy of the non-occupant's message", () => roomBarrier(owner, room.jid), 'should');
    },
  },
  {
    id: 'XEP0045-7.4-3',
    cite: {
      ...sameIn(['1.22', '1.24'], {
        absent: "v1.22/v1.24 set no rule on the 'id' of a reflected message",
        later: {
          doc: 'XEP-0045',
          version: '1.31',
          section: '7.4',
          keyword: 'SHOULD',
          quote: "The service SHOULD reflect the message with the same 'id' that was generated by the client, to allow clients to track their outbound messages.",
          anchor: 'message',
        },
      }),
      '1.34.5': {
        section: '7.4',
        keyword: 'SHOULD',
        anchor: 'message',
        quote: "The service SHOULD reflect the message with the same 'id' that was generated by the client, to allow clients to track their outbound messages.",
      },
    },
    requirement: "(post-2009, v1.31 of 2018) The room reflects a groupchat message with the sender's 'id'; whether the room advertises muc#stable_id is noted.",
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
