import { defineCases, describe, token } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import xep0363 from '../requirements/xep-0363.js';
import { allowedHeader, lastSegment, slotOf, uriProblem } from './slot.js';
import { freshName, http, said, serviceOf, slotFor, slotRequest } from './upload.js';

/** Failures of the TLS layer itself, as Node names them: a certificate not trusted, a handshake refused. */
const TLS_FAILURE = /CERT|SSL|TLS|EPROTO|ERR_SSL|SELF_SIGNED|UNABLE_TO|HOSTNAME|ALTNAME/;

/** XEP-0363 §4: the slot. */
export default defineCases({ spec: 'xep-0363', role: 'server' }, [
  {
    id: 'XEP0363-4-2',
    cite: citationOf(xep0363, 'XEP0363-4-2'),
    requirement: 'The PUT and GET URLs of a slot are https: URLs whose host completes a TLS handshake the run trusts.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const slot = await slotFor(t, s, freshName('txt'), 64, 'text/plain');
      for (const [what, url] of [['PUT', slot.putUrl], ['GET', slot.getUrl]] as const) {
        t.check(/^https:/i.test(url), `an https: ${what} URL`, url);
      }
      // any HTTP answer over a trusted handshake will do: the file is not there yet
      for (const origin of new Set([new URL(slot.putUrl).origin, new URL(slot.getUrl).origin])) {
        const answer = await http(t, { method: 'HEAD', url: `${origin}/` });
        if (answer.reply) continue;
        const tls = TLS_FAILURE.test(answer.failure.code ?? '') || TLS_FAILURE.test(answer.failure.message);
        if (!tls) return t.skip(`unproven: ${origin} gave no HTTP answer, for a reason other than TLS (${answer.failure.message})`, 'unproven');
        t.check(false, `a TLS handshake with ${origin} that the run trusts (--ca)`, said(answer));
      }
    },
  },
  {
    id: 'XEP0363-4-3',
    cite: citationOf(xep0363, 'XEP0363-4-3'),
    requirement: 'The PUT and GET URLs are URIs by RFC 3986: a file name with non-ASCII characters and a space appears percent-encoded.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const name = `certify ä€ ${token(3)}.txt`;
      const response = await s.iq(slotRequest(serviceOf(t), name, 64, 'text/plain'));
      const slot = slotOf(response);
      if (!slot) return t.skip(`no slot for the file name '${name}' to judge: ${describe(response, 300)}`);
      for (const [what, url] of [['PUT', slot.putUrl], ['GET', slot.getUrl]] as const) {
        const problem = uriProblem(url);
        t.check(problem === undefined, `the ${what} URL for '${name}' a URI by RFC 3986 (non-ASCII characters percent-encoded)`, `${url}: ${problem}`);
      }
    },
  },
  {
    id: 'XEP0363-4-4',
    cite: citationOf(xep0363, 'XEP0363-4-4'),
    requirement: 'The GET URL ends in the file name asked for, or at least keeps its file ending.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const name = freshName('txt');
      const slot = await slotFor(t, s, name, 64, 'text/plain');
      const last = lastSegment(slot.getUrl);
      if (last !== name) t.note(`the GET URL ends in '${last}': the file ending .txt ${last.endsWith('.txt') ? 'is kept' : 'is lost'}`);
      t.check(last === name, `the GET URL ending in the file name ${name}`, slot.getUrl);
    },
  },
  {
    id: 'XEP0363-4-5',
    cite: citationOf(xep0363, 'XEP0363-4-5'),
    requirement: "Every <header/> of a slot's <put/> has a name attribute and a value.",
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const slot = await slotFor(t, s, freshName('txt'), 64, 'text/plain');
      if (slot.headers.length === 0) return t.skip('the slot names no <header/> for the PUT');
      for (const h of slot.headers) {
        t.check(Boolean(h.name) && h.value.trim() !== '', '<header/> with a name attribute and a value', `<header${h.name === undefined ? '' : ` name='${h.name}'`}>${h.value}</header>`);
        if (!allowedHeader(h.name!)) t.note(`the slot names the header ${h.name}, which §4 does not allow: a client ignores it`);
      }
      t.outcome(`headers named: ${slot.headers.map((h) => h.name).join(', ')}`);
    },
  },
]);
