import { defineCases } from '../../src/engine/case.js';
import { sameIn } from '../../src/catalogue/citation.js';
import type { CaseContext } from '../../src/engine/context.js';
import { messageWithBody, presence } from '../../src/session/match.js';
import type { Session } from '../../src/session/session.js';
import { resourceOf, sameJid, stanzaError, token } from '../../src/session/stanza.js';
import { Element, describe, x } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';
import {
  barrier, checkOccupantPresence, createRoom, enter, fromRoom, granted, groupchat, hasStatus, join, joinAs, joinPresence, mucUser,
  occupantPresence, passwordProtected, say, setAffiliation, setSubject, standing, subjectMessage, takeUntil,
  type Entry, type JoinOptions,
} from './room.js';

/** The delay stamps of a message: XEP-0203 <delay/> and the older XEP-0091 <x/>. */
function delays(el: Element): Element[] {
  return [el.getChild('delay', NS.delay), el.getChild('x', NS.legacyDelay)].filter((d): d is Element => d !== undefined);
}

/** XEP-0082 DateTime for urn:xmpp:delay; CCYYMMDDThh:mm:ss for jabber:x:delay (XEP-0091). */
const STAMP: Record<string, RegExp> = {
  [NS.delay]: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
  [NS.legacyDelay]: /^\d{8}T\d{2}:\d{2}:\d{2}$/,
};

type Kind = 'occupant' | 'self' | 'history' | 'subject' | 'message' | 'other';

/** What one stanza of a join sequence is (§7.1): other occupants, self, history, subject, live. */
function kindOf(el: Element, room: string): Kind {
  if (el.name === 'presence' && el.attrs.type !== 'error') return hasStatus(el, '110') ? 'self' : 'occupant';
  if (el.name !== 'message' || el.attrs.type !== 'groupchat') return 'other';
  if (subjectMessage(room).test(el)) return 'subject';
  if (el.getChild('body')) return delays(el).length ? 'history' : 'message';
  return 'other';
}

/**
 * Joins and takes what the room sends: up to the subject (`after`, ending with it), then what
 * still came before a barrier (`late`), so history sent after the subject is seen too.
 */
async function joinUntilSubject(t: CaseContext, s: Session, room: string, nick: string, options: JoinOptions = {}): Promise<{ entry: Entry; after: Element[]; late: Element[] }> {
  const entry = await join(t, s, room, nick, options);
  const after = await takeUntil(s, fromRoom(room), subjectMessage(room));
  return { entry, after, late: (await barrier(s, room)).since };
}

/** The history messages (body and a delay stamp) among what a join brought. */
const historyIn = (els: Element[], room: string): Element[] => els.filter((el) => kindOf(el, room) === 'history');

/** Posts messages that become discussion history (§7.2.13), each confirmed by its reflection. */
async function postHistory(t: CaseContext, s: Session, room: string, count: number): Promise<void> {
  await t.setup('post the discussion history', async () => {
    for (let i = 1; i <= count; i++) await say(s, room, `history ${i} ${token(3)}`);
  });
}

/** Expects a join to be refused with one of `conditions`. */
async function expectRefusal(t: CaseContext, s: Session, room: string, nick: string, conditions: string[], options: JoinOptions = {}): Promise<void> {
  const { answer } = await enter(s, room, nick, options);
  t.expectError(answer, conditions);
}

/** XEP-0045 §7.1–§7.2: entering a room, and what the room sends on entry. */
export default defineCases({ spec: 'xep-0045', role: 'server', scope: 'occupant' }, [
  {
    id: 'XEP0045-7.1-1',
    cite: sameIn(['1.22', '1.24'], { section: '7.1', keyword: 'MUST', quote: '' }),
    requirement: "On entry the room sends, in order: the other occupants' presence, the self-presence, history, the subject, then live traffic.",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const owner = await t.login(a!);
      const joiner = await t.login(b!);
      const room = await createRoom(t, owner);
      await postHistory(t, owner, room.jid, 1);
      await t.setup('set a subject', () => setSubject(owner, room.jid, `subject ${token(3)}`));
      joiner.send(joinPresence(room.jid, 'joiner'));
      // live traffic: a message posted once the room has announced the new occupant
      await owner.expect(occupantPresence(room.jid, 'joiner'));
      const live = `live ${token(3)}`;
      owner.send(groupchat(room.jid, live));
      const sequence = await takeUntil(joiner, fromRoom(room.jid), messageWithBody(live, { fromBare: room.jid }));
      const kinds: string[] = [...sequence.slice(0, -1).map((el) => kindOf(el, room.jid)), 'live'];
      const order = kinds.join(', ');
      t.note(`order at the joiner: ${order}`);
      const self = kinds.indexOf('self');
      const subject = kinds.indexOf('subject');
      t.check(self > 0 && kinds.slice(0, self).every((k) => k === 'occupant'), "the owner's presence, then the self-presence, before anything else", order);
      t.check(subject > self, 'the subject after the self-presence and before the live message', order);
      t.check(kinds.lastIndexOf('history') < subject, 'history before the subject', order);
    },
  },
  {
    id: 'XEP0045-7.2.1-1',
    cite: sameIn(['1.22', '1.24'], { section: '7.2.1', keyword: 'MUST', quote: '' }),
    // was `introduced: 'the MUST of later versions; v1.24 (2008), which the levels cite, says SHOULD'`: cite the later text as NotInText.later
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
    cite: sameIn(['1.22', '1.24'], { section: '7.2.2', keyword: 'MUST', quote: '' }),
    requirement: 'Every occupant presence the room sends (joins, changes, leaves) carries exactly one muc#user <x/> whose <item/> has a role and an affiliation.',
    accounts: 3,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner);
      const seen: Element[] = [];
      const keep = async (s: Session, nick: string, type?: string): Promise<void> => {
        seen.push(await s.expect(occupantPresence(room.jid, nick, type)));
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
      for (const el of occupantPresences) checkOccupantPresence(t, el);
    },
  },
  {
    id: 'XEP0045-7.2.2-2',
    cite: sameIn(['1.22', '1.24'], { section: '7.2.2', keyword: 'MUST', quote: '' }),
    requirement: "The joiner's own presence carries status 110; the other occupants get the new occupant's presence without it.",
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner);
      const b = await joinAs(t, t.accounts[1]!, room.jid, 'b');
      t.check(sameJid(b.entry.answer.attrs.from, `${room.jid}/b`) && hasStatus(b.entry.answer, '110'), `self-presence from ${room.jid}/b with status 110`, b.entry.answer);
      const seenByOwner = await owner.expect(occupantPresence(room.jid, 'b'));
      t.check(!hasStatus(seenByOwner, '110'), "the owner gets B's presence without status 110", seenByOwner);
    },
  },
  {
    id: 'XEP0045-7.2.2-3',
    cite: sameIn(['1.22', '1.24'], { section: '7.2.2', keyword: 'MUST', quote: '' }),
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
    cite: sameIn(['1.22', '1.24'], { section: '7.2.3', keyword: 'MUST', quote: '' }),
    requirement: "In a non-anonymous room occupants see each other's full JIDs, and the joiner's self-presence carries status 100.",
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner, { config: { whois: 'anyone' } });
      const b = await joinAs(t, t.accounts[1]!, room.jid, 'b');
      t.check(hasStatus(b.entry.answer, '100'), 'status 100 on the self-presence', b.entry.answer);
      const seenByOwner = await owner.expect(occupantPresence(room.jid, 'b'));
      t.check(mucUser(seenByOwner).item?.attrs.jid === b.s.jid, `the owner sees jid='${b.s.jid ?? ''}'`, seenByOwner);
      const ownerSeen = b.entry.before.find((el) => sameJid(el.attrs.from, `${room.jid}/${room.nick}`));
      t.check(ownerSeen !== undefined && mucUser(ownerSeen).item?.attrs.jid === owner.jid, `the joiner sees the owner's jid='${owner.jid ?? ''}'`, ownerSeen ?? 'no presence of the owner before the self-presence');
    },
  },
  {
    id: 'XEP0045-7.2.4-1',
    cite: sameIn(['1.22', '1.24'], { section: '7.2.4', keyword: 'MUST', quote: '' }),
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
      t.check(bSeenByC !== undefined && mucUser(bSeenByC).item?.attrs.jid === undefined, "C (a participant) does not see B's real JID", bSeenByC ?? "no presence of B at C's entry");
      const cSeenByB = await b.s.expect(occupantPresence(room.jid, 'c'));
      t.check(mucUser(cSeenByB).item?.attrs.jid === undefined, "B (a participant) does not see C's real JID", cSeenByB);
    },
  },
  {
    id: 'XEP0045-7.2.5-1',
    cite: sameIn(['1.22', '1.24'], { section: '7.2.5', keyword: 'MUST', quote: '' }),
    requirement: 'A password-protected room refuses a missing or wrong password with <not-authorized/> and admits the right one.',
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const secret = token();
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
    cite: sameIn(['1.22', '1.24'], { section: '7.2.6', keyword: 'MUST', quote: '' }),
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
    cite: sameIn(['1.22', '1.24'], { section: '7.2.7', keyword: 'MUST', quote: '' }),
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
    cite: sameIn(['1.22', '1.24'], { section: '7.2.8', keyword: 'MUST', quote: '' }),
    requirement: "Entering with a nickname another user holds gets <conflict/> (MUST); the holder's own other resource should be let in (SHOULD).",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const owner = await t.login(a!);
      const room = await createRoom(t, owner);
      await expectRefusal(t, await t.login(b!), room.jid, room.nick, ['conflict']);
      const second = await t.login(a!);
      const { answer } = await enter(second, room.jid, room.nick);
      t.outcome(answer.attrs.type === 'error' ? `the owner's second resource was refused: <${stanzaError(answer)?.condition ?? '?'}/>` : "the owner's second resource shares the nickname");
      t.should(answer.attrs.type !== 'error', "entry for the same bare JID's other resource under the same nickname", answer);
    },
  },
  {
    id: 'XEP0045-7.2.9-1',
    cite: sameIn(['1.22', '1.24'], { section: '7.2.9', keyword: ['SHOULD', 'MUST'], quote: '' }),
    requirement: 'A full room (maxusers) refuses entry with <service-unavailable/> (SHOULD) but still admits its owners (MUST).',
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
      t.must(admitted.attrs.type !== 'error', 'the owner admitted to the full room', admitted);
    },
  },
  {
    id: 'XEP0045-7.2.10-1',
    cite: sameIn(['1.22', '1.24'], { section: '7.2.10', keyword: 'MUST', quote: '' }),
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
    cite: sameIn(['1.22', '1.24'], { section: '7.2.12', keyword: 'MUST', quote: '' }),
    requirement: 'Where the room is logged publicly (enablelogging), the self-presence on entry carries status 170.',
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner, { config: { enablelogging: true } });
      const b = await joinAs(t, t.accounts[1]!, room.jid, 'b');
      t.check(hasStatus(b.entry.answer, '170'), 'status 170 on the self-presence', b.entry.answer);
    },
  },
  {
    id: 'XEP0045-7.2.13-1',
    cite: sameIn(['1.22', '1.24'], { section: '7.2.13', keyword: 'MUST', quote: '' }),
    requirement: 'History comes after the self-presence and before the subject, each message stamped with a delay whose from is the room (urn:xmpp:delay or jabber:x:delay).',
    accounts: 2,
    async run(t) {
      const owner = await t.login(t.accounts[0]!);
      const room = await createRoom(t, owner);
      await postHistory(t, owner, room.jid, 3);
      const joiner = await t.login(t.accounts[1]!);
      const { entry, after, late } = await joinUntilSubject(t, joiner, room.jid, 'b');
      t.check(entry.before.every((el) => el.name === 'presence'), 'no message before the self-presence', entry.before.map((el) => describe(el, 120)).join(' '));
      const history = historyIn(after, room.jid);
      const lateHistory = historyIn(late, room.jid);
      t.check(lateHistory.length === 0, 'no history after the subject', lateHistory.map((el) => describe(el, 200)).join(' '));
      const undated = after.filter((el) => kindOf(el, room.jid) === 'message');
      t.check(undated.length === 0, 'a delay stamp on every message before the subject', undated.map((el) => describe(el, 200)).join(' '));
      if (history.length === 0) t.skip('the room sent no discussion history (its policy allows that): no stamps to check');
      const namespaces = new Set<string>();
      for (const el of history) {
        for (const d of delays(el)) {
          const ns = d.getNS() as string;
          namespaces.add(ns);
          t.check(sameJid(d.attrs.from, room.jid), `the ${ns} stamp's from is ${room.jid}`, el);
          t.check(STAMP[ns]!.test(d.attrs.stamp ?? ''), `a ${ns} stamp in its format`, el);
        }
      }
      t.outcome(`${history.length} history messages stamped with ${[...namespaces].join(' and ')}`);
    },
  },
  {
    id: 'XEP0045-7.2.14-1',
    cite: sameIn(['1.22', '1.24'], { section: '7.2.14', keyword: 'MUST', quote: '' }),
    requirement: "History limits are honoured: maxchars='0' sends none, maxstanzas='1' at most one message.",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const owner = await t.login(a!);
      const room = await createRoom(t, owner);
      await postHistory(t, owner, room.jid, 3);
      const unlimited = await joinUntilSubject(t, await t.login(a!), room.jid, 'reference');
      const sent = historyIn([...unlimited.after, ...unlimited.late], room.jid).length;
      if (sent === 0) t.skip('the room sends no discussion history by default: limits cannot be observed');
      t.note(`${sent} history messages without a limit`);
      const none = await joinUntilSubject(t, await t.login(b!), room.jid, 'b1', { history: { maxchars: '0' } });
      const noneCount = historyIn([...none.after, ...none.late], room.jid).length;
      t.check(noneCount === 0, "no history with maxchars='0'", `${noneCount} history messages`);
      const one = await joinUntilSubject(t, await t.login(b!), room.jid, 'b2', { history: { maxstanzas: '1' } });
      const oneCount = historyIn([...one.after, ...one.late], room.jid).length;
      t.check(oneCount <= 1, "at most one history message with maxstanzas='1'", `${oneCount} history messages`);
    },
  },
  {
    id: 'XEP0045-7.2.15-1',
    cite: sameIn(['1.22', '1.24'], { section: '7.2.15', keyword: ['SHALL', 'MUST'], quote: '' }),
    requirement: 'After history the room sends its subject as <subject/> without <body/>: empty when none is set, else the current one.',
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const owner = await t.login(a!);
      const room = await createRoom(t, owner);
      const first = await joinUntilSubject(t, await t.login(b!), room.jid, 'b1');
      const empty = first.after[first.after.length - 1]!;
      t.check(empty.getChildText('subject') === '', 'an empty <subject/> while none is set', empty);
      const text = `subject ${token(3)}`;
      await t.setup('set a subject', () => setSubject(owner, room.jid, text));
      const second = await joinUntilSubject(t, await t.login(b!), room.jid, 'b2');
      const current = second.after[second.after.length - 1]!;
      t.check(current.getChildText('subject') === text, `the subject "${text}"`, current);
    },
  },
]);
