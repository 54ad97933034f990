import { defineCases } from '../../src/engine/case.js';
import { sameIn } from '../../src/catalogue/citation.js';
import { presence } from '../../src/session/match.js';
import type { Session } from '../../src/session/session.js';
import { resourceOf, sameJid, token } from '../../src/session/stanza.js';
import { Element, x } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';
import {
  configure, createRoom, deferDestroy, destroy, enter, expectRemoval, fillForm, formOf, freshRoom, hasStatus, instantForm,
  joinAs, mucUser, ownerIq, setAffiliation, statusMessage, type ConfigForm,
} from './room.js';

/** The owner get (§10.1.3, §10.2) and the form in its result. */
async function getForm(s: Session, room: string): Promise<{ response: Element; form?: ConfigForm }> {
  const response = await ownerIq(s, room, 'get');
  return { response, form: formOf(response) };
}

/** The unavailable presence an occupant gets when the room is destroyed: its own, holding <destroy/>. */
const destroyedFor = (room: string, nick: string) => presence({ from: `${room}/${nick}`, type: 'unavailable', where: (el) => el.getChild('x', NS.mucUser)?.getChild('destroy') !== undefined }, `unavailable presence from ${room}/${nick} holding <destroy/>`);

/** XEP-0045 §10: owner use cases (creation, configuration, owner and admin lists, destruction). */
export default defineCases({ spec: 'xep-0045', role: 'server', scope: 'owner' }, [
  {
    id: 'XEP0045-10.1.1-1',
    cite: sameIn(['1.22', '1.24'], { section: '10.1.1', keyword: 'MUST', quote: '' }),
    requirement: "Entering a room that does not exist creates it: the creator's presence names it owner and moderator, with statuses 201 and 110.",
    accounts: 1,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = freshRoom(t);
      const { answer } = await enter(owner, room, 'owner');
      if (answer.attrs.type !== 'error') deferDestroy(t, owner, room);
      t.check(answer.attrs.type !== 'error', 'the room created', answer);
      const item = mucUser(answer).item;
      t.check(item?.attrs.affiliation === 'owner' && item.attrs.role === 'moderator', "affiliation='owner' role='moderator'", answer);
      t.check(hasStatus(answer, '201') && hasStatus(answer, '110'), 'statuses 201 and 110', answer);
    },
  },
  {
    id: 'XEP0045-10.1.2-1',
    cite: sameIn(['1.22', '1.24'], { section: '10.1.2', keyword: 'MUST', quote: '' }),
    requirement: 'An owner query holding an empty submit form unlocks a new room with the default configuration: others can enter.',
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner, { locked: true });
      const response = await ownerIq(owner, room.jid, 'set', instantForm());
      t.check(response.attrs.type === 'result', 'a result for the instant room', response);
      const { answer } = await enter(await t.login(t.accounts[1]!), room.jid, 'b');
      t.check(answer.attrs.type !== 'error', 'another user enters the unlocked room', answer);
    },
  },
  {
    id: 'XEP0045-10.1.3-1',
    cite: sameIn(['1.22', '1.24'], { section: '10.1.3', keyword: 'MUST', quote: '' }),
    requirement: 'An owner get on a new room returns a muc#roomconfig form (or an empty query); submitting it unlocks the room; a cancel destroys it.',
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const reserved = await createRoom(t, owner, { locked: true });
      const { response, form } = await getForm(owner, reserved.jid);
      t.check(response.attrs.type === 'result' && (form ? form.formType === `${NS.muc}#roomconfig` : response.getChild('query', NS.mucOwner)?.getChildElements().length === 0),
        `a result with a ${NS.muc}#roomconfig form or an empty query`, response);
      const submitted = await ownerIq(owner, reserved.jid, 'set', form ? fillForm(t, form, {}) : instantForm());
      t.check(submitted.attrs.type === 'result', 'a result for the submitted configuration', submitted);
      const { answer } = await enter(await t.login(t.accounts[1]!), reserved.jid, 'b');
      t.check(answer.attrs.type !== 'error', 'another user enters the configured room', answer);
      const cancelled = await createRoom(t, owner, { nick: 'owner2', locked: true });
      const cancel = await ownerIq(owner, cancelled.jid, 'set', x('x', { xmlns: NS.dataForms, type: 'cancel' }));
      t.note(`the cancel got ${cancel.attrs.type as string}`);
      const again = await enter(owner, cancelled.jid, 'owner2');
      t.outcome(again.before.some((el) => el.attrs.type === 'unavailable') ? 'the owner was sent unavailable presence on cancel' : 'no unavailable presence to the owner on cancel');
      t.check(hasStatus(again.answer, '201'), 'entering again creates the room anew (status 201): the cancel destroyed it', again.answer);
    },
  },
  {
    id: 'XEP0045-10.2-1',
    cite: sameIn(['1.22', '1.24'], { section: '10.2', keyword: 'MUST', quote: '' }),
    requirement: 'A non-owner asking for the configuration form gets <forbidden/>; an owner cancelling a later configuration leaves the settings as they were.',
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const name = `certify room ${token(3)}`;
      const room = await createRoom(t, owner, { config: { roomname: name } });
      const b = await joinAs(t, t.accounts[1]!, room.jid, 'b');
      t.expectError(await ownerIq(b.s, room.jid, 'get'), ['forbidden']);
      const cancel = await ownerIq(owner, room.jid, 'set', x('x', { xmlns: NS.dataForms, type: 'cancel' }));
      t.note(`the cancel got ${cancel.attrs.type as string}`);
      const { response, form } = await getForm(owner, room.jid);
      t.check(form?.values('roomname')[0] === name, `the room name still "${name}" after the cancel`, response);
    },
  },
  {
    id: 'XEP0045-10.2-2',
    cite: sameIn(['1.22', '1.24'], { section: '10.2', keyword: 'MUST', quote: '' }),
    requirement: 'Making a room members-only removes the non-members with status 322, told to them and to the remaining occupants.',
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner);
      const b = await joinAs(t, t.accounts[1]!, room.jid, 'b');
      await configure(t, owner, room.jid, { membersonly: true });
      await expectRemoval(t, room.jid, 'b', '322', [b.s, owner]);
    },
  },
  {
    id: 'XEP0045-10.2.1-1',
    cite: sameIn(['1.22', '1.24'], { section: '10.2.1', keyword: ['MUST', 'SHOULD'], quote: '' }),
    requirement: 'A configuration change that alters privacy is announced to the occupants (172 non-anonymous, 173 semi-anonymous); other changes should carry 104.',
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner, { config: { whois: 'moderators' } });
      const b = await joinAs(t, t.accounts[1]!, room.jid, 'b');
      await configure(t, owner, room.jid, { whois: 'anyone' });
      await b.s.expect(statusMessage(room.jid, '172'));
      await configure(t, owner, room.jid, { whois: 'moderators' });
      await b.s.expect(statusMessage(room.jid, '173'));
      await configure(t, owner, room.jid, (form) => ({ [form.has('roomdesc') ? 'roomdesc' : 'roomname']: `changed ${token(3)}` }));
      const other = await b.s.maybe(statusMessage(room.jid, '104'));
      t.should(other !== undefined, 'status 104 for a change of the room description', 'no status 104 message within the step deadline');
    },
  },
  {
    id: 'XEP0045-10.5-1',
    cite: sameIn(['1.22', '1.24'], { section: '10.5', keyword: 'MUST', quote: '' }),
    requirement: 'The only owner cannot give up ownership (<conflict/>); a non-owner cannot change the owner or admin lists (<forbidden/>).',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const owner = await t.login(a!);
      const room = await createRoom(t, owner);
      const abdication = await setAffiliation(owner, room.jid, a!.jid, 'admin');
      const other = await joinAs(t, b!, room.jid, 'b');
      // every request first, so the transcript shows all three answers whichever check fails
      const toOwner = await setAffiliation(other.s, room.jid, b!.jid, 'owner');
      const toAdmin = await setAffiliation(other.s, room.jid, b!.jid, 'admin');
      t.expectError(abdication, ['conflict']);
      t.expectError(toOwner, ['forbidden']);
      t.expectError(toAdmin, ['forbidden']);
    },
  },
  {
    id: 'XEP0045-10.9-1',
    cite: sameIn(['1.22', '1.24'], { section: '10.9', keyword: 'MUST', quote: '' }),
    requirement: 'A non-owner cannot destroy a room (<forbidden/>); an owner can, and each occupant gets its own unavailable presence holding <destroy/> with the alternate venue and reason given.',
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner);
      const b = await joinAs(t, t.accounts[1]!, room.jid, 'b');
      t.expectError(await destroy(b.s, room.jid), ['forbidden']);
      const venue = freshRoom(t);
      const reason = `closed by the test ${token(2)}`;
      const response = await destroy(owner, room.jid, { venue, reason });
      t.check(response.attrs.type === 'result', 'a result for the owner', response);
      const sessions = [[owner, room.nick], [b.s, 'b']] as const;
      for (const [s, nick] of sessions) {
        const gone = await s.expect(destroyedFor(room.jid, nick));
        const d = gone.getChild('x', NS.mucUser)!.getChild('destroy')!;
        t.check(d.attrs.jid === venue && d.getChildText('reason') === reason, `<destroy jid='${venue}'> with the reason "${reason}" at ${s.label}`, gone);
      }
      // the room is gone, so no barrier can follow it: watch for a while instead
      const extras = await Promise.all(sessions.map(([s, nick]) => s.maybe(presence({
        fromBare: room.jid,
        type: 'unavailable',
        where: (el) => resourceOf(el.attrs.from as string) !== undefined && !sameJid(el.attrs.from, `${room.jid}/${nick}`),
      }), t.silenceMs)));
      for (const extra of extras) t.should(extra === undefined, 'each occupant told only of its own removal, not of every occupant\'s', extra);
    },
  },
]);
