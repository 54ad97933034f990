import { describe, expect, it } from 'vitest';
import type { ActionDriver } from '../../src/engine/action-driver.js';
import { defineCases, type Suite } from '../../src/engine/case.js';
import { presence } from '../../src/session/match.js';
import { x } from '../../src/xml/element.js';
import { NS } from '../../src/xml/namespaces.js';
import { capsElement, personaWith } from '../../suites/lib/caps.js';
import { UNKNOWN_NS } from '../../suites/lib/client.js';
import { xmppCoreClient } from '../../suites/rfc6120/client/index.js';
import { xmppImClient } from '../../suites/rfc6121/client/index.js';
import { xep0115Client } from '../../suites/xep-0115/client/index.js';
import { xep0191Client } from '../../suites/xep-0191/client/index.js';
import { casesById, runClientLevel, scriptedClient } from '../support/harness.js';
import { testCite } from '../support/reports.js';

/** The suites cut down to some of their cases. */
function only(suite: Suite, ...ids: string[]): Suite {
  return { ...suite, cases: suite.cases.filter((c) => ids.includes(c.id)) };
}

const persona = personaWith([]);
const suites = [
  only(xmppCoreClient, 'RFC6120-4.7.2-1', 'RFC6120-6.3.3-1', 'RFC6120-8.2.3-5', 'RFC6120-8.2.3-6'),
  only(xep0115Client, 'XEP0115-4-1', 'XEP0115-5.1-1'),
];

describe('certifying a client as its server (listen mode)', () => {
  it('passes a client that answers what it must and announces caps that match its disco#info', async () => {
    const { report } = await runClientLevel({
      level: 'core-client',
      suites,
      client: async (port) => {
        const s = await scriptedClient(port, x('presence', {}, capsElement(persona)));
        s.persona = persona;
        return s;
      },
    });
    const cases = casesById(report);
    for (const id of ['RFC6120-4.7.2-1', 'RFC6120-6.3.3-1', 'RFC6120-8.2.3-5', 'RFC6120-8.2.3-6', 'XEP0115-4-1', 'XEP0115-5.1-1']) {
      expect(cases.get(id)?.verdict, `${id}: ${cases.get(id)?.reason ?? ''}`).toBe('pass');
    }
    expect(report.target.client?.mode).toBe('listen');
    // the client's wire is in the case's transcript
    expect(cases.get('RFC6120-8.2.3-5')!.transcript.some((e) => e.session === 'client' && e.data.includes(UNKNOWN_NS))).toBe(true);
  });

  it('fails a client that ignores an IQ, and one whose caps ver is not the hash of its disco#info', async () => {
    const { report } = await runClientLevel({
      level: 'core-client',
      suites,
      client: async (port) => {
        const s = await scriptedClient(port, x('presence', {}, x('c', { xmlns: NS.caps, hash: 'sha-1', node: 'urn:xmpp:certify:caps', ver: 'not+the+hash=' })));
        s.persona = persona;
        s.handleIq(UNKNOWN_NS, () => null);
        return s;
      },
    });
    const cases = casesById(report);
    expect(cases.get('RFC6120-8.2.3-5')!.verdict).toBe('fail');
    expect(cases.get('RFC6120-8.2.3-5')!.reason).toMatch(/an answer to <iq id='[^']+'>; nothing matching arrived within 1000 ms/);
    expect(cases.get('XEP0115-5.1-1')!.verdict).toBe('fail');
    expect(cases.get('XEP0115-5.1-1')!.reason).toMatch(/ver 'not\+the\+hash=' equal to the hash of the disco#info result; got computed '/);
    expect(report.level.verdict).toBe('fail');
  });
});

describe('user actions', () => {
  const actionCase = [only(xmppImClient, 'RFC6121-3.1.1-1')];
  const level = { level: 'core-client', suites: actionCase, client: (port: number) => scriptedClient(port) };

  it('are skipped as not run, never passed, when there is no way to act (--non-interactive)', async () => {
    const { report } = await runClientLevel(level);
    const c = casesById(report).get('RFC6121-3.1.1-1')!;
    expect(c.verdict).toBe('skip');
    expect(c.skipKind).toBe('not-run');
    expect(c.reason).toMatch(/^needs the user to add benvolio-[0-9a-f]+@example\.test to the contact list .*: run with --exec, or interactively$/);
  });

  it('are skipped as unsupported when the driver says the client cannot do them, which makes a MUST spec absent', async () => {
    const cannot: ActionDriver = { perform: async () => ({ done: false, unsupported: 'this client has no contact list' }) };
    // a MUST that needs a user action
    const mustAct: Suite = {
      spec: 'xmpp-im', role: 'client',
      cases: defineCases({ spec: 'xmpp-im', role: 'client' }, [{
        id: 'RFC6121-0-1', cite: testCite('MUST'), requirement: 'the client can add a contact',
        async run(t) {
          await t.act({ kind: 'add-contact', jid: `someone@${t.domain}` }, presence({ type: 'subscribe' }, 'a subscription request'));
        },
      }]),
    };
    const { report } = await runClientLevel({ ...level, suites: [mustAct], actions: cannot });
    const c = casesById(report).get('RFC6121-0-1')!;
    expect(c.verdict).toBe('skip');
    expect(c.skipKind).toBe('unsupported');
    expect(c.reason).toMatch(/this client has no contact list/);
    // the client cannot do what a MUST of a REQUIRED spec needs: it does not support the spec
    const spec = report.specs.find((s) => s.spec === c.spec)!;
    expect(spec.verdict).toBe('absent');
    expect(report.level.verdict).toBe('fail');
  });

  it('end as an error of the run, not a failure of the client, when no proof comes', async () => {
    const idle: ActionDriver = { perform: async () => ({ done: true }) };
    const { report } = await runClientLevel({ ...level, actions: idle });
    const c = casesById(report).get('RFC6121-3.1.1-1')!;
    expect(c.verdict).toBe('error');
    expect(c.reason).toMatch(/no a subscription request to benvolio-[0-9a-f]+@example\.test within 2 s of asking the user to add .*: was it done\?/);
  });

  it('pass when the client does what was asked, as asked', async () => {
    let client: Awaited<ReturnType<typeof scriptedClient>> | undefined;
    const acting: ActionDriver = {
      perform: async (action) => {
        if (action.kind !== 'add-contact') return { done: false, unsupported: 'only add-contact here' };
        client!.send(x('presence', { to: action.jid, type: 'subscribe' }));
        return { done: true };
      },
    };
    const { report } = await runClientLevel({ ...level, actions: acting, client: async (port) => (client = await scriptedClient(port)) });
    expect(casesById(report).get('RFC6121-3.1.1-1')!.verdict).toBe('pass');
  });
});

describe('support found by behaviour', () => {
  const blocking = { level: 'advanced-client', suites: [only(xep0191Client, 'XEP0191-3.3-8', 'XEP0191-3.3-9')] };
  /** A client that fetches no block list at login, and blocks when asked to. */
  const blocker = (): { actions: ActionDriver; client: (port: number) => ReturnType<typeof scriptedClient> } => {
    let client: Awaited<ReturnType<typeof scriptedClient>> | undefined;
    return {
      actions: {
        perform: async (action) => {
          if (action.kind !== 'block') return { done: false, unsupported: 'only block here' };
          client!.send(x('iq', { type: 'set', id: `block-${action.jid}` }, x('block', { xmlns: NS.blocking }, x('item', { jid: action.jid }))));
          return { done: true };
        },
      },
      client: async (port) => (client = await scriptedClient(port)),
    };
  };

  it('verifies blocking in a client that fetched no block list at login but blocks when the user asks', async () => {
    const { report } = await runClientLevel({ ...blocking, ...blocker() });
    const spec = report.specs.find((s) => s.spec === 'xep-0191')!;
    expect(spec.support?.supported).toBe(true);
    expect(spec.support?.detail).toMatch(/sent no urn:xmpp:blocking request at the start of its session, but it blocked rosaline-[0-9a-f]+@example\.test when the user asked/);
    // the client acknowledges the block push as RFC 3920 §9.2.3 wants of every IQ set
    expect(casesById(report).get('XEP0191-3.3-9')!.verdict).toBe('pass');
    // "the client shall send" (lower case) in XEP-0191 v1.1: no keyword, so nothing to judge it by
    const fetch = casesById(report).get('XEP0191-3.3-8')!;
    expect([fetch.verdict, fetch.skipKind]).toEqual(['skip', 'not-applicable']);
    expect(fetch.reason).toMatch(/^not in XEP-0191 v1\.1: /);
  });

  it('finds blocking absent when the client cannot block, and unknown (not run) without a way to act', async () => {
    const cannot: ActionDriver = { perform: async () => ({ done: false, unsupported: 'this client has no block command' }) };
    const absent = await runClientLevel({ ...blocking, actions: cannot, client: (port) => scriptedClient(port) });
    expect(absent.report.specs.find((s) => s.spec === 'xep-0191')!.support?.supported).toBe(false);
    expect(casesById(absent.report).get('XEP0191-3.3-8')!.reason).toMatch(/this client has no block command/);
    const unknown = await runClientLevel({ ...blocking, client: (port) => scriptedClient(port) });
    const c = casesById(unknown.report).get('XEP0191-3.3-8')!;
    expect(c.verdict).toBe('skip');
    expect(c.skipKind).toBe('not-run');
  });
});
