import { bare, type CaseContext, defineCases, describe, type Element, ExpectationError, message, NS, presence, renumbered, resourceOf, sameIn, sameJid, type Session, stanzaError, token, x } from '../../src/authoring.js';
import { delays, postHistory } from './history.js';
import {
  checkOccupantPresence, collectUntilBarrier, createRoom, enter, granted, hasStatus, join, joinAs, mucUser,
  occupantPresence, passwordProtected, setAffiliation, setSubject, standing, subjectMessage,
  type Entry, type JoinOptions,
} from './room.js';
import { raisedToMust, since125 } from './since-1.25.js';

/** XEP-0082 DateTime for urn:xmpp:delay; CCYYMMDDThh:mm:ss for jabber:x:delay (XEP-0091). */
const STAMP: Record<string, RegExp> = {
  [NS.delay]: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  [NS.legacyDelay]: /^\d{8}T\d{2}:\d{2}:\d{2}$/,
};

/**
 * Joins, then takes what the room sends up to the answer to a barrier message of the joiner's
 * (v1.24 §7.1.15: history comes before live messages): the entry and, in order, what followed it.
 */
async function joinAndCollect(t: CaseContext, s: Session, room: string, nick: string, options: JoinOptions = {}): Promise<{ entry: Entry; after: Element[] }> {
  const entry = await join(t, s, room, nick, options);
  return { entry, after: await collectUntilBarrier(t, s, room) };
}

/** The messages among `els` that carry one of the posted history bodies. */
const historyIn = (els: Element[], bodies: string[]): Element[] => els.filter((el) => el.name === 'message' && bodies.includes(el.getChildText('body') ?? ''));

/** Expects a join to be refused with one of `conditions`. */
async function expectRefusal(t: CaseContext, s: Session, room: string, nick: string, conditions: string[], options: JoinOptions = {}): Promise<void> {
  const { answer } = await enter(s, room, nick, options);
  t.expectError(answer, conditions);
}

/** A message from the room (not from an occupant) whose muc#user <x/> carries status `code`. */
const statusFromRoom = (room: string, code: string) => message({ from: room, where: (el) => hasStatus(el, code) }, `a message from ${room} with status ${code}`);

/** XEP-0045 §7.2 (v1.22/v1.24 §7.1): entering a room, and what the room sends on entry. */
export default defineCases({ spec: 'xep-0045', role: 'server', scope: 'occupant' }, [
  {
    id: 'XEP0045-7.2.1-1',
    cite: {
      ...sameIn(['1.22', '1.24'], {
        section: '7.1.1',
        keyword: 'SHOULD',
        quote: 'If the user does not specify a room nickname, the service SHOULD return a <jid-malformed/> error',
        anchor: 'enter-gc',
        changed: 'v1.25 (2012) §7.2.1 makes it MUST',
      }),
      '1.34.5': {
        section: '7.2.1',
        keyword: 'MUST',
        anchor: 'enter-muc',
        quote: "If the user does not specify a room nickname (note the bare JID on the 'from' address in the following example), the service MUST return a <jid-malformed/> error",
      },
    },
    requirement: 'A join presence without a nickname (to the bare room JID) gets <jid-malformed/>.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const owner = await t.login(a!);
      const joiner = await t.login(b!);
      const room = await createRoom(t, owner);
      joiner.send(x('presence', { to: room.jid }, x('x', { xmlns: NS.muc })));
      const answer = await joiner.expect(presence({ fromBare: room.jid }));
      t.expectError(answer, ['jid-malformed']);
    },
  },
  {
    id: 'XEP0045-7.2.2-1',
    cite: {
      ...sameIn(['1.22', '1.24'], {
        section: '16.3',
        keyword: 'MUST',
        quote: 'MUC service implementations MUST provide extended presence information about roles and affiliations in all presence stanzas, including presence stanzas of type "unavailable" sent when a user exits the room for any reason.',
        anchor: 'bizrules-presence',
      }),
      '1.34.5': {
        section: '17.3',
        keyword: 'MUST',
        anchor: 'bizrules-presence',
        quote: 'MUC service implementations MUST provide role and affiliation data (and, if allowed by the room configuration, full JID) in all presence stanzas, including presence stanzas of type "unavailable" sent when a user exits the room for any reason.',
      },
    },
    requirement: "Every occupant presence the room sends (joins, changes, leaves) carries a muc#user <item/> with a role and an affiliation, and any 'jid' on it is a full JID.",
    accounts: 3,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner);
      const seen: Element[] = [];
      // the broadcasts themselves are judged by their own cases (7.2.2-2, 7.7-1, 7.14-1): here they are the material
      const keep = async (s: Session, nick: string, type?: string): Promise<void> => {
        seen.push(await t.setup(`see the ${type ?? 'available'} presence of '${nick}' at ${s.label}`, () => s.expect(occupantPresence(room.jid, nick, type))));
      };
      const b = await joinAs(t, t.accounts[1]!, room.jid, 'b');
      await keep(owner, 'b');
      const c = await joinAs(t, t.accounts[2]!, room.jid, 'c');
      await keep(owner, 'c');
      await keep(b.s, 'c');
      b.s.send(x('presence', { to: `${room.jid}/b` }, x('show', {}, 'away')));
      for (const s of [owner, b.s, c.s]) await keep(s, 'b');
      c.s.send(x('presence', { to: `${room.jid}/c`, type: 'unavailable' }));
      for (const s of [owner, b.s, c.s]) await keep(s, 'c', 'unavailable');
      seen.push(b.entry.answer, ...b.entry.before, c.entry.answer, ...c.entry.before);
      for (const s of [owner, b.s, c.s]) seen.push(...s.received(presence({ fromBare: room.jid, type: ['available', 'unavailable'] })));
      const occupantPresences = seen.filter((el) => resourceOf(el.attrs.from as string) !== undefined);
      t.note(`${occupantPresences.length} occupant presences checked`);
      t.check(occupantPresences.length > 0, 'occupant presences to check', 'none collected');
      for (const el of occupantPresences) checkOccupantPresence(t, el);
    },
  },
  {
    id: 'XEP0045-7.2.2-2',
    cite: {
      ...sameIn(['1.22', '1.24'], {
        section: '7.1.3',
        keyword: ['MUST', 'SHOULD'],
        quote: "The service MUST also send presence from the new occupant's room JID to the full JIDs of all the occupants (including the new occupant) … the presence sent by the room to a user from itself as an occupant SHOULD include a status code of 110 so that the user knows this presence refers to itself as an occupant.",
        anchor: 'enter-pres',
        changed: 'v1.25 (2012) makes status 110 on the self-presence a MUST',
      }),
      '1.34.5': {
        section: '7.2.2',
        keyword: 'MUST',
        anchor: 'enter-pres',
        quote: "Unless the room is configured to not broadcast presence from new occupants below a certain affiliation level (…), the service MUST also send presence from the new participant's occupant JID to the full JIDs of all the occupants (including the new occupant). … the \"self-presence\" sent by the room to the new user MUST include a status code of 110 so that the user knows this presence refers to itself as an occupant.",
      },
    },
    requirement: "The new occupant's presence goes to the joiner and to the occupants already there (MUST); the joiner's own copy carries status 110 and the others' copies do not (SHOULD).",
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner);
      const b = await joinAs(t, t.accounts[1]!, room.jid, 'b');
      t.must(sameJid(b.entry.answer.attrs.from, `${room.jid}/b`), `the joiner's own presence from ${room.jid}/b`, b.entry.answer);
      raisedToMust(t, hasStatus(b.entry.answer, '110'), 'status 110 on the self-presence', b.entry.answer);
      const seenByOwner = await owner.expect(occupantPresence(room.jid, 'b'));
      t.should(!hasStatus(seenByOwner, '110'), "the owner gets B's presence without status 110 (it does not refer to the owner)", seenByOwner);
    },
  },
  {
    id: 'XEP0045-7.2.2-3',
    cite: {
      ...sameIn(['1.22', '1.24'], {
        section: '7.1.3',
        keyword: 'MUST',
        quote: 'If the service does not accept the new occupant\'s requested roomnick but instead assigns a new roomnick, it MUST include a status code of "210" in the presence broadcast that it sends to the new occupant.',
        anchor: 'enter-pres',
      }),
      '1.34.5': {
        section: '7.2.2',
        keyword: 'MUST',
        anchor: 'enter-pres',
        quote: 'The service MUST allow the client to enter the room, modify the nick in accordance with the lockdown policy, and include a status code of "210" in the presence broadcast that it sends to the new occupant.',
      },
    },
    requirement: 'If the service changes the requested nickname it still lets the user in, and the self-presence carries status 210.',
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner);
      // a nickname a service that folds case or applies stringprep would rewrite
      const requested = `Certify ${token(2).toUpperCase()}`;
      const b = await joinAs(t, t.accounts[1]!, room.jid, requested);
      const given = resourceOf(b.entry.answer.attrs.from as string);
      if (given === requested) t.skip(`the service kept the nickname '${requested}' as requested: no rewriting to check`);
      t.outcome(`the nickname '${requested}' became '${given ?? ''}'`);
      t.check(hasStatus(b.entry.answer, '210'), 'status 210 on the self-presence under the new nickname', b.entry.answer);
    },
  },
  {
    id: 'XEP0045-7.2.3-1',
    cite: {
      ...sameIn(['1.22', '1.24'], {
        section: '7.1.5',
        keyword: ['MUST', 'SHOULD', 'MAY'],
        quote: 'the service SHOULD allow the user to enter the room but MUST also warn the user that the room is not anonymous. This SHOULD be done by including a status code of "100" in the initial presence that the room sends to the new occupant … However, it MAY be done by sending a message of type "groupchat"',
        anchor: 'enter-nonanon',
        changed: 'v1.25 (2012): status 100 in the initial presence, a MUST',
      }),
      '1.34.5': {
        section: '7.2.3',
        keyword: 'MUST',
        anchor: 'enter-nonanon',
        quote: "If the room is non-anonymous, the service MUST send the new occupant's full JID to all occupants using extended presence information … the service MUST warn the user by including a status code of \"100\" in the initial presence that the room sends to the new occupant",
      },
    },
    requirement: "In a non-anonymous room occupants see each other's full JIDs (MUST) and the joiner is warned (MUST): by status 100 on its self-presence (SHOULD) or in a groupchat message (MAY); which one is recorded.",
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner, { config: { whois: 'anyone' } });
      const b = await joinAs(t, t.accounts[1]!, room.jid, 'b');
      const seenByOwner = await owner.expect(occupantPresence(room.jid, 'b'));
      t.must(mucUser(seenByOwner).item?.attrs.jid === b.s.jid, `the owner sees jid='${b.s.jid ?? ''}'`, seenByOwner);
      const ownerSeen = b.entry.before.find((el) => sameJid(el.attrs.from, `${room.jid}/${room.nick}`));
      t.must(ownerSeen !== undefined && mucUser(ownerSeen).item?.attrs.jid === owner.jid, `the joiner sees the owner's jid='${owner.jid ?? ''}'`, ownerSeen ?? 'no presence of the owner before the self-presence');
      if (hasStatus(b.entry.answer, '100')) return t.outcome('status 100 on the self-presence');
      // v1.34.5 names one way to warn: status 100 in the initial presence
      if (since125(t)) return void t.must(false, 'status 100 on the self-presence', b.entry.answer);
      const after = await collectUntilBarrier(t, b.s, room.jid);
      const warning = [...b.entry.before, ...after].find((el) => statusFromRoom(room.jid, '100').test(el));
      t.outcome(warning ? `status 100 in a message: ${describe(warning, 200)}` : 'no status 100 at all');
      t.must(warning !== undefined, 'a warning that the room is not anonymous: status 100 on the self-presence or in a groupchat message', b.entry.answer);
      t.should(false, 'status 100 on the self-presence rather than in a message', b.entry.answer);
    },
  },
  {
    id: 'XEP0045-7.2.4-1',
    cite: {
      '1.22': {
        section: '7.1.6',
        keyword: 'MUST',
        quote: 'If the room is semi-anonymous, the service MUST send the new occupant\'s full JID in the format shown above only to those occupants with a role of "moderator".',
        anchor: 'enter-semianon',
      },
      '1.24': {
        section: '7.1.6',
        keyword: 'MUST',
        quote: 'If the room is semi-anonymous, the service MUST send presence from the new occupant to all occupants as specified above, but MUST include the new occupant\'s full JID only in the presence notifications it sends to occupants with a role of "moderator" and not to non-moderator occupants.',
        anchor: 'enter-semianon',
      },
      '1.34.5': {
        section: '7.2.4',
        keyword: 'MUST',
        anchor: 'enter-semianon',
        quote: "If the room is semi-anonymous, the service MUST send presence from the new occupant to all occupants as specified above (…), but MUST include the new occupant's full JID only in the presence notifications it sends to occupants with a role of \"moderator\" and not to non-moderator occupants.",
      },
    },
    requirement: 'In a semi-anonymous room only moderators see the real JIDs of occupants.',
    accounts: 3,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner, { config: { whois: 'moderators' } });
      const b = await joinAs(t, t.accounts[1]!, room.jid, 'b');
      const c = await joinAs(t, t.accounts[2]!, room.jid, 'c');
      await t.setup('check that B and C are not moderators', async () => {
        const moderators = [b, c].filter((who) => mucUser(who.entry.answer).item?.attrs.role === 'moderator');
        if (moderators.length) throw new Error(`unaffiliated occupants joined as moderators (${moderators.map((m) => standing(m.entry.answer)).join(', ')})`);
      });
      for (const [nick, who] of [['b', b], ['c', c]] as const) {
        const seen = await owner.expect(occupantPresence(room.jid, nick));
        t.check(mucUser(seen).item?.attrs.jid === who.s.jid, `the owner (a moderator) sees jid='${who.s.jid ?? ''}' for '${nick}'`, seen);
      }
      const bSeenByC = c.entry.before.find((el) => sameJid(el.attrs.from, `${room.jid}/b`));
      t.check(bSeenByC !== undefined && mucUser(bSeenByC).items.every((i) => i.attrs.jid === undefined), "C (a participant) does not see B's real JID", bSeenByC ?? "no presence of B at C's entry");
      const cSeenByB = await b.s.expect(occupantPresence(room.jid, 'c'));
      t.check(mucUser(cSeenByB).items.every((i) => i.attrs.jid === undefined), "B (a participant) does not see C's real JID", cSeenByB);
    },
  },
  {
    id: 'XEP0045-7.2.5-1',
    cite: renumbered({ '1.22': '7.1.7', '1.24': '7.1.7', '1.34.5': '7.2.5' }, {
      keyword: 'MUST',
      quote: 'If the room requires a password and the user did not supply one (or the password provided is incorrect), the service MUST deny access to the room and inform the user that they are unauthorized; this is done by returning a presence stanza of type "error" specifying a <not-authorized/> error',
      anchor: 'enter-pw',
    }),
    requirement: 'A password-protected room refuses a missing or wrong password with <not-authorized/> and admits the right one.',
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const secret = t.secret(token());
      const room = await createRoom(t, owner, { config: passwordProtected(secret) });
      const joiner = await t.login(t.accounts[1]!);
      await expectRefusal(t, joiner, room.jid, 'b', ['not-authorized']);
      await expectRefusal(t, joiner, room.jid, 'b', ['not-authorized'], { password: `wrong-${secret}` });
      const { answer } = await enter(joiner, room.jid, 'b', { password: secret });
      t.check(answer.attrs.type !== 'error', 'entry with the right password', answer);
    },
  },
  {
    id: 'XEP0045-7.2.6-1',
    cite: renumbered({ '1.22': '7.1.8', '1.24': '7.1.8', '1.34.5': '7.2.6' }, {
      keyword: 'MUST',
      quote: 'If the room is members-only but the user is not on the member list, the service MUST deny access to the room and inform the user that they are not allowed to enter the room; this is done by returning a presence stanza of type "error" specifying a <registration-required/> error condition',
      anchor: 'enter-members',
    }),
    requirement: 'A members-only room refuses a non-member with <registration-required/>.',
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner, { config: { membersonly: true } });
      await expectRefusal(t, await t.login(t.accounts[1]!), room.jid, 'b', ['registration-required']);
    },
  },
  {
    id: 'XEP0045-7.2.7-1',
    cite: {
      ...sameIn(['1.22', '1.24'], {
        section: '7.1.9',
        keyword: 'MUST',
        quote: 'If the user has been banned from the room (i.e., has an affiliation of "outcast"), the service MUST deny access to the room and inform the user of the fact that he or she is banned; this is done by returning a presence stanza of type "error" specifying a <forbidden/> error condition',
        anchor: 'enter-banned',
      }),
      '1.34.5': {
        section: '7.2.7',
        keyword: 'MUST',
        anchor: 'enter-banned',
        quote: 'If the user has been banned from the room (i.e., has an affiliation of "outcast"), the service MUST deny access to the room and inform the user of the fact that they are banned; this is done by returning a presence stanza of type "error" specifying a <forbidden/> error condition',
      },
    },
    requirement: 'A banned user (affiliation outcast) trying to enter gets <forbidden/>.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const owner = await t.login(a!);
      const room = await createRoom(t, owner);
      await granted(t, `ban ${b!.jid}`, () => setAffiliation(owner, room.jid, b!.jid, 'outcast'));
      await expectRefusal(t, await t.login(b!), room.jid, 'b', ['forbidden']);
    },
  },
  {
    id: 'XEP0045-7.2.8-1',
    cite: {
      '1.22': {
        section: '7.1.10',
        keyword: ['MUST', 'SHOULD'],
        quote: 'If the room already contains another user with the nickname desired by the user seeking to enter the room …, the service MUST deny access … specifying a <conflict/> error condition … if the bare JID (<node@domain.tld>) of the present occupant matches the bare JID of the user seeking to enter the room, then the service SHOULD allow entry',
        anchor: 'enter-conflict',
      },
      ...renumbered({ '1.24': '7.1.10', '1.34.5': '7.2.8' }, {
        keyword: ['MUST', 'SHOULD'],
        quote: 'If the room already contains another user with the nickname desired by the user seeking to enter the room …, the service MUST deny access … specifying a <conflict/> error condition … if the bare JID <localpart@domain.tld> of the present occupant matches the bare JID of the user seeking to enter the room, then the service SHOULD allow entry',
        anchor: 'enter-conflict',
      }),
    },
    requirement: "Entering with a nickname another user holds gets <conflict/> (MUST); the holder's own other resource should be let in (SHOULD).",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const owner = await t.login(a!);
      const room = await createRoom(t, owner);
      await expectRefusal(t, await t.login(b!), room.jid, room.nick, ['conflict']);
      const second = await t.login(a!);
      let answer: Element | undefined;
      try {
        // the first resource's presence from the same occupant JID may come first: wait for the 110 or an error
        answer = (await enter(second, room.jid, room.nick, { status110: true })).answer;
      } catch (err) {
        if (!(err instanceof ExpectationError)) throw err;
        t.should(false, "an answer to the same bare JID's other resource (a self-presence with status 110, or an error)", err.actual);
        return;
      }
      t.outcome(answer.attrs.type === 'error' ? `the owner's second resource was refused: <${stanzaError(answer)?.condition ?? '?'}/>` : "the owner's second resource shares the nickname");
      t.should(answer.attrs.type !== 'error', "entry for the same bare JID's other resource under the same nickname", answer);
    },
  },
  {
    id: 'XEP0045-7.2.9-1',
    cite: {
      '1.22': {
        section: '7.1.11',
        keyword: ['SHOULD', 'MUST'],
        quote: 'If the room has reached its maximum number of users, the service SHOULD deny access to the room and inform the user of the restriction; this is done by returning a presence stanza of type "error" specifying a <service-unavailable/> error condition … Also, a room MUST always allow entry by a room admin or owner.',
        anchor: 'enter-maxusers',
        changed: 'v1.24 (2008) makes the entry of admins and owners a SHOULD; v1.25 (2012) a MUST again',
      },
      '1.24': {
        section: '7.1.11',
        keyword: 'SHOULD',
        quote: 'If the room has reached its maximum number of occupants, the service SHOULD deny access to the room … If the room has reached its maximum number of occupants and a room admin or owner attempts to join, the room SHOULD allow the admin or owner to join',
        anchor: 'enter-maxusers',
        changed: 'v1.25 (2012) makes the entry of admins and owners a MUST',
      },
      '1.34.5': {
        section: '7.2.9',
        keyword: ['SHOULD', 'MUST'],
        anchor: 'enter-maxusers',
        quote: 'If the room has reached its maximum number of occupants, the service SHOULD deny access to the room … If the room has reached its maximum number of occupants and a room admin or owner attempts to join, the room MUST allow the admin or owner to join',
      },
    },
    requirement: 'A full room (maxusers) refuses entry with <service-unavailable/> (SHOULD) but still admits its owners (v1.22: MUST; v1.24: SHOULD).',
    accounts: 3,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      let limit = 0;
      const room = await createRoom(t, owner, {
        config: (form) => {
          const offered = form.options('maxusers').map(Number).filter((n) => Number.isInteger(n) && n > 0);
          limit = offered.length ? Math.min(...offered) : 2;
          if (limit > 10) t.skip(`the smallest maxusers the form offers is ${limit}: filling the room would take too many sessions`);
          return { maxusers: String(limit) };
        },
      });
      t.note(`maxusers set to ${limit}`);
      for (let i = 1; i < limit; i++) await joinAs(t, t.accounts[1]!, room.jid, `b${i}`);
      const { answer: refused } = await enter(await t.login(t.accounts[2]!), room.jid, 'c');
      t.outcome(refused.attrs.type === 'error' ? `a join to the full room got <${stanzaError(refused)?.condition ?? '?'}/>` : 'a join to the full room was admitted');
      t.expectError(refused, ['service-unavailable'], 'should');
      const { answer: admitted } = await enter(await t.login(t.accounts[0]!), room.jid, 'owner2');
      // the case's strength: a MUST under v1.22, a SHOULD under v1.24
      t.check(admitted.attrs.type !== 'error', 'the owner admitted to the full room', admitted);
    },
  },
  {
    id: 'XEP0045-7.2.10-1',
    cite: renumbered({ '1.22': '7.1.12', '1.24': '7.1.12', '1.34.5': '7.2.10' }, {
      keyword: 'MUST',
      quote: 'If a user attempts to enter a room while it is "locked" (i.e., before the room creator provides an initial configuration and therefore before the room officially exists), the service MUST refuse entry and return an <item-not-found/> error to the user',
      anchor: 'enter-locked',
    }),
    requirement: 'A room that is locked (created, not yet configured) refuses others with <item-not-found/>.',
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner, { locked: true });
      await expectRefusal(t, await t.login(t.accounts[1]!), room.jid, 'b', ['item-not-found']);
    },
  },
  {
    id: 'XEP0045-7.2.12-1',
    cite: {
      ...sameIn(['1.22', '1.24'], {
        section: '7.1.14',
        keyword: 'SHOULD',
        quote: 'This SHOULD be done by including a status code of "170" in the initial presence that the room sends to the new occupant',
        anchor: 'enter-logging',
        changed: 'v1.25 (2012): "This is done by including a status code of 170", the means of the MUST warning',
      }),
      '1.34.5': {
        section: '7.2.12',
        keyword: ['SHOULD', 'MUST'],
        anchor: 'enter-logging',
        quote: 'If the user is entering a room in which the discussions are logged to a public archive (often accessible via HTTP), the service SHOULD allow the user to enter the room but MUST also warn the user that the discussions are logged. This is done by including a status code of "170" in the initial presence that the room sends to the new occupant',
      },
    },
    requirement: 'Where the room is logged (enablelogging), the self-presence on entry carries status 170 (a 170 in a message instead is recorded).',
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner, { config: { enablelogging: true } });
      const b = await joinAs(t, t.accounts[1]!, room.jid, 'b');
      if (!hasStatus(b.entry.answer, '170')) {
        const after = await collectUntilBarrier(t, b.s, room.jid);
        const elsewhere = [...b.entry.before, ...after].find((el) => statusFromRoom(room.jid, '170').test(el));
        t.outcome(elsewhere ? `status 170 in a message: ${describe(elsewhere, 200)}` : 'no status 170 at all');
      }
      t.check(hasStatus(b.entry.answer, '170'), 'status 170 on the self-presence', b.entry.answer);
    },
  },
  {
    id: 'XEP0045-7.2.13-1',
    cite: {
      ...sameIn(['1.22', '1.24'], {
        section: '7.1.15',
        keyword: ['MUST NOT', 'MUST', 'SHOULD'],
        quote: "The room MUST NOT send any discussion history before it finishes sending room presence … Discussion history messages MUST be stamped with Delayed Delivery (XEP-0203) information qualified by the 'urn:xmpp:delay' namespace … implementations SHOULD include both datetime formats … but MUST NOT be in semi-anonymous rooms",
        anchor: 'enter-history',
        changed: "v1.25 (2012) §7.2.14: the 'from' MUST be the room's JID, only urn:xmpp:delay is asked for, and history MUST come before live messages",
      }),
      '1.34.5': {
        section: '7.2.13',
        keyword: ['MUST NOT', 'MUST'],
        anchor: 'enter-history',
        quote: "The room MUST NOT send any discussion history before it finishes sending room presence … Discussion history messages MUST be stamped with Delayed Delivery (XEP-0203) information qualified by the 'urn:xmpp:delay' namespace … The 'from' attribute MUST be set to the JID of the room itself. … The service MUST send all discussion history messages before delivering the room subject and any \"live\" messages sent after the user enters the room.",
      },
    },
    requirement: "In a semi-anonymous room, history comes after the presence (MUST NOT before), each message stamped with urn:xmpp:delay (MUST), jabber:x:delay too (SHOULD), the stamp's 'from' not the sender's real JID (MUST NOT) but the room's (SHOULD); it comes before live messages (SHOULD).",
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner, { config: { whois: 'moderators' } });
      const bodies = await postHistory(t, owner, room.jid, 3);
      const joiner = await t.login(t.accounts[1]!);
      const { entry, after } = await joinAndCollect(t, joiner, room.jid, 'b');
      const early = historyIn(entry.before, bodies);
      t.must(early.length === 0, 'no history before the self-presence', early.map((el) => describe(el, 160)).join(' '));
      const history = historyIn(after, bodies);
      if (history.length === 0) t.skip('the room sent no discussion history (v1.24 §7.1.15: it MAY): no stamps to check');
      const live = after.findIndex((el) => el.name === 'message' && el.getChild('body') && !bodies.includes(el.getChildText('body') ?? '') && delays(el).length === 0);
      if (live >= 0) raisedToMust(t, after.indexOf(history[history.length - 1]!) < live, 'all history before live messages', describe(after[live]!, 160));
      for (const el of history) {
        const modern = el.getChild('delay', NS.delay);
        t.must(modern !== undefined, `a <delay xmlns='${NS.delay}'/> stamp on the history message`, el);
        // v1.34.5 only notes that some implementations include both formats
        if (!since125(t)) t.should(el.getChild('x', NS.legacyDelay) !== undefined, `a <x xmlns='${NS.legacyDelay}'/> stamp too (both formats)`, el);
        for (const d of delays(el)) {
          const ns = d.getNS() as string;
          t.must(STAMP[ns]!.test(d.attrs.stamp ?? ''), `a ${ns} stamp in its format`, el);
          t.must(d.attrs.from === undefined || !sameJid(bare(d.attrs.from), bare(owner.jid!)), `the ${ns} stamp's 'from' not the sender's real JID (semi-anonymous room)`, el);
          raisedToMust(t, sameJid(d.attrs.from, room.jid), `the ${ns} stamp's 'from' set to the room, ${room.jid}`, el);
        }
      }
      t.outcome(`${history.length} history messages, stamped with ${[...new Set(history.flatMap((el) => delays(el).map((d) => d.getNS() as string)))].join(' and ')}`);
    },
  },
  {
    id: 'XEP0045-7.2.14-1',
    cite: renumbered({ '1.22': '7.1.16', '1.24': '7.1.16', '1.34.5': '7.2.14' }, {
      keyword: 'MUST',
      quote: 'The service MUST send the smallest amount of traffic that meets any combination of the above criteria, taking into account service-level and room-level defaults.',
      anchor: 'enter-managehistory',
    }),
    requirement: "History limits are honoured: maxchars='0' sends none, maxstanzas='1' at most one message.",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const owner = await t.login(a!);
      const room = await createRoom(t, owner);
      const bodies = await postHistory(t, owner, room.jid, 3);
      const unlimited = await joinAndCollect(t, await t.login(a!), room.jid, 'reference');
      const sent = historyIn(unlimited.after, bodies).length;
      if (sent === 0) t.skip('the room sends no discussion history by default: limits cannot be observed');
      t.note(`${sent} history messages without a limit`);
      const none = await joinAndCollect(t, await t.login(b!), room.jid, 'b1', { history: { maxchars: '0' } });
      const noneCount = historyIn(none.after, bodies).length;
      t.check(noneCount === 0, "no history with maxchars='0'", `${noneCount} history messages`);
      const one = await joinAndCollect(t, await t.login(b!), room.jid, 'b2', { history: { maxstanzas: '1' } });
      const oneCount = historyIn(one.after, bodies).length;
      t.check(oneCount <= 1, "at most one history message with maxstanzas='1'", `${oneCount} history messages`);
    },
  },
  {
    id: 'XEP0045-7.2.15-1',
    cite: {
      ...sameIn(['1.22', '1.24'], {
        section: '8.1',
        keyword: 'SHOULD',
        quote: 'In addition, the room SHOULD include the last subject change in the discussion history sent when a new occupant joins the room.',
        anchor: 'subject-mod',
        changed: 'v1.25 (2012) §7.2.16: after the history the room SHALL send the current subject, an empty <subject/> (MUST) when none is set',
      }),
      '1.34.5': {
        section: '7.2.15',
        keyword: ['SHALL', 'MUST'],
        anchor: 'enter-subject',
        quote: 'After the room has optionally sent the discussion history to the new occupant, it SHALL send the current room subject. … If there is no subject set, the room MUST return an empty <subject/> element.',
      },
    },
    requirement: 'A new occupant gets the last subject change on entry (SHOULD); what it gets while no subject is set is recorded (v1.22/v1.24 set no rule on it).',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const owner = await t.login(a!);
      const room = await createRoom(t, owner);
      const first = await joinAndCollect(t, await t.login(b!), room.jid, 'b1');
      const none = first.after.find((el) => subjectMessage(room.jid).test(el));
      t.outcome(none ? `with no subject set: a subject message with ${none.getChildText('subject') ? `the subject "${none.getChildText('subject') ?? ''}"` : 'an empty <subject/>'}` : 'with no subject set: no subject message');
      const text = `subject ${token(3)}`;
      await t.setup('set a subject', () => setSubject(owner, room.jid, text));
      const second = await joinAndCollect(t, await t.login(b!), room.jid, 'b2');
      const current = [...second.entry.before, ...second.after].find((el) => el.name === 'message' && el.getChildText('subject') === text);
      t.check(current !== undefined, `the subject "${text}" sent to a new occupant on entry`, second.after.map((el) => describe(el, 120)).join(' ') || 'nothing before the barrier');
    },
  },
]);
