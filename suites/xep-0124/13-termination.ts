import { bodyTag, BoshTransport, defineCases, presence, qualifiedStanza, token, x } from '../../src/authoring.js';
import { RawBosh } from '../lib/bosh.js';
import { subscribe } from '../lib/roster.js';

/** XEP-0124 v1.6 §13: ending a session. */
export default defineCases({ spec: 'xep-0124', role: 'server' }, [
  {
    id: 'XEP0124-13-1',
    cite: {
      '1.6': {
        section: '13', anchor: 'terminate', keyword: ['MUST', 'SHOULD'],
        // v1.6 writes "server" as the entity &server; of its own DTD, which the quote check does not expand
        quote: 'The termination request MAY include one or more stanzas that the connection manager MUST forward to the … to ensure graceful logoff. … The connection manager SHOULD return an HTTP 200 OK response with an empty <body/> element.',
      },
      '1.11.2': {
        section: '13',
        anchor: 'terminate',
        keyword: ['MUST', 'SHOULD'],
        quote: 'The termination request MAY include one or more payloads that the connection manager MUST forward to the server to ensure graceful logoff. … The connection manager SHOULD respond to this request with an HTTP 200 OK containing an empty <body/> element.',
      },
    },
    requirement: "A stanza in a type='terminate' request (an unavailable presence with a status of our own) is passed on, and the request is answered with an empty <body/>.",
    accounts: 2,
    async run(t) {
      const [a, b] = t.accounts;
      const watcher = await t.login(b!, { transport: 'tcp', roster: true, presence: true });
      const leaving = await t.login(a!, { transport: 'bosh', roster: true, presence: true });
      // once subscribed, the watcher is told of the BOSH resource's presence (RFC 6121 §3.1.5)
      await subscribe(t, watcher, leaving);
      await t.setup('see the BOSH resource online', () => watcher.expect(presence({ from: leaving.jid })));
      const transport = leaving.transportAs(BoshTransport);
      // a status of our own: an unavailable presence the server makes up when the session ends has none
      const status = `leaving ${token(4)}`;
      const terminate = bodyTag({ rid: transport.takeRid(), sid: transport.sessionId, type: 'terminate' }, qualifiedStanza(x('presence', { type: 'unavailable' }, x('status', {}, status))));
      t.transcript.record('A1', 'sent', terminate);
      // a manager that drops the connection instead of answering has not answered: that is
      // for the check below to judge, not an error of the run
      const answer = await transport.http.post(terminate, 10_000, t.signal).catch((err: Error) => err);
      const answered = answer instanceof Error ? `no HTTP answer (${answer.message})` : `HTTP ${answer.status} ${answer.body}`;
      t.transcript.record('A1', answer instanceof Error ? 'note' : 'received', answered);
      // the session is over at the manager: the clean-up must log in anew to reach the account
      leaving.destroy('the case ended the BOSH session with its own terminate request');
      await watcher.expect(presence({ from: leaving.jid, type: 'unavailable', where: (el) => el.getChildText('status') === status }, `the unavailable presence with status '${status}' from ${leaving.jid}`));
      t.should(!(answer instanceof Error) && answer.status === 200 && !/<body[^>]*>\s*<(?!\/body)/.test(answer.body), 'an empty <body/> in answer to the terminate request', answered);
      // a new HTTP connection: the manager may close the old ones with the session
      const late = new RawBosh(t);
      late.sid = transport.sessionId;
      late.rid = transport.takeRid();
      const after = await late.next();
      // §17.2 lists an unknown 'sid' under item-not-found, with no keyword: recorded, not judged
      t.outcome(`a later request with the old sid: HTTP ${after.http.status}${after.attrs.type ? ` type='${after.attrs.type}'` : ''}${after.attrs.condition ? ` condition='${after.attrs.condition}'` : ''}`);
    },
  },
]);
