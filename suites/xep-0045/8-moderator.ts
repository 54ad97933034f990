import { defineCases } from '../../src/engine/case.js';
import { sameIn } from '../../src/catalogue/citation.js';
import type { CaseContext } from '../../src/engine/context.js';
import { message } from '../../src/session/match.js';
import type { Session } from '../../src/session/session.js';
import { sameJid, token } from '../../src/session/stanza.js';
import type { Element } from '../../src/xml/element.js';
import {
  announcing, barrier, createRoom, expectRemoval, granted, joinAs, mucUser, setAffiliation, setRole, setSubject, standing,
  subjectChange, type Entry,
} from './room.js';

/** Fails as ERROR unless the occupant entered with `role`: the precondition of a privilege check. */
async function requireRole(t: CaseContext, entry: Entry, role: string): Promise<void> {
  await t.setup(`check the occupant entered as a ${role}`, async () => {
    if (mucUser(entry.answer).item?.attrs.role !== role) throw new Error(`it entered as ${standing(entry.answer)}`);
  });
}

/** Tries a subject change from `from`: the error it got, if any, and whether `witness` received it. */
async function trySubject(from: Session, witness: Session, room: string): Promise<{ error?: Element; passedOn: boolean }> {
  const stanza = subjectChange(room, `attempt ${token(3)}`);
  from.send(stanza);
  const error = await from.maybe(message({ fromBare: room, type: 'error', id: stanza.attrs.id as string }));
  const { since } = await barrier(witness, room);
  return { error, passedOn: since.some((el) => el.getChildText('subject') === stanza.getChildText('subject')) };
}

/** A refused subject change: <forbidden/>, and passed on to no one. */
function checkRefused(t: CaseContext, attempt: { error?: Element; passedOn: boolean }): void {
  t.must(attempt.error !== undefined, 'an error for the subject change', 'no error within the step deadline');
  t.expectError(attempt.error!, ['forbidden'], 'must');
  t.must(!attempt.passedOn, 'the refused subject not passed on', 'another occupant received it');
}

/** XEP-0045 §8: moderator use cases (subject, kick, voice), and who may ask for them. */
export default defineCases({ spec: 'xep-0045', role: 'server', scope: 'moderator' }, [
  {
    id: 'XEP0045-8-1',
    cite: sameIn(['1.22', '1.24'], { section: '8', keyword: 'MUST', quote: '' }),
    requirement: 'Moderator and admin requests from an occupant without that role or affiliation get <forbidden/> (a participant kicking a participant, granting membership).',
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
    cite: sameIn(['1.22', '1.24'], { section: '8.1', keyword: ['MUST', 'SHOULD'], quote: '' }),
    requirement: 'A subject change by a moderator reaches every occupant; where only moderators may change it (changesubject=0, and by default) others get <forbidden/> and nothing is passed on.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const owner = await t.login(a!);
      const room = await createRoom(t, owner, { config: { changesubject: false } });
      const occupant = await joinAs(t, b!, room.jid, 'b');
      const text = `subject ${token(3)}`;
      const atOwner = await setSubject(owner, room.jid, text);
      const atOccupant = await occupant.s.expect(message({ fromBare: room.jid, type: 'groupchat', where: (el) => el.getChildText('subject') === text }, `the subject "${text}" at B`));
      for (const el of [atOwner, atOccupant]) {
        t.must(sameJid(el.attrs.from, room.jid) || sameJid(el.attrs.from, `${room.jid}/${room.nick}`), `the subject from ${room.jid} or ${room.jid}/${room.nick}`, el);
      }
      checkRefused(t, await trySubject(occupant.s, owner, room.jid));
      const byDefault = await createRoom(t, owner, { nick: 'owner2' });
      const other = await joinAs(t, b!, byDefault.jid, 'b');
      await requireRole(t, other.entry, 'participant');
      const attempt = await trySubject(other.s, owner, byDefault.jid);
      t.outcome(attempt.error ? 'a participant may not change the subject by default' : 'a participant may change the subject by default');
      t.should(attempt.error !== undefined, "a participant's subject change refused in a room with the default configuration", attempt.passedOn ? 'the change was passed on' : 'no error');
      if (attempt.error) checkRefused(t, attempt);
    },
  },
  {
    id: 'XEP0045-8.2-1',
    cite: sameIn(['1.22', '1.24'], { section: '8.2', keyword: 'MUST', quote: '' }),
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
    cite: sameIn(['1.22', '1.24'], { section: '8.2', keyword: 'MUST', quote: '' }),
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
    cite: sameIn(['1.22', '1.24'], { section: '8.3', keyword: 'MUST', quote: '' }),
    requirement: "Granting and revoking voice is answered with a result and announced to all with the new role; an owner's voice cannot be revoked (<not-allowed/>).",
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
