import { bare, type CaseContext, describe, type Element, iq, match, type Match, messageWithBody, NS, sameJid, type Session, token, x } from '../../src/authoring.js';
import { FORWARD } from '../lib/carbons.js';
import { discoInfo } from '../lib/disco.js';
import { createRoom, type Room } from '../xep-0045/room.js';

/**
 * Message Archive Management (XEP-0313 v1.1.0) as the cases use it: queries with their form and
 * RSM page, the result messages and the <fin/> that ends them, the archive of a room.
 */

export const MAM = 'urn:xmpp:mam:2';
export const MAM_EXTENDED = 'urn:xmpp:mam:2#extended';
export const RSM = 'http://jabber.org/protocol/rsm';
/** XEP-0359 stanza ids. */
export const SID = 'urn:xmpp:sid:0';

export interface QueryOptions {
  /** The archive: a room's bare JID, another account's; none for the user's own (sent without 'to'). */
  to?: string;
  with?: string;
  start?: string;
  end?: string;
  /** More form fields, as <field/> elements. */
  fields?: Element[];
  max?: number;
  after?: string;
  /** An id, or '' for the last page (an empty <before/>). */
  before?: string;
}

/** One result message of a query. */
export interface Archived {
  /** The result message as it arrived. */
  el: Element;
  /** The UID (the <result/>'s id). */
  id?: string;
  queryid?: string;
  /** The forwarded message. */
  message?: Element;
  body?: string;
  /** The <delay/>'s stamp. */
  stamp?: string;
}

/** A query's answer: its IQ, its results in the order they came, what its <fin/> says. */
export interface Answer {
  /** The queryid the query gave. */
  queryid: string;
  response: Element;
  results: Archived[];
  /** Results that came after the IQ result. */
  late: Archived[];
  fin?: Element;
  first?: string;
  last?: string;
  count?: number;
  complete: boolean;
}

/** A data form field of a query (XEP-0004 submit). */
export function field(name: string, ...values: string[]): Element {
  return x('field', { var: name }, ...values.map((v) => x('value', {}, v)));
}

export function queryStanza(queryid: string, o: QueryOptions = {}): Element {
  const filters = [o.with !== undefined && field('with', o.with), o.start !== undefined && field('start', o.start), o.end !== undefined && field('end', o.end), ...(o.fields ?? [])]
    .filter((f): f is Element => f !== false);
  const form = filters.length > 0 && x('x', { xmlns: NS.dataForms, type: 'submit' }, x('field', { var: 'FORM_TYPE', type: 'hidden' }, x('value', {}, MAM)), ...filters);
  const page = (o.max !== undefined || o.after !== undefined || o.before !== undefined) && x('set', { xmlns: RSM },
    o.max !== undefined && x('max', {}, String(o.max)),
    o.after !== undefined && x('after', {}, o.after),
    o.before !== undefined && x('before', {}, ...(o.before ? [o.before] : [])));
  return iq('set', { to: o.to }, x('query', { xmlns: MAM, queryid }, form || undefined, page || undefined));
}

/** Any result message (a message with a MAM <result/>). */
const anyResult: Match = match('a MAM result message', (el) => el.name === 'message' && el.getChild('result', MAM) !== undefined);

/** Result messages already counted as the answer to an earlier query of their session. */
const attributed = new WeakSet<Element>();

function readArchived(el: Element): Archived {
  const result = el.getChild('result', MAM);
  const fwd = result?.getChild('forwarded', FORWARD);
  const message = fwd?.getChild('message');
  return { el, id: result?.attrs.id, queryid: result?.attrs.queryid, message, body: message?.getChildText('body') ?? undefined, stamp: fwd?.getChild('delay', NS.delay)?.attrs.stamp };
}

/**
 * Sends a query (with a fresh queryid) and waits for its IQ; a ping round trip after it lets
 * results sent after the IQ arrive too (they are reported as late). A session runs one query at
 * a time: the result messages that arrived since its last one are this query's, whatever their
 * queryid says (the cases check it).
 */
export async function query(s: Session, o: QueryOptions = {}): Promise<Answer> {
  const queryid = `q-${token(4)}`;
  const response = await s.iq(queryStanza(queryid, o));
  await s.sync();
  const all = s.received(anyResult).filter((el) => !attributed.has(el)).sort((a, b) => s.arrival(a) - s.arrival(b));
  for (const el of all) attributed.add(el);
  const after = s.arrival(response);
  const fin = response.getChild('fin', MAM);
  const set = fin?.getChild('set', RSM);
  const count = set?.getChildText('count');
  return {
    queryid,
    response,
    results: all.map(readArchived),
    late: all.filter((el) => s.arrival(el) > after).map(readArchived),
    fin,
    first: set?.getChildText('first') ?? undefined,
    last: set?.getChildText('last') ?? undefined,
    count: count === null || count === undefined ? undefined : Number(count),
    complete: ['true', '1'].includes(fin?.attrs.complete as string),
  };
}

/** A query that only sets the scene: anything but a result is ERROR. */
export function setupQuery(t: CaseContext, s: Session, o: QueryOptions = {}, what = 'query the archive'): Promise<Answer> {
  return t.setup(what, async () => {
    const answer = await query(s, o);
    if (answer.response.attrs.type !== 'result') throw new Error(`the archive answered ${describe(answer.response, 300)}`);
    return answer;
  });
}

/** The last page of an archive, as large as a server is likely to give at once. */
export function lastPage(o: QueryOptions = {}): QueryOptions {
  return { ...o, max: 50, before: '' };
}

/** A message from `from` to `to`'s full JID with a fresh body (and `extra` children), once `to` received it: then both archives hold it. */
export async function deliver(t: CaseContext, from: Session, to: Session, what: string, o: { type?: string; extra?: Element[] } = {}): Promise<{ body: string; id: string; received: Element }> {
  const body = `${what} ${token(3)}`;
  const id = `m-${token(4)}`;
  from.send(x('message', { to: to.jid, type: o.type ?? 'chat', id }, x('body', {}, body), ...(o.extra ?? [])));
  const received = await t.setup(`have ${to.jid} receive "${body}"`, () => to.expect(messageWithBody(body)));
  return { body, id, received };
}

/** The results among `answer`'s whose forwarded body is one of `bodies`, in the order they came. */
export function ours(answer: Answer, bodies: readonly string[]): Archived[] {
  return answer.results.filter((r) => r.body !== undefined && bodies.includes(r.body));
}

/** The last page of an archive, which must hold the messages with these bodies: otherwise the case is ERROR. */
export function pageWith(t: CaseContext, s: Session, bodies: readonly string[], o: QueryOptions = {}): Promise<Answer> {
  const archive = o.to ?? bare(s.jid!);
  return t.setup(`find ${bodies.length} messages in the archive of ${archive}`, async () => {
    const answer = await query(s, lastPage(o));
    if (answer.response.attrs.type !== 'result') throw new Error(`the archive answered ${describe(answer.response, 300)}`);
    const missing = bodies.find((b) => !answer.results.some((r) => r.body === b));
    if (missing !== undefined) throw new Error(`"${missing}" is not on the last page of ${answer.results.length} results`);
    return answer;
  });
}

/** The messages with these bodies as the archive returns them, in its order (see pageWith). */
export async function archivedAs(t: CaseContext, s: Session, bodies: readonly string[], o: QueryOptions = {}): Promise<Archived[]> {
  return ours(await pageWith(t, s, bodies, o), bodies);
}

/** The <stanza-id/> a message carries for the archive at `by`. */
export function stanzaIdBy(el: Element, by: string): Element | undefined {
  return el.getChildren('stanza-id', SID).find((sid) => sameJid(sid.attrs.by, by));
}

/** An XEP-0082 date-time `seconds` after `stamp` (the archive's own clock: no clock of ours is compared). */
export function shifted(stamp: string, seconds: number): string {
  return new Date(Date.parse(stamp) + seconds * 1000).toISOString().replace('.000Z', 'Z');
}

/** Whether disco#info of `jid` lists `feature`. */
export async function advertises(s: Session, jid: string, feature: string): Promise<boolean> {
  return (await discoInfo(s, jid)).features.includes(feature);
}

/**
 * A fresh room owned by `owner` on the MUC service the probe found, archived: its disco#info must
 * list urn:xmpp:mam:2 (§7), otherwise the case has nothing to query (it is not applicable).
 */
export async function archivedRoom(t: CaseContext, owner: Session): Promise<Room> {
  if (!t.fact('service')) return t.skip('the server lists no MUC service (XEP-0045 §6.1)');
  const room = await createRoom(t, owner);
  if (!(await advertises(owner, room.jid, MAM))) return t.skip(`a room made here is not archived: the disco#info of ${room.jid} does not list ${MAM}`);
  return room;
}
