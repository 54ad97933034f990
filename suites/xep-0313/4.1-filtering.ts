import { bare, type CaseContext, defineCases, describe, type Element, iq, NS, sameJid, type Session, stanzaError, token, x } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import xep0313 from '../requirements/xep-0313.js';
import { advertises, archivedAs, deliver, field, lastPage, MAM, MAM_EXTENDED, ours, query, setupQuery, shifted } from './archive.js';

/** The query form the archive offers (§4.1.5), as a setup step. */
function queryForm(t: CaseContext, s: Session): Promise<Element> {
  return t.setup('ask for the query form', async () => {
    const response = await s.iq(iq('get', {}, x('query', { xmlns: MAM })));
    const form = response.getChild('query', MAM)?.getChild('x', NS.dataForms);
    if (response.attrs.type !== 'result' || !form) throw new Error(`no query form: ${describe(response, 300)}`);
    return form;
  });
}

/** Whether the forwarded message of a result is to or from `jid` (bare or any of its resources). */
function involves(message: Element | undefined, jid: string): boolean {
  return [message?.attrs.from, message?.attrs.to].some((j) => j !== undefined && sameJid(bare(j as string), jid));
}

/** XEP-0313 v1.1.0 §4.1: filtering results. */
export default defineCases({ spec: 'xep-0313', role: 'server' }, [
  {
    id: 'XEP0313-4.1-1',
    cite: citationOf(xep0313, 'XEP0313-4.1-1'),
    requirement: 'The query form the archive returns marks no field <required/>.',
    accounts: 1,
    async run(t) {
      const form = await queryForm(t, await t.login(t.accounts[0]!));
      const required = form.getChildren('field').filter((f) => f.getChild('required') !== undefined).map((f) => f.attrs.var as string);
      t.check(required.length === 0, 'no field marked <required/> in the query form', `required: ${required.join(', ')}`);
    },
  },
  {
    id: 'XEP0313-4.1.1-1',
    cite: citationOf(xep0313, 'XEP0313-4.1.1-1'),
    requirement: "A query with 'with' set to a bare JID returns only messages to or from that JID, including those to or from its full JIDs.",
    accounts: 3,
    async run(t) {
      const [a, c, d] = [await t.login(t.accounts[0]!), await t.login(t.accounts[1]!), await t.login(t.accounts[2]!)];
      const withC = [(await deliver(t, a, c, 'to C')).body, (await deliver(t, c, a, 'from C')).body];
      const withD = (await deliver(t, a, d, 'to D')).body;
      const contact = bare(c.jid!);
      const answer = await setupQuery(t, a, lastPage({ with: contact }), `query the archive with=${contact}`);
      const strangers = answer.results.filter((r) => !involves(r.message, contact));
      t.must(strangers.length === 0, `only messages to or from ${contact} with with='${contact}'`, strangers[0]?.el ?? '');
      t.must(!answer.results.some((r) => r.body === withD), `not the message to ${bare(d.jid!)}`, 'it was among the results');
      const found = ours(answer, withC).map((r) => r.body);
      t.should(withC.every((b) => found.includes(b)), `the messages to and from ${c.jid!} (a full JID) for the bare '${contact}'`, `found: ${found.join(', ') || 'neither'}`);
    },
  },
  {
    id: 'XEP0313-4.1.1-2',
    cite: citationOf(xep0313, 'XEP0313-4.1.1-2'),
    requirement: "A query without 'with' returns the messages with every correspondent in its timespan.",
    accounts: 3,
    async run(t) {
      const [a, c, d] = [await t.login(t.accounts[0]!), await t.login(t.accounts[1]!), await t.login(t.accounts[2]!)];
      const bodies = [(await deliver(t, a, c, 'to C')).body, (await deliver(t, d, a, 'from D')).body];
      const [first] = await archivedAs(t, a, bodies.slice(0, 1));
      if (!first!.stamp) return t.skip('the archive gives no <delay/> stamp to start a timespan from', 'unproven');
      const answer = await setupQuery(t, a, { start: first!.stamp, max: 50 }, `query the archive from ${first!.stamp}`);
      const found = ours(answer, bodies).map((r) => r.body);
      t.check(bodies.every((b) => found.includes(b)), 'the messages with C and with D, without a with filter', `found: ${found.join(', ') || 'neither'}`);
    },
  },
  {
    id: 'XEP0313-4.1.2-1',
    cite: citationOf(xep0313, 'XEP0313-4.1.2-1'),
    requirement: "'start' leaves out messages before it and 'end' messages after it.",
    accounts: 2,
    takesSeconds: 3,
    async run(t) {
      const [a, c] = [await t.login(t.accounts[0]!), await t.login(t.accounts[1]!)];
      const early = (await deliver(t, c, a, 'early')).body;
      // stamps may be whole seconds: two seconds apart, the two messages fall on either side of both bounds
      await new Promise((resolve) => setTimeout(resolve, 2100));
      const late = (await deliver(t, c, a, 'late')).body;
      const found = await archivedAs(t, a, [early, late]);
      const [first, second] = [found.find((r) => r.body === early), found.find((r) => r.body === late)];
      if (!first!.stamp || !second!.stamp) return t.skip('the archive gives no <delay/> stamps to bound a timespan with', 'unproven');
      const contact = bare(c.jid!);
      const from = await setupQuery(t, a, { with: contact, start: second!.stamp, max: 50 }, `query from ${second!.stamp}`);
      t.check(!from.results.some((r) => r.body === early) && ours(from, [late]).length === 1, `with start='${second!.stamp}': "${late}" and not "${early}"`, `got: ${ours(from, [early, late]).map((r) => r.body).join(', ') || 'neither'}`);
      const end = shifted(first!.stamp, 1);
      const until = await setupQuery(t, a, { with: contact, end, max: 50 }, `query until ${end}`);
      t.check(!until.results.some((r) => r.body === late) && ours(until, [early]).length === 1, `with end='${end}': "${early}" and not "${late}"`, `got: ${ours(until, [early, late]).map((r) => r.body).join(', ') || 'neither'}`);
    },
  },
  {
    id: 'XEP0313-4.1.3-1',
    cite: citationOf(xep0313, 'XEP0313-4.1.3-1'),
    requirement: 'A server that advertises urn:xmpp:mam:2#extended answers a query naming a UID it does not hold in after-id, before-id or ids with <item-not-found/>.',
    accounts: 1,
    async run(t) {
      const a = await t.login(t.accounts[0]!);
      if (!(await advertises(a, bare(a.jid!), MAM_EXTENDED))) return t.skip(`the archive does not advertise ${MAM_EXTENDED}: the id fields are not required`);
      for (const name of ['after-id', 'before-id', 'ids']) {
        const uid = `certify-none-${token(4)}`;
        const answer = await query(a, { fields: [field(name, uid)] });
        t.check(stanzaError(answer.response)?.condition === 'item-not-found', `<item-not-found/> for ${name}='${uid}', a UID the archive does not hold`, answer.response);
        t.expectError(answer.response, ['item-not-found']);
      }
    },
  },
  {
    id: 'XEP0313-4.1.5-1',
    cite: citationOf(xep0313, 'XEP0313-4.1.5-1'),
    requirement: 'A query form request returns a urn:xmpp:mam:2 form with the fields with (jid-single), start and end (text-single).',
    accounts: 1,
    async run(t) {
      const form = await queryForm(t, await t.login(t.accounts[0]!));
      const fields = new Map(form.getChildren('field').map((f) => [f.attrs.var as string, f]));
      t.check(fields.get('FORM_TYPE')?.getChildText('value') === MAM, `FORM_TYPE '${MAM}'`, form);
      for (const [name, type] of [['with', 'jid-single'], ['start', 'text-single'], ['end', 'text-single']] as const) {
        const f = fields.get(name);
        t.check(f !== undefined && f.attrs.type === type, `the field '${name}' of type ${type}`, f ?? `no field '${name}'`);
      }
    },
  },
  {
    id: 'XEP0313-4.1.5-2',
    cite: citationOf(xep0313, 'XEP0313-4.1.5-2'),
    requirement: 'A query with a field the server does not know gets <feature-not-implemented/>.',
    accounts: 1,
    async run(t) {
      const a = await t.login(t.accounts[0]!);
      const unknown = `{urn:xmpp-certify:0}no-such-field-${token(3)}`;
      const answer = await query(a, { fields: [field(unknown, 'anything')] });
      const error = stanzaError(answer.response);
      t.check(error?.condition === 'feature-not-implemented', `<feature-not-implemented/> for the field '${unknown}', which the server cannot know`, error ? `an error <${error.condition ?? '?'}/>` : answer.response);
      t.expectError(answer.response, ['feature-not-implemented']);
    },
  },
]);
