import { defineCases, describe, type Element, NS, presence, resourceOf, sameIn, sameJid, type Session, stanzaError, token, x } from '../../src/authoring.js';
import {
  collectUntilBarrier, configure, createRoom, deferDestroy, destroy, enter, expectRemoval, fillForm, formOf, freshRoom, hasStatus, instantForm,
  joinAs, mucUser, ownerIq, roomBarrier, setAffiliation, statusMessage, type ConfigForm,
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
    cite: sameIn(['1.22', '1.24', '1.34.5'], {
      section: '10.1.1',
      keyword: 'MUST',
      quote: "If access is not restricted, the service MUST allow the user to create a room as described below. … The initial presence stanza received by the owner from the room MUST include extended presence information indicating the user's status as an owner and acknowledging that the room has been created (via status code 201)",
      anchor: 'createroom-general',
    }),
    requirement: "Entering a room that does not exist creates it (unless creation is restricted: <not-allowed/>): the creator's presence names it owner, with status 201; its role and status 110 are noted.",
    accounts: 1,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = freshRoom(t);
      const { answer } = await enter(owner, room, 'owner');
      if (answer.attrs.type !== 'error') deferDestroy(t, owner, room);
      else if (stanzaError(answer)?.condition === 'not-allowed') t.skip('room creation is restricted here (<not-allowed/>, which §10.1.1 allows)');
      t.check(answer.attrs.type !== 'error', 'the room created', answer);
      const item = mucUser(answer).item;
      t.check(item?.attrs.affiliation === 'owner', "affiliation='owner' on the creator's presence", answer);
      t.check(hasStatus(answer, '201'), 'status 201 on the creator\'s presence', answer);
      t.note(`the creator's presence: role='${item?.attrs.role as string ?? ''}', status 110 ${hasStatus(answer, '110') ? 'present' : 'absent'}`);
    },
  },
  {
    id: 'XEP0045-10.1.2-1',
    cite: sameIn(['1.22', '1.24', '1.34.5'], {
      section: '10.1.2',
      keyword: 'MUST',
      quote: 'The service MUST then unlock the room and allow other entities to join it.',
      anchor: 'createroom-instant',
    }),
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
    // §10.1.3 says the room SHOULD be destroyed on a cancel; the workflow of §10.1.1 says MUST
    cite: {
      ...sameIn(['1.22', '1.24'], {
        section: '10.1.1',
        keyword: 'MUST',
        quote: 'If the room owner requested a configuration form, the service MUST send an IQ to the room owner containing a configuration form … Once the service receives the completed configuration form …, the service MUST "unlock" the room … If the service receives a cancellation, it MUST destroy the room.',
        anchor: 'createroom-general',
      }),
      '1.34.5': {
        section: '10.1.1',
        keyword: 'MUST',
        anchor: 'createroom-general',
        quote: "If the room owner requested a configuration form, the service MUST send an IQ result to the room owner containing a configuration form qualified by the 'jabber:x:data' namespace. … Once the service receives the completed configuration form from the initial room owner (or receives a request for an instant room), the service MUST \"unlock\" the room (i.e., allow other users to enter the room) and send an IQ of type \"result\" to the room owner. If the service receives a cancellation, it MUST destroy the room.",
      },
    },
    requirement: 'An owner get on a new room returns a configuration form (or an empty query where there are no options); submitting it unlocks the room; a cancel destroys it.',
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const reserved = await createRoom(t, owner, { locked: true });
      const { response, form } = await getForm(owner, reserved.jid);
      t.check(response.attrs.type === 'result' && (form !== undefined || response.getChild('query', NS.mucOwner)?.getChildElements().length === 0),
        'a result with a configuration form, or an empty query', response);
      t.outcome(form ? `a configuration form (FORM_TYPE ${form.formType ?? 'none'})` : 'an empty query (no configuration options)');
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
    cite: sameIn(['1.22', '1.24', '1.34.5'], {
      section: '10.2',
      keyword: 'MUST',
      quote: "If the <user@host> of the 'from' address does not match the bare JID of a room owner, the service MUST return a <forbidden/> error to the sender … If the room owner cancels the subsequent configuration, the service MUST leave the configuration of the room as it was before",
      anchor: 'roomconfig',
    }),
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
    cite: sameIn(['1.22', '1.24', '1.34.5'], {
      section: '10.2',
      keyword: 'MUST',
      quote: 'If as a result of a change in the room configuration the room type is changed to members-only but there are non-members in the room, the service MUST remove any non-members from the room and include a status code of 322 in the presence unavailable stanzas sent to those users as well as any remaining occupants.',
      anchor: 'roomconfig',
    }),
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
    cite: sameIn(['1.22', '1.24', '1.34.5'], {
      section: '10.2.1',
      keyword: ['MUST', 'SHOULD'],
      quote: 'A room MUST send notification to all occupants when the room configuration changes in a way that has an impact on the privacy or security profile of the room. … For any other configuration change, the room SHOULD send status code 104',
      anchor: 'roomconfig-notify',
    }),
    requirement: 'A configuration change that alters privacy is announced to the occupants (172 non-anonymous, 173 semi-anonymous: MUST); other changes carry 104 (SHOULD).',
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner, { config: { whois: 'moderators' } });
      const b = await joinAs(t, t.accounts[1]!, room.jid, 'b');
      await configure(t, owner, room.jid, { whois: 'anyone' });
      await b.s.expect(statusMessage(room.jid, '172'));
      await configure(t, owner, room.jid, { whois: 'moderators' });
      await b.s.expect(statusMessage(room.jid, '173'));
      // what the room sent for those two changes, out of the way
      await collectUntilBarrier(t, b.s, room.jid);
      await configure(t, owner, room.jid, (form) => ({ [form.has('roomdesc') ? 'roomdesc' : 'roomname']: `changed ${token(3)}` }));
      // the owner's change is done (its result came), so the room sent its notice before it handles B's barrier
      const since = await collectUntilBarrier(t, b.s, room.jid);
      t.should(since.some((el) => statusMessage(room.jid, '104').test(el)), 'status 104 for a change of the room description', since.map((el) => describe(el, 160)).join(' ') || 'nothing before the barrier');
    },
  },
  {
    id: 'XEP0045-10.5-1',
    cite: {
      ...sameIn(['1.22', '1.24'], {
        section: '10.5',
        keyword: ['MUST', 'MUST NOT'],
        quote: 'If a non-owner attempts to view or modify the owner list, the service MUST deny the request and return a <forbidden/> error … A service MUST NOT allow an owner to revoke his or her own ownership privileges if there are no other owners; if an owner attempts to do this, the service MUST return a <conflict/> error',
        anchor: 'modifyowner',
      }),
      '1.34.5': {
        section: '10.5',
        keyword: ['MUST', 'MUST NOT'],
        anchor: 'modifyowner',
        quote: 'If a non-owner attempts to view or modify the owner list, the service MUST deny the request and return a <forbidden/> error to the sender … A service MUST NOT allow an owner to revoke his or her own owner status if there are no other owners; if an owner attempts to do this, the service MUST return a <conflict/> error to the owner.',
      },
    },
    requirement: 'The only owner cannot give up ownership (<conflict/>); a non-owner cannot change the owner list (<forbidden/>) nor the admin list (§10.8 says the same).',
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
    cite: sameIn(['1.22', '1.24', '1.34.5'], {
      section: '10.9',
      keyword: ['SHOULD NOT', 'MUST'],
      quote: 'It SHOULD NOT broadcast presence stanzas of type "unavailable" from all occupants … If extended presence information specifying the JID of an alternate location and the reason for the room destruction was provided …, the presence stanza MUST include that information.',
      anchor: 'destroyroom',
    }),
    requirement: 'A non-owner cannot destroy a room (<forbidden/>); an owner can, and each occupant gets its own unavailable presence holding <destroy/> with the alternate venue and reason given (MUST), and no unavailable presence of the others (SHOULD NOT).',
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
      // the service answers a disco#info request about the room (gone now) only after it sent what the destruction sent
      for (const [s, nick] of sessions) {
        await t.nothingArrived(s, presence({
          fromBare: room.jid,
          type: 'unavailable',
          where: (el) => resourceOf(el.attrs.from as string) !== undefined && !sameJid(el.attrs.from, `${room.jid}/${nick}`),
        }, `unavailable presence of another occupant of ${room.jid}`), `unavailable presence of another occupant at ${s.label} (each told only of its own removal)`, () => roomBarrier(s, room.jid), 'should');
      }
    },
  },
]);
