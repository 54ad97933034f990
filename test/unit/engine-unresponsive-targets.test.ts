import net from 'node:net';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import type { HarnessServer } from '../../fixtures/fake-server/server.js';
import { casesById, runAgainst, startHarness } from '../support/harness.js';
import { core } from '../support/core-cases.js';

/** Targets that do not answer: nothing listens, a port that never answers a stream header, a server that hangs before its features. */

let server: HarnessServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('a target nothing listens on', () => {
  it('runs no case when nothing listens, says so in one line, and still completes the report', async () => {
    server = await startHarness();
    const port = server.port;
    await server.close();
    server = undefined;
    const report = await runAgainst({ port, suites: core('RFC6120-4.2-1', 'RFC6120-4.7.1-1') });
    expect(report.unusable).toBe(`nothing listens at 127.0.0.1:${port} (connection refused)`);
    expect([...casesById(report).values()].map((c) => c.skipKind)).toEqual(['not-run', 'not-run']);
    expect(report.complete).toBe(true);
    expect(report.level.verdict).toBe('incomplete');
  });
});

describe('a silent target', () => {
  let silent: net.Server | undefined;
  afterEach(() => silent?.close());

  it('runs no case against a port that never answers a stream header, after one step deadline', async () => {
    // accepts connections and never sends a byte
    silent = net.createServer(() => undefined).listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const { port } = silent.address() as net.AddressInfo;
    let connections = 0;
    silent.on('connection', () => connections++);
    const started = performance.now();
    const report = await runAgainst({ port, stepMs: 300, suites: core('RFC6120-4.2-1', 'RFC6120-8.1.3-1') });
    expect(report.unusable).toBe(`127.0.0.1:${port} sent nothing in answer to a stream header within 0.3 s: not an XMPP client port, or a silent one`);
    expect(connections).toBe(1);
    expect(performance.now() - started).toBeLessThan(3000);
    expect(report.level.verdict).toBe('incomplete');
  });

  it('stops trying logins once the account check finds no answer, and still runs the cases of the stream', async () => {
    // answers with a stream header, then stalls: an XMPP server that hangs before its features
    silent = net.createServer((socket) => {
      socket.once('data', () => socket.write("<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='s1' from='example.test' version='1.0'>"));
      socket.on('error', () => undefined);
    }).listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const { port } = silent.address() as net.AddressInfo;
    let streamsOpened = 0;
    silent.on('connection', () => streamsOpened++);
    const report = await runAgainst({ port, stepMs: 300, reruns: 0, suites: core('RFC6120-4.3.2-1', 'RFC6120-8.1.3-1', 'RFC6120-8.2.3-1', 'RFC6120-8.4-1') });
    const cases = casesById(report);
    // the stream case ran on its own connection and saw no features: the target's failure
    expect(cases.get('RFC6120-4.3.2-1')!.verdict).toBe('fail');
    for (const id of ['RFC6120-8.1.3-1', 'RFC6120-8.2.3-1', 'RFC6120-8.4-1']) {
      expect([cases.get(id)!.verdict, cases.get(id)!.skipKind]).toEqual(['skip', 'not-run']);
      expect(cases.get(id)!.reason).toMatch(/^not run: the target did not answer the account check before the run \(could not open a stream as A1: expected <stream:features\/>/);
    }
    // the first contact (2), the account check's logins (alice, bob, carol) and the stream case: no login per case
    expect(streamsOpened).toBe(6);
    expect(report.level.verdict).toBe('fail');
  });
});
