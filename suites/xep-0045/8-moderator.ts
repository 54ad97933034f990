import { type CaseContext, defineCases, type Element, message, sameIn, sameJid, type Session, stanzaError, token } from '../../src/authoring.js';
import {
  announcing, createRoom, expectRemoval, granted, joinAs, mucUser, roomBarrier, setAffiliation, setRole, standing,
  subjectChange, type Entry,
} from './room.js';
import { since125 } from './since-1.25.js';

/** Fails as ERROR unless the occupant entered with `role`: the precondition of a privilege check. */
async function requireRole(t: CaseContext, entry: Entry, role: string): Promise<void> {
  await t.setup(`check the occupant entered as a ${role}`, async () => {
    if (mucUser(entry.answer).item?.attrs.role !== role) throw new Error(`it entered as ${standing(entry.answer)}`);
  });
}

/** A message from the room carrying the subject `text`. */
const subjectAt = (room: string, text: string) => message({ fromBare: room, where: (el) => el.getChildText('subject') === text }, `the subject "${text}" from ${room}`);

/**
 * Tries a subject change from `from`; once the room has answered a later disco#info request of
 * the sender's, returns the error it got, if any, and the subject text.
 */
async function trySubject(t: CaseContext, from: Session, room: string): Promise<{ error?: Element; text: string }> {
  const text = `attempt ${token(3)}`;
  const stanza = subjectChange(room, text);
  from.send(stanza);
  await t.setup(`get an answer from ${room} to a disco#info request after the subject change`, () => roomBarrier(from, room));
  return { error: from.received(message({ fromBare: room, type: 'error', id: stanza.attrs.id as string }))[0], text };
}

/** A refused subject change: <forbidden/> (MUST), and passed on to no one (`witness` proves it by a barrier of its own). */
async function checkRefused(t: CaseContext, attempt: { error?: Element; text: string }, witness: Session, room: string): Promise<void> {
  t.must(attempt.error !== undefined, 'an error for the subject change', 'no error before the room answered a later disco#info request');
  t.expectError(attempt.error!, ['forbidden'], 'must');
  await t.nothingArrived(witness, subjectAt(room, attempt.text), 'copy of the refused subject change', () => roomBarrier(witness, room), 'must');
}

/** XEP-0045 §8: moderator use cases (subject, kick, voice), and who may ask for them. */
export default defineCases({ spec: 'xep-0045', role: 'server', scope: 'moderator' }, [
  {
    id: 'XEP0045-8-1',
    cite: sameIn(['1.22', '1.24', '1.34.5'], {
      section: '8',
      keyword: 'MUST',
      quote: "(Except where explicitly noted below, any of the following administrative requests MUST be denied if the <user@host> of the 'from' address of the request does not match the bare JID portion of one of the moderators; in this case, the service MUST return a <forbidden/> error.)",
      anchor: 'moderator',
    }),
    requirement: 'Moderator and admin requests from an occupant without that role or affiliation get <forbidden/>: a participant kicking a participant (§8), and granting membership (§9 says the same of admin requests).',
    accounts: 3,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner);
      const b = await joinAs(t, t.accounts[1]!, room.jid, 'b');
      await requireRole(t, b.entry, 'participant');
      // a target no affiliation protects, so only the requester's privileges decide
      await joinAs(t, t.accounts[2]!, room.jid, 'c');
      const kick = await setRole(b.s, room.jid, 'c', 'none');
      const grant = await setAffiliation(b.s, room.jid, `certify-${token()}@${t.domain}`, 'member');
      t.expectError(kick, ['forbidden']);
      t.expectError(grant, ['forbidden']);
    },
  },
  {
    id: 'XEP0045-8.1-1',
    cite: {
      ...sameIn(['1.22', '1.24'], {
        section: '8.1',
        keyword: ['SHOULD', 'MUST'],
        quote: 'By default, only users with a role of "moderator" SHOULD be allowed to change the subject in a room … it MUST reflect the message to all other occupants with a \'from\' address equal to the room JID that corresponds to the sender … the service MUST return a message of type "error" specifying a <forbidden/> error condition',
        anchor: 'subject-mod',
      }),
      '1.34.5': {
        section: '8.1',
        keyword: ['SHOULD', 'MUST'],
        anchor: 'subject-mod',
        quote: "By default, only users with a role of \"moderator\" SHOULD be allowed to change the subject in a room … The MUC service MUST reflect the message to all other occupants with a 'from' address equal to the room JID or to the occupant JID that corresponds to the sender of the subject change … If someone without appropriate privileges attempts to change the room subject, the service MUST return a message of type \"error\" specifying a <forbidden/> error condition",
      },
    },
    requirement: "A moderator's subject change reaches the other occupants from the moderator's occupant JID (MUST); where only moderators may change it (changesubject=0) others get <forbidden/> and nothing is passed on (MUST); that is the default (SHOULD).",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const owner = await t.login(a!);
      const room = await createRoom(t, owner, { config: { changesubject: false } });
      const occupant = await joinAs(t, b!, room.jid, 'b');
      const text = `subject ${token(3)}`;
      owner.send(subjectChange(room.jid, text));
      const atOccupant = await occupant.s.expect(subjectAt(room.jid, text));
      // "the room JID that corresponds to the sender": in v1.22/v1.24 a room JID is room@service/nick;
      // v1.34.5 allows the room's own JID as well
      const senders = since125(t) ? [`${room.jid}/${room.nick}`, room.jid] : [`${room.jid}/${room.nick}`];
      t.must(senders.some((from) => sameJid(atOccupant.attrs.from, from)), `the subject from ${senders.join(' or ')}`, atOccupant);
      await checkRefused(t, await trySubject(t, occupant.s, room.jid), owner, room.jid);
      const byDefault = await createRoom(t, owner, { nick: 'owner2' });
      const other = await joinAs(t, b!, byDefault.jid, 'b');
      await requireRole(t, other.entry, 'participant');
      const attempt = await trySubject(t, other.s, byDefault.jid);
      t.outcome(attempt.error ? `a participant may not change the subject by default: <${stanzaError(attempt.error)?.condition ?? '?'}/>` : 'a participant may change the subject by default');
      t.should(attempt.error !== undefined, "a participant's subject change refused in a room with the default configuration", 'no error');
      if (attempt.error) await checkRefused(t, attempt, owner, byDefault.jid);
    },
  },
  {
    id: 'XEP0045-8.2-1',
    cite: sameIn(['1.22', '1.24', '1.34.5'], {
      section: '8.2',
      keyword: 'MUST',
      quote: 'The service MUST remove the kicked occupant by sending a presence stanza of type "unavailable" to each kicked occupant, including status code 307 in the extended presence information … After removing the kicked occupant(s), the service MUST then inform the moderator of success',
      anchor: 'kick',
    }),
    requirement: 'A kick (role none) is answered with a result; the kicked occupant and the others get unavailable presence with status 307.',
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner);
      const b = await joinAs(t, t.accounts[1]!, room.jid, 'b');
      const response = await setRole(owner, room.jid, 'b', 'none');
      t.check(response.attrs.type === 'result', 'a result for the kick', response);
      await expectRemoval(t, room.jid, 'b', '307', [b.s, owner]);
    },
  },
  {
    id: 'XEP0045-8.2-2',
    cite: {
      ...sameIn(['1.22', '1.24'], {
        section: '8.2',
        keyword: 'MUST',
        quote: 'Therefore, if a moderator who is a participant attempts to kick an admin or a moderator who is a participant or admin attempts to kick an owner, the service MUST deny the request and return a <not-allowed/> error to the sender',
        anchor: 'kick',
      }),
      '1.34.5': {
        section: '8.2',
        keyword: 'MUST',
        anchor: 'kick',
        quote: 'Therefore, if a moderator who is a member attempts to kick an admin or a moderator who is a member or admin attempts to kick an owner, the service MUST deny the request and return a <not-allowed/> error to the sender',
      },
    },
    requirement: 'A moderator cannot kick an occupant of higher affiliation: a member-moderator kicking an admin gets <not-allowed/>.',
    accounts: 3,
    async run(t) {
      const [a, b, c] = t.accounts;
      const owner = await t.login(a!);
      const room = await createRoom(t, owner);
      await joinAs(t, b!, room.jid, 'b');
      await granted(t, 'make B an admin', () => setAffiliation(owner, room.jid, b!.jid, 'admin'));
      const moderator = await joinAs(t, c!, room.jid, 'c');
      await granted(t, 'make C a member', () => setAffiliation(owner, room.jid, c!.jid, 'member'));
      await granted(t, 'make C a moderator', () => setRole(owner, room.jid, 'c', 'moderator'));
      await t.setup('see C become a moderator', () => moderator.s.expect(announcing(room.jid, 'c', 'moderator', 'member')));
      t.expectError(await setRole(moderator.s, room.jid, 'b', 'none'), ['not-allowed']);
    },
  },
  {
    id: 'XEP0045-8.3-1',
    cite: sameIn(['1.22', '1.24', '1.34.5'], {
      section: '8.4',
      keyword: ['MUST', 'MUST NOT'],
      quote: "The service MUST then send updated presence from this individual to all occupants, indicating the removal of voice privileges … a service MUST NOT allow the voice privileges of an admin or owner to be removed by anyone … the service MUST deny the request and return a <not-allowed/> error",
      anchor: 'revokevoice',
    }),
    requirement: "Granting (§8.3) and revoking (§8.4) voice is answered with a result and announced to all with the new role; an owner's voice cannot be revoked (<not-allowed/>).",
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner, { config: { moderatedroom: true } });
      const b = await joinAs(t, t.accounts[1]!, room.jid, 'b');
      const entered = mucUser(b.entry.answer).item?.attrs.role;
      t.note(`B entered the moderated room as a ${entered ?? '?'}`);
      for (const role of entered === 'visitor' ? ['participant', 'visitor'] : ['visitor', 'participant']) {
        const response = await setRole(owner, room.jid, 'b', role);
        t.check(response.attrs.type === 'result', `a result for role='${role}'`, response);
        for (const s of [owner, b.s]) await s.expect(announcing(room.jid, 'b', role));
      }
      await granted(t, 'make B a moderator', () => setRole(owner, room.jid, 'b', 'moderator'));
      await t.setup('see B become a moderator', () => b.s.expect(announcing(room.jid, 'b', 'moderator')));
      t.expectError(await setRole(b.s, room.jid, room.nick, 'visitor'), ['not-allowed']);
    },
  },
]);
