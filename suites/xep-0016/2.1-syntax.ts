import { bare, defineCases, STANZA_TRANSPORTS, x } from '../../src/authoring.js';
import { Privacy, everyone, freshListName, getList, privacyIq } from '../lib/privacy.js';
import { leaked, messageArrives, messageRound } from '../lib/traffic.js';

/** XEP-0016 §2.1: syntax and semantics of lists and items. */
export default defineCases({ spec: 'xep-0016', role: 'server', transports: STANZA_TRANSPORTS }, [
  {
    id: 'XEP0016-2.1-1',
    cite: {
      section: '2.1',
      keyword: 'MUST',
      quote: "Within the 'jabber:iq:privacy' namespace, the <query/> child of an IQ stanza of type \"set\" MUST NOT include more than one child element (…); if a sending entity violates this rule, the receiving entity MUST return a <bad-request/> stanza error.",
      anchor: 'protocol-syntax',
    },
    requirement: 'A set carries one child (active, default or list); a set with more gives <bad-request/>.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const p = await Privacy.of(t, s);
      // an existing list, so the only thing wrong with the request is its two children
      const name = await p.create([everyone('allow', 1)]);
      const response = await s.iq(privacyIq('set', x('active', { name }), x('default', { name })));
      t.expectError(response, ['bad-request']);
    },
  },
  {
    id: 'XEP0016-2.1-2',
    cite: {
      section: '2.1',
      keyword: 'MUST',
      quote: '(If a client attempts to create or update a list with non-unique order values, the server MUST return to the client a <bad-request/> stanza error.)',
      anchor: 'protocol-syntax',
    },
    requirement: "The 'order' values of a list are unique: a list with two items at the same order gives <bad-request/>.",
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const p = await Privacy.of(t, s);
      const name = freshListName();
      const response = await p.setList(s, name, [everyone('deny', 1, 'message'), everyone('allow', 1)]);
      t.expectError(response, ['bad-request']);
      const after = await getList(s, name);
      if (after.ok) t.note(`the refused list was stored anyway: ${after.response.toString().slice(0, 300)}`);
    },
  },
  {
    id: 'XEP0016-2.1-3',
    cite: {
      absent: "v1.6 as published (2007-02-15) has no such rule: the footnote \"An implementation MUST NOT block communications from one of a user's resources to another …\" came with an edit of 2007-03-01 that kept the number (published in v1.7, 2017); RFC 3921 §10 has none either",
    },
    requirement: "No list blocks traffic between the user's own resources, even a list that denies everything: messages pass both ways.",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const a1 = await t.login(a!, { presence: true });
      const a2 = await t.login(a!, { presence: true });
      const other = await t.login(b!);
      const p = await Privacy.of(t, a1);
      p.track(a2);
      await p.activate(await p.create([everyone('deny', 1)]));
      // B's message is the control: the deny-all list must be in force for the case to mean anything
      const round = await messageRound(a1, [other], [a2]);
      t.check(round.missing.length === 0, `a message from ${a2.jid} reaches ${a1.jid}, whose active list denies everything`, 'it was not delivered');
      await t.setup('see the deny-all list in force', async () => {
        const through = leaked(a1, round);
        if (through.length) throw new Error(`${bare(other.jid!)}'s message reached ${a1.jid} through a list that denies everything`);
      });
      const back = await messageArrives(a1, a2);
      t.check(back !== undefined, `a message from ${a1.jid} (whose active list denies everything) reaches ${a2.jid}`, 'it was not delivered');
    },
  },
]);
