import { bare, defineCases, ExpectationError, presence, type Session, STANZA_TRANSPORTS, type Strength } from '../../src/authoring.js';
import { available, markerFrom } from '../lib/presence.js';
import { deferUnlink, rosterItem, startOver } from '../lib/roster.js';
import { observedView, request, requestDelivered, type SubscriptionType } from './subscriptions.js';

type Direction = 'none' | 'pending' | 'subscribed';

/**
 * A relationship from the user's side: `out` is the user's subscription to the contact (To,
 * Pending Out), `in` the contact's subscription to the user (From, Pending In). The contact's
 * roster shows the mirror image, so one pair describes both sides.
 */
interface Relation { out: Direction; in: Direction }

/** The nine states of RFC 6121 App. A.1 (RFC 3921 §9.1), named as in the catalogue §C. */
const STATES: [string, Relation][] = [
  ['N', { out: 'none', in: 'none' }],
  ['N+O', { out: 'pending', in: 'none' }],
  ['N+I', { out: 'none', in: 'pending' }],
  ['N+OI', { out: 'pending', in: 'pending' }],
  ['T', { out: 'subscribed', in: 'none' }],
  ['T+I', { out: 'subscribed', in: 'pending' }],
  ['F', { out: 'none', in: 'subscribed' }],
  ['F+O', { out: 'pending', in: 'subscribed' }],
  ['B', { out: 'subscribed', in: 'subscribed' }],
];

/**
 * The user's outbound tables and the contact's inbound ones taken together (both accounts are on
 * the server under test): each stanza acts on one direction, and is passed on to the contact and
 * changes it only from the listed states. Every cell of both tables follows from these four lines.
 */
const TRANSITIONS: Record<SubscriptionType, { dir: keyof Relation; from: Direction[]; to: Direction }> = {
  subscribe: { dir: 'out', from: ['none'], to: 'pending' },
  unsubscribe: { dir: 'out', from: ['pending', 'subscribed'], to: 'none' },
  subscribed: { dir: 'in', from: ['pending'], to: 'subscribed' },
  unsubscribed: { dir: 'in', from: ['pending', 'subscribed'], to: 'none' },
};

/** Whether a stanza of `type` from the user in state `r` is passed on and changes the state. */
function changes(r: Relation, type: SubscriptionType): boolean {
  const rule = TRANSITIONS[type];
  return rule.from.includes(r[rule.dir]);
}

/**
 * How strongly the texts bind one cell's "passed on or not". A stanza the tables pass on is routed
 * (MUST) and delivered (MUST) in both texts. One they stop is stopped at the keyword of the table
 * that stops it:
 * - subscribe and unsubscribe are always routed; the contact's server SHOULD NOT deliver them
 *   when nothing changes (RFC 6121 A.3.1, A.3.2 "S.N."; RFC 3921 §9.3 "SHOULD NOT deliver");
 * - unsubscribed that cancels nothing: the user's server SHOULD NOT route it (A.2.4 "S.N.", §9.2);
 * - subscribed that approves nothing: RFC 6121 A.2.3 "M.N." route; RFC 3921 §9.2 "SHOULD NOT route",
 *   and the contact's server "MUST NOT deliver" it when it has no pending request (§9.3), SHOULD
 *   NOT when it is already subscribed.
 */
function deliveryStrength(baseline: string, r: Relation, type: SubscriptionType): Strength {
  if (changes(r, type)) return 'must';
  if (type !== 'subscribed') return 'should';
  return baseline === '6120' || r.in === 'none' ? 'must' : 'should';
}

/** A roster view: "both", "to", "none+ask", … for one side of the relation. */
function view(out: Direction, inbound: Direction): string {
  const sub = out === 'subscribed' ? (inbound === 'subscribed' ? 'both' : 'to') : inbound === 'subscribed' ? 'from' : 'none';
  return out === 'pending' ? `${sub}+ask` : sub;
}

/** Both sides as their roster gets show them: "user none+ask / contact none". */
async function observe(a: Session, b: Session): Promise<string> {
  const [ua, ub] = await Promise.all([rosterItem(a, b.jid!), rosterItem(b, a.jid!)]);
  return `user ${observedView(ua)} / contact ${observedView(ub)}`;
}

function expectedViews(r: Relation): string {
  return `user ${view(r.out, r.in)} / contact ${view(r.in, r.out)}`;
}

/**
 * How two views differ: not at all, only in the 'ask' flag, or in a subscription state. A missing
 * or extra 'ask' is a SHOULD under RFC 6121 ("A server SHOULD include the 'ask' attribute", §2.1.2.2)
 * and a MUST under RFC 3921, whose pushes (MUST) denote Pending Out by ask='subscribe' (§8.2 step 4).
 */
function difference(observed: string, expected: string): 'none' | 'ask' | 'state' {
  if (observed === expected) return 'none';
  return observed.replace(/\+ask/g, '') === expected.replace(/\+ask/g, '') ? 'ask' : 'state';
}

/** Builds a relation from None with completed subscriptions first, then the pending requests. */
async function build(a: Session, b: Session, r: Relation): Promise<void> {
  const approve = async (from: Session, to: Session): Promise<void> => {
    await requestDelivered(from, to);
    to.send(request('subscribed', from.jid!));
    await from.expect(presence({ type: 'subscribed', fromBare: bare(to.jid!) }));
  };
  if (r.out === 'subscribed') await approve(a, b);
  if (r.in === 'subscribed') await approve(b, a);
  if (r.out === 'pending') await requestDelivered(a, b);
  if (r.in === 'pending') await requestDelivered(b, a);
}

/** RFC 6121 App. A (RFC 3921 §9): the subscription state tables. */
export default defineCases({ spec: 'xmpp-im', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'RFC6121-A-1',
    cite: {
      '3920': {
        section: '9.2',
        keyword: ['SHOULD NOT', 'MUST NOT', 'MUST'],
        quote: 'The user\'s server SHOULD NOT route a presence stanza of type "subscribed" or "unsubscribed" … if the stanza does not result in a subscription state change …, and MUST NOT make a state change. If the stanza results in a subscription state change, the user\'s server MUST route the stanza … and MUST make the appropriate state change.',
      },
      '6120': {
        section: '8.5.2.1.2',
        keyword: 'MUST',
        quote: 'For a presence stanza of type "subscribe", "subscribed", "unsubscribe", or "unsubscribed", the server MUST adhere to the rules defined under Section 3 and summarized under Appendix A.',
      },
    },
    requirement: "Subscription stanzas move both sides between the nine states, and are passed on or not, as the state tables say; each cell is judged at its table's keyword (a passed-on stanza and a state change MUST, a stanza the tables stop MUST NOT or SHOULD NOT, a wrong ask flag SHOULD under RFC 6121).",
    // it walks all 36 cells of the state tables: longer than one ordinary case
    timeoutMs: 90_000,
    takesSeconds: 4,
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const sa = await available(t, a!);
      const sb = await available(t, b!);
      deferUnlink(t, sa, sb);
      const deviations: Record<Strength, { expected: string; actual: string }[]> = { must: [], should: [], may: [] };
      const unreached = new Map<string, string>();
      /** The state both rosters were last seen in, when it is still usable as a start. */
      let standing: string | undefined;
      let driven = 0;
      for (const [name, start] of STATES) {
        // cells that leave the state as it is come first, so one build serves all of them
        const types = (Object.keys(TRANSITIONS) as SubscriptionType[])
          .sort((x, y) => Number(changes(start, x)) - Number(changes(start, y)));
        for (const type of types) {
          const cell = `${name} ${type}`;
          sa.note(`state table cell ${cell}`);
          if (standing !== name) {
            await startOver(t, sa, sb);
            try {
              await build(sa, sb, start);
            } catch (err) {
              if (!(err instanceof ExpectationError)) throw err;
              unreached.set(name, `${err.expected}; ${err.actual}`);
              break;
            }
            const before = await observe(sa, sb);
            if (before !== expectedViews(start)) {
              unreached.set(name, `built as ${before}, not ${expectedViews(start)}`);
              break;
            }
          }
          // RFC 6121 §3.3.3 has the contact's server that never put the user in its roster (None + Pending In) "simply
          // remove any record" of the request, where Table 7 (A.3.2) says deliver: either is the text's
          const eitherWay = t.baseline === '6120' && type === 'unsubscribe' && start.out === 'pending' && start.in === 'none'
            && (await rosterItem(sb, a!.jid)) === undefined;
          sa.clearInbox();
          sb.clearInbox();
          const passes = changes(start, type);
          const rule = TRANSITIONS[type];
          const next = passes ? { ...start, [rule.dir]: rule.to } : start;
          sa.send(request(type, b!.jid));
          driven++;
          // one sender's stanzas in order: by the marker, the stanza was passed on or never will be
          await markerFrom(t, sa, sb);
          const passed = sb.received(presence({ type, fromBare: a!.jid })).length > 0;
          const after = await observe(sa, sb);
          standing = after === expectedViews(start) ? name : undefined;
          if (eitherWay) {
            t.note(`${cell}: ${passed ? 'passed on' : 'not passed on'} to a contact with no roster item for the user (RFC 6121 A.3.2 says deliver, §3.3.3 only remove the record)`);
          } else if (passed !== passes) {
            deviations[deliveryStrength(t.baseline, start, type)].push({ expected: `${cell}: ${passes ? 'passed on' : 'not passed on'}`, actual: passed ? 'passed on' : 'not passed on' });
          }
          const diff = difference(after, expectedViews(next));
          if (diff !== 'none') deviations[diff === 'ask' && t.baseline === '6120' ? 'should' : 'must'].push({ expected: `${cell}: ${expectedViews(next)}`, actual: after });
          if (type === 'subscribed' && !passes && (await rosterItem(sa, b!.jid))?.attrs.approved === 'true') {
            // a pre-approval (RFC 6121 §3.4) changes later cells: start the next one afresh
            t.note(`${cell}: recorded as a pre-approval`);
            standing = undefined;
          }
        }
      }
      t.note(`${driven} of ${STATES.length * 4} cells driven (N=None, O=Pending Out, I=Pending In, T=To, F=From, B=Both); ${deviations.must.length} deviations where the tables say MUST or MUST NOT, ${deviations.should.length} where they say SHOULD NOT or (RFC 6121) only the ask flag differs; the cells of one state run one after another from one build, so a deviation can come from something an earlier cell left that roster gets do not show`);
      for (const [name, why] of unreached) t.note(`state ${name} could not be reached by requests and approvals, so its cells were not driven: ${why}`);
      for (const d of deviations.should) t.should(false, d.expected, d.actual);
      t.must(deviations.must.length === 0, 'every cell the tables bind with MUST or MUST NOT as they say',
        deviations.must.map((d) => `${d.expected}, got ${d.actual}`).join('; '));
      if (unreached.size) {
        await t.setup(`reach the states ${[...unreached.keys()].join(', ')}`, () => Promise.reject(new Error('see the notes')));
      }
    },
  },
]);
