import { type Account, bare, type CaseContext, describe, type Element, ExpectationError, iq, match, type Match, message, NS, presence, query, sameJid, type Session, stanzaError, token, x } from '../../src/authoring.js';

/**
 * Rooms for the XEP-0045 cases: fresh names on the service the probe found, creation and
 * configuration by the owner (§10.1), joining and leaving (§7.2, §7.14), the admin IQs (§8–9)
 * and destruction (§10.9), which every created room gets as a deferred clean-up.
 */

/** A room the case created: its bare JID and the owner's nickname in it. */
export interface Room {
  jid: string;
  nick: string;
}

/** A fresh room JID on a MUC service. */
export function freshRoomOn(service: string): string {
  return `certify-${token()}@${service}`;
}

/** A fresh room JID on the MUC service the probe found. */
export function freshRoom(t: CaseContext): string {
  return freshRoomOn(t.requireFact('service'));
}

// ---- reading what the room sends -------------------------------------------------------

/** The <x xmlns='…muc#user'/> children of a stanza, the first <item/> among them and its status codes. */
export interface MucUser {
  xs: Element[];
  item?: Element;
  /** Every <item/> of every muc#user <x/>. */
  items: Element[];
  statuses: string[];
}

export function mucUser(el: Element): MucUser {
  const xs = el.getChildren('x', NS.mucUser);
  const items = xs.flatMap((e) => e.getChildren('item'));
  return {
    xs,
    item: items[0],
    items,
    statuses: xs.flatMap((e) => e.getChildren('status').map((s) => s.attrs.code as string)),
  };
}

export function hasStatus(el: Element, code: string): boolean {
  return mucUser(el).statuses.includes(code);
}

/** The role and affiliation an occupant presence announces, for findings: "owner/moderator". */
export function standing(el: Element): string {
  const item = mucUser(el).item;
  return item ? `${item.attrs.affiliation ?? '?'}/${item.attrs.role ?? '?'}` : 'no muc#user item';
}

const ROLES = ['moderator', 'participant', 'visitor', 'none'];
const AFFILIATIONS = ['owner', 'admin', 'member', 'outcast', 'none'];

/**
 * The extension every presence a room sends must carry (v1.22/v1.24 §16.3: "MUST provide
 * extended presence information about roles and affiliations in all presence stanzas"; its
 * 'jid' "MUST include the full JID"): a muc#user <x/> whose <item/> names a role and an
 * affiliation. A second muc#user <x/> is noted: v1.24 does not forbid it (later versions ask
 * for a single <x/>).
 */
export function checkOccupantPresence(t: CaseContext, el: Element): void {
  const { xs, item } = mucUser(el);
  const who = `presence from ${el.attrs.from as string}`;
  if (xs.length > 1) t.note(`${xs.length} muc#user <x/> elements in the ${who}`);
  t.check(item !== undefined && ROLES.includes(item.attrs.role) && AFFILIATIONS.includes(item.attrs.affiliation),
    `a muc#user <item/> with a valid role and affiliation in the ${who}`, el);
  const jid = item?.attrs.jid as string | undefined;
  if (jid !== undefined) t.check(jid.includes('/'), `a full JID in the 'jid' of the ${who} (§16.3)`, el);
}

/** Anything the room or one of its occupant JIDs sends. */
export function fromRoom(room: string): Match {
  return match(`a stanza from ${room} or one of its occupants`, (el) => (el.name === 'presence' || el.name === 'message') && sameJid(el.attrs.from ? bare(el.attrs.from) : undefined, room));
}

/** Presence from one occupant JID: available by default, optionally with a condition. */
export function occupantPresence(room: string, nick: string, type = 'available', where?: (el: Element) => boolean, what = ''): Match {
  return presence({ from: `${room}/${nick}`, type, where }, `<presence type=${type} from=${room}/${nick}>${what ? ` ${what}` : ''}`);
}

/** An occupant presence announcing `role` (and `affiliation`, if given). */
export function announcing(room: string, nick: string, role: string, affiliation?: string): Match {
  const item = (el: Element): Element | undefined => mucUser(el).item;
  return occupantPresence(room, nick, role === 'none' ? 'unavailable' : 'available',
    (el) => item(el)?.attrs.role === role && (affiliation === undefined || item(el)?.attrs.affiliation === affiliation),
    `with role='${role}'${affiliation ? ` affiliation='${affiliation}'` : ''}`);
}

/** An available occupant presence announcing `affiliation`, whatever the role. */
export function announcingAffiliation(room: string, nick: string, affiliation: string): Match {
  return occupantPresence(room, nick, 'available', (el) => mucUser(el).item?.attrs.affiliation === affiliation, `with affiliation='${affiliation}'`);
}

/**
 * The room's answer to a join: a presence error, or the self-presence. v1.24 §7.1.3 asks for
 * status 110 on it with a SHOULD only, so an available presence from the occupant JID asked for
 * counts too, unless `status110` (where another session of the same account may already hold
 * that occupant JID).
 */
function joinAnswer(room: string, nick: string, status110 = false): Match {
  return presence({
    fromBare: room,
    where: (el) => el.attrs.type === 'error' || (el.attrs.type === undefined && (hasStatus(el, '110') || (!status110 && sameJid(el.attrs.from, `${room}/${nick}`)))),
  }, status110 ? `self-presence (status 110) or a presence error from ${room}` : `self-presence (status 110, or from ${room}/${nick}) or a presence error from ${room}`);
}

/** A subject message (§7.2.15): groupchat with <subject/> and no <body/>. */
export function subjectMessage(room: string): Match {
  return message({
    fromBare: room,
    type: 'groupchat',
    where: (el) => el.getChild('subject') !== undefined && el.getChild('body') === undefined,
  }, `a subject message (<subject/>, no <body/>) from ${room}`);
}

/** A message from the room itself whose muc#user <x/> carries status `code` (§10.2.1). */
export function statusMessage(room: string, code: string): Match {
  return message({ from: room, where: (el) => hasStatus(el, code) }, `a message from ${room} with status ${code}`);
}

/**
 * A removal (kick 307, ban 301, membership 321, members-only 322): each witness, the removed
 * occupant first, gets an unavailable presence from its occupant JID with the status code.
 * role='none' on it is a SHOULD of v1.24 §7.2 (exiting): noted here, not judged.
 */
export async function expectRemoval(t: CaseContext, room: string, nick: string, code: string, witnesses: Session[]): Promise<void> {
  for (const s of witnesses) {
    const gone = await s.expect(occupantPresence(room, nick, 'unavailable'));
    t.check(hasStatus(gone, code), `status ${code} on the unavailable presence from ${room}/${nick} at ${s.label}`, gone);
    const role = mucUser(gone).item?.attrs.role as string | undefined;
    if (role !== 'none') t.note(`the unavailable presence from ${room}/${nick} at ${s.label} has role='${role ?? ''}', not 'none'`);
  }
}

/**
 * Takes, in order of arrival, what `within` matches, up to and including the first element
 * `last` matches; the wait fails as "expected <last>" when it never comes.
 */
export async function takeUntil(s: Session, within: Match, last: Match): Promise<Element[]> {
  const taken: Element[] = [];
  const step = match(last.describe, within.test);
  for (;;) {
    const el = await s.expect(step);
    taken.push(el);
    if (last.test(el)) return taken;
  }
}

// ---- joining and leaving (§7.2, §7.14) -------------------------------------------------

export interface JoinOptions {
  password?: string;
  /** Attributes of a <history/> element (§7.2.14). */
  history?: Record<string, string>;
  /** Take only a presence with status 110 (or an error) as the answer (see joinAnswer). */
  status110?: boolean;
}

/** The join presence (§7.2.1): available presence to room/nick with an empty muc <x/>. */
export function joinPresence(room: string, nick: string, options: JoinOptions = {}): Element {
  return x('presence', { to: `${room}/${nick}` },
    x('x', { xmlns: NS.muc },
      options.password !== undefined && x('password', {}, options.password),
      options.history && x('history', options.history)));
}

/** What a join brought: the answer (self-presence or error) and what the room sent before it. */
export interface Entry {
  answer: Element;
  before: Element[];
}

/** Sends the join presence and waits for the room's answer. */
export async function enter(s: Session, room: string, nick: string, options: JoinOptions = {}): Promise<Entry> {
  s.send(joinPresence(room, nick, options));
  const taken = await takeUntil(s, fromRoom(room), joinAnswer(room, nick, options.status110));
  return { answer: taken[taken.length - 1]!, before: taken.slice(0, -1) };
}

/** Joins as a preparation step: a refusal makes the case ERROR. */
export async function join(t: CaseContext, s: Session, room: string, nick: string, options: JoinOptions = {}): Promise<Entry> {
  return t.setup(`join ${room} as '${nick}'`, async () => {
    const entry = await enter(s, room, nick, options);
    if (entry.answer.attrs.type === 'error') throw new Error(`the room refused: ${describe(entry.answer)}`);
    return entry;
  });
}

/** Logs `account` in and joins with it: one more occupant, as a preparation step. */
export async function joinAs(t: CaseContext, account: Account, room: string, nick: string): Promise<{ s: Session; entry: Entry }> {
  const s = await t.login(account);
  return { s, entry: await join(t, s, room, nick) };
}

/** Leaves the room (§7.14) and returns the unavailable presence from the occupant JID it left. */
export async function leave(s: Session, room: string, nick: string): Promise<Element> {
  s.send(x('presence', { to: `${room}/${nick}`, type: 'unavailable' }));
  return s.expect(occupantPresence(room, nick, 'unavailable'));
}

/** A groupchat message to the room, with an id so that reflections and errors can be told. */
export function groupchat(room: string, body: string, id = `m-${token(4)}`): Element {
  return x('message', { to: room, type: 'groupchat', id }, x('body', {}, body));
}

/** Posts a groupchat message and waits for its reflection (the sender must have voice). */
export async function say(s: Session, room: string, body: string): Promise<Element> {
  s.send(groupchat(room, body));
  return s.expect(message({ fromBare: room, type: 'groupchat', where: (el) => el.getChildText('body') === body }, `the reflection of "${body}" from ${room}`));
}

/** A subject change (§8.1): groupchat with <subject/> and no <body/>. */
export function subjectChange(room: string, text: string): Element {
  return x('message', { to: room, type: 'groupchat', id: `s-${token(4)}` }, x('subject', {}, text));
}

/** Sets the subject (§8.1) and waits for the room to pass it back. */
export async function setSubject(s: Session, room: string, text: string): Promise<Element> {
  s.send(subjectChange(room, text));
  return s.expect(message({ fromBare: room, type: 'groupchat', where: (el) => el.getChildText('subject') === text && !el.getChild('body') }, `the subject "${text}" from ${room}`));
}

/**
 * A barrier that takes nothing from the room out of the inbox: a disco#info request to `to`
 * (the room, or the service), answered (result or error) only after the service handled what
 * `s` sent before it, and after whatever it sent `s` before. For t.nothingArrived. After
 * stanzas of another occupant, run that occupant's barrier first.
 */
export async function roomBarrier(s: Session, to: string): Promise<void> {
  await s.iq(iq('get', { to }, query(NS.discoInfo)));
}

/**
 * barrier() in the body of a case: a barrier that fails (no reflection, no error) leaves what
 * the case must prove unproven (a skip), not a finding against the target.
 */
export async function collectUntilBarrier(t: CaseContext, s: Session, room: string): Promise<Element[]> {
  try {
    return (await barrier(s, room)).since;
  } catch (err) {
    if (err instanceof ExpectationError) t.skip(`unproven: the barrier message to ${room} was neither reflected nor refused (${err.message})`, 'unproven');
    throw err;
  }
}

/**
 * A marker after stanzas `sender` sent to the room: a groupchat message of its own, whose copy
 * reaches `witness` only after what the room sent it while handling those stanzas. Returns, in
 * order, what `witness` got from the room before the marker; a marker that never comes leaves
 * the case unproven.
 */
export async function collectUntilMarker(t: CaseContext, sender: Session, witness: Session, room: string): Promise<Element[]> {
  const body = `marker ${token(4)}`;
  sender.send(groupchat(room, body));
  try {
    return (await takeUntil(witness, fromRoom(room), message({ fromBare: room, type: 'groupchat', where: (el) => el.getChildText('body') === body }, `the marker "${body}" from ${room}`))).slice(0, -1);
  } catch (err) {
    if (err instanceof ExpectationError) t.skip(`unproven: the marker message to ${room} did not reach ${witness.label} (${err.message})`, 'unproven');
    throw err;
  }
}

/**
 * A barrier for "nothing else arrived" (RFC 6120 §10.1 keeps one sender's stanzas in order):
 * a groupchat message after the stanzas under test, answered by its reflection to an occupant
 * or by an error to a non-occupant. Returns that answer and, in order, what the room sent before it.
 */
export async function barrier(s: Session, room: string): Promise<{ answer: Element; since: Element[] }> {
  const stanza = groupchat(room, `barrier ${token(4)}`);
  const id = stanza.attrs.id as string;
  const body = stanza.getChildText('body');
  s.send(stanza);
  const answer = message({
    fromBare: room,
    where: (el) => el.getChildText('body') === body || (el.attrs.type === 'error' && el.attrs.id === id),
  }, `the reflection of, or an error for, a barrier message to ${room}`);
  const taken = await takeUntil(s, fromRoom(room), answer);
  return { answer: taken[taken.length - 1]!, since: taken.slice(0, -1) };
}

// ---- creation and configuration (§10.1, §10.2) -----------------------------------------

/** A muc#roomconfig form as the room sent it. */
export interface ConfigForm {
  x: Element;
  /** The value of the hidden FORM_TYPE field. */
  formType?: string;
  has(name: string): boolean;
  /** The values of a field's <option/>s. */
  options(name: string): string[];
  /** The current values of a field. */
  values(name: string): string[];
}

type ConfigValue = boolean | string | string[];
/** Field values by short name ('membersonly' for muc#roomconfig_membersonly) or full var. */
export type Config = Record<string, ConfigValue>;
/** Values to set, or a function that picks them from the form (for fields that vary). */
export type ConfigRequest = Config | ((form: ConfigForm) => Config);

/** The var of a muc#roomconfig field: short names get the muc#roomconfig_ prefix. */
function configVar(name: string): string {
  return name.includes('#') ? name : `muc#roomconfig_${name}`;
}

function readForm(formX: Element): ConfigForm {
  const field = (name: string): Element | undefined => formX.getChildren('field').find((f) => f.attrs.var === configVar(name));
  return {
    x: formX,
    formType: formX.getChildren('field').find((f) => f.attrs.var === 'FORM_TYPE')?.getChildText('value') ?? undefined,
    has: (name) => field(name) !== undefined,
    options: (name) => (field(name)?.getChildren('option') ?? []).map((o) => o.getChildText('value') ?? ''),
    values: (name) => (field(name)?.getChildren('value') ?? []).map((v) => v.getText()),
  };
}

/** An owner query (§10) to the room. */
export function ownerIq(s: Session, room: string, type: 'get' | 'set', ...children: Element[]): Promise<Element> {
  return s.iq(iq(type, { to: room }, query(NS.mucOwner, {}, ...children)));
}

/** The configuration form in an owner get result, if the room sent one. */
export function formOf(response: Element): ConfigForm | undefined {
  const formX = response.getChild('query', NS.mucOwner)?.getChild('x', NS.dataForms);
  return formX ? readForm(formX) : undefined;
}

/**
 * Fills in the form the room sent: every field keeps the room's value except those asked for.
 * Asking for a field the form lacks skips the case (the service cannot be configured that way).
 */
export function fillForm(t: CaseContext, form: ConfigForm, request: ConfigRequest): Element {
  const wanted = typeof request === 'function' ? request(form) : request;
  for (const name of Object.keys(wanted)) {
    if (!form.has(name)) t.skip(`the room configuration form of this service has no ${configVar(name)} field`);
  }
  const byVar = new Map(Object.entries(wanted).map(([name, value]) => [configVar(name), value]));
  const fields = form.x.getChildren('field').filter((f) => f.attrs.var && f.attrs.type !== 'fixed').map((f) => {
    const value = byVar.get(f.attrs.var as string);
    const values = value === undefined ? f.getChildren('value').map((v) => v.getText())
      : Array.isArray(value) ? value
      : typeof value === 'boolean' ? [value ? '1' : '0'] : [value];
    return x('field', { var: f.attrs.var }, ...values.map((v) => x('value', {}, v)));
  });
  return x('x', { xmlns: NS.dataForms, type: 'submit' }, ...fields);
}

/** Password protection (§7.2.5): roomsecret, and passwordprotectedroom where the form has it. */
export function passwordProtected(secret: string): (form: ConfigForm) => Config {
  return (form) => ({ ...(form.has('passwordprotectedroom') ? { passwordprotectedroom: true } : {}), roomsecret: secret });
}

/** Configures a room (§10.1.3 or §10.2) as a preparation step: get the form, fill it, submit it. */
export async function configure(t: CaseContext, owner: Session, room: string, request: ConfigRequest): Promise<void> {
  await t.setup(`configure ${room}`, async () => {
    const response = await ownerIq(owner, room, 'get');
    if (response.attrs.type !== 'result') throw new Error(`the owner get failed: ${describe(response)}`);
    const form = formOf(response);
    if (!form) t.skip('the room sent no configuration form (an empty muc#owner query)');
    const submitted = await ownerIq(owner, room, 'set', fillForm(t, form, request));
    if (submitted.attrs.type !== 'result') throw new Error(`the configuration was refused: ${describe(submitted)}`);
  });
}

/** The empty submit form that asks for an instant room (§10.1.2). */
export function instantForm(): Element {
  return x('x', { xmlns: NS.dataForms, type: 'submit' });
}

export interface CreateOptions {
  nick?: string;
  /** Submit this configuration (a reserved room) instead of asking for an instant room. */
  config?: ConfigRequest;
  /** Leave the room locked, as created and not yet configured (§7.2.10). */
  locked?: boolean;
}

/**
 * Creates a fresh room with `owner` (§10.1) as a preparation step, and registers its destruction
 * (§10.9) as clean-up. By default it is an instant room; with `config`, a reserved room whose
 * form is submitted with those values.
 */
export async function createRoom(t: CaseContext, owner: Session, options: CreateOptions = {}): Promise<Room> {
  const room: Room = { jid: freshRoom(t), nick: options.nick ?? 'owner' };
  await t.setup(`create the room ${room.jid}`, async () => {
    const { answer } = await enter(owner, room.jid, room.nick);
    if (answer.attrs.type === 'error') throw new Error(`the service refused: ${describe(answer)}`);
    deferDestroy(t, owner, room.jid);
    if (!hasStatus(answer, '201')) throw new Error(`no status 201 on the creator's presence: ${describe(answer)}`);
    if (!options.config && !options.locked) {
      const unlocked = await ownerIq(owner, room.jid, 'set', instantForm());
      if (unlocked.attrs.type !== 'result') throw new Error(`the instant room was refused: ${describe(unlocked)}`);
    }
  });
  if (options.config) await configure(t, owner, room.jid, options.config);
  return room;
}

/** Destroys a room (§10.9), optionally naming an alternate venue and a reason; returns the IQ response. */
export function destroy(s: Session, room: string, options: { venue?: string; reason?: string } = {}): Promise<Element> {
  return ownerIq(s, room, 'set', x('destroy', { jid: options.venue }, options.reason !== undefined && x('reason', {}, options.reason)));
}

/**
 * Destroys the room when the case ends, as the owner's account even if the case closed its
 * session. A room that is already gone (item-not-found) is fine.
 */
export function deferDestroy(t: CaseContext, owner: Session, room: string): void {
  t.deferAs(owner, async (session) => {
    const response = await destroy(session, room);
    if (response.attrs.type === 'error' && stanzaError(response)?.condition !== 'item-not-found') {
      throw new Error(`the room ${room} could not be destroyed: ${describe(response)}`);
    }
  });
}

// ---- roles and affiliations (§8, §9, §10) ----------------------------------------------

/** An admin query (§8–§10) to the room. */
export function adminIq(s: Session, room: string, type: 'get' | 'set', ...items: Element[]): Promise<Element> {
  return s.iq(iq(type, { to: room }, query(NS.mucAdmin, {}, ...items)));
}

/** Changes an occupant's role by nickname (§8.2–§8.5, §9.6–§9.7). */
export function setRole(s: Session, room: string, nick: string, role: string): Promise<Element> {
  return adminIq(s, room, 'set', x('item', { nick, role }));
}

/** Changes a user's affiliation by bare JID (§9.1–§9.4, §10.3–§10.7). */
export function setAffiliation(s: Session, room: string, jid: string, affiliation: string, attrs: { nick?: string } = {}): Promise<Element> {
  return adminIq(s, room, 'set', x('item', { affiliation, jid: bare(jid), ...attrs }));
}

/** The items of an admin list result. */
export function listItems(response: Element): Element[] {
  return response.getChild('query', NS.mucAdmin)?.getChildren('item') ?? [];
}

/** Runs an admin or owner request as a preparation step: anything but a result is ERROR. */
export async function granted(t: CaseContext, what: string, request: () => Promise<Element>): Promise<void> {
  await t.setup(what, async () => {
    const response = await request();
    if (response.attrs.type !== 'result') throw new Error(`refused: ${describe(response)}`);
  });
}
