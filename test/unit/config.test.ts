import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/cli/config.js';
import { UsageError } from '../../src/cli/parse.js';
import { runCommand, type RunFlags } from '../../src/cli/run.js';
import { SUITES } from '../../suites/index.js';
import { problemLines } from '../support/usage-errors.js';

function configFile(lines: string[]): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'config-')), 'xmpp-certify.config.yaml');
  fs.writeFileSync(file, lines.join('\n'));
  return file;
}

describe('config files are read strictly', () => {
  it('names every unknown key, at any depth, with the nearest known one', () => {
    const file = configFile([
      'levle: advanced-server', 'concurency: 4',
      'targets:', '  prosody:', '    target: 127.0.0.1:15222', '    bosh_url: http://127.0.0.1:15280/http-bind',
      '    accounts:', '      - { jid: alice@localhost, pasword-env: ALICE_PW }',
    ]);
    expect(problemLines(() => loadConfig(file, {}))).toEqual([
      `config ${file}: unknown setting "levle" (did you mean "level"?)`,
      `config ${file}: unknown setting "concurency" (did you mean "concurrency"?)`,
      `config ${file}, target prosody: unknown key "bosh_url" (did you mean "bosh-url"?)`,
      `config ${file}, target prosody, account 1: unknown key "pasword-env" (did you mean "password-env"?)`,
      `config ${file}, target prosody, account 1: needs jid and password-env (passwords are read from the environment)`,
    ]);
  });

  it('refuses values of the wrong type instead of reading "false" as true or "eight" as NaN', () => {
    const file = configFile(['register: "false"', 'concurrency: eight', 'role: sever', 'core: 6121', 'targets:', '  staging: {}']);
    expect(problemLines(() => loadConfig(file, {}))).toEqual([
      `config ${file}: role must be server or client, not "sever" (did you mean "server"?)`,
      `config ${file}: core must be 3920 or 6120, not "6121" (did you mean "6120"?)`,
      `config ${file}: concurrency must be a number of cases or a range MIN-MAX (such as 4-32), not "eight"`,
      `config ${file}: register must be true or false, not "false"`,
      `config ${file}, target staging: needs target: HOST[:PORT]`,
    ]);
  });

  it('reports the problems of inline waivers with the rest', () => {
    const file = configFile(['level: core-server', 'waivers:', '  - { id: RFC6120-13.8-2, reason: r, taget: staging }']);
    expect(problemLines(() => loadConfig(file, {}))).toEqual([`config ${file}, waiver 1 (RFC6120-13.8-2): unknown key "taget" (did you mean "target"?)`]);
  });

  it('reads a correct file as before', () => {
    const file = configFile(['level: core-server', 'core: 6120', 'register: true', 'timeout: 60', 'targets:', '  staging: { target: staging.example.org, insecure-tls: false }']);
    expect(loadConfig(file, {})).toMatchObject({ level: 'core-server', core: '6120', register: true, timeout: 60, targets: new Map([['staging', expect.objectContaining({ target: 'staging.example.org', insecureTls: false })]]) });
  });
});

describe('a run with waivers that name what does not exist', () => {
  const flags = (config: string): RunFlags => ({
    config, target: [], domain: [], account: [], ca: [], boshUrl: [], websocketUrl: [], directTls: [], hostMetaUrl: [], core: '3920', reportDir: os.tmpdir(), concurrency: 1, timeout: 5,
    caseTimeout: 5, stepTimeout: 1, silence: 1, maxStanzaSize: 1000, only: [], transport: 'auto', progress: false, reruns: 0, actionTimeout: 1, clientTimeout: 1,
  } as RunFlags);

  it('stops before connecting, naming the nearest case ID and the nearest target', async () => {
    const file = configFile([
      'level: core-server', 'register: true',
      'targets:', '  prosody: { target: 127.0.0.1:1, domain: localhost }', '  ejabberd: { target: 127.0.0.1:2, domain: localhost }',
      'waivers:', '  - { id: RFC6120-13.8-22, reason: r }', '  - { id: RFC6120-13.8-2, reason: r, target: ejabberb }',
    ]);
    const run = runCommand(flags(file), () => false, SUITES, []);
    await expect(run).rejects.toThrow(UsageError);
    await expect(run).rejects.toThrow([
      `config ${file}, waiver 1 (RFC6120-13.8-22): no case has the ID "RFC6120-13.8-22" (did you mean "RFC6120-13.8-2"?)`,
      `config ${file}, waiver 2 (RFC6120-13.8-2): target "ejabberb" is not one of this run's targets (prosody, ejabberd) (did you mean "ejabberd"?)`,
    ].join('\n'));
  });
});
