import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/cli/config.js';
import { UsageError } from '../../src/cli/parse.js';
import { redactCommandLine } from '../../src/cli/run.js';
import { resolveTargets, type TargetFlags } from '../../src/cli/targets.js';

const flags = (f: Partial<TargetFlags>): TargetFlags => ({ target: [], domain: [], account: [], ca: [], boshUrl: [], websocketUrl: [], directTls: [], hostMetaUrl: [], ...f });

describe('targets from the command line', () => {
  it('takes one target with its accounts', () => {
    const [t] = resolveTargets(flags({ target: ['xmpp.example.org'], account: ['a@xmpp.example.org:pw:with:colons'] }), undefined);
    expect(t).toMatchObject({ name: 'xmpp.example.org', endpoint: { host: 'xmpp.example.org', port: 5222 }, domain: 'xmpp.example.org' });
    expect(t!.accounts[0]!.password).toBe('pw:with:colons');
  });

  it('scopes NAME= options to one target and gives the others to every target', () => {
    const targets = resolveTargets(flags({
      target: ['prosody=127.0.0.1:15222', 'ejabberd=127.0.0.1:25222'],
      domain: ['localhost'],
      account: ['prosody=alice@localhost:a', 'ejabberd=bob@localhost:b'],
      ca: ['prosody=/p.pem', 'ejabberd=/e.pem', '/shared.pem'],
      boshUrl: ['ejabberd=http://127.0.0.1:25280/http-bind'],
    }), undefined);
    expect(targets.map((t) => [t.name, t.accounts.map((a) => a.jid), t.caFiles, t.boshUrl])).toEqual([
      ['prosody', ['alice@localhost'], ['/p.pem', '/shared.pem'], undefined],
      ['ejabberd', ['bob@localhost'], ['/e.pem', '/shared.pem'], 'http://127.0.0.1:25280/http-bind'],
    ]);
  });

  it('explains what is missing', () => {
    expect(() => resolveTargets(flags({}), undefined)).toThrow(/--target HOST\[:PORT\] is required/);
    expect(() => resolveTargets(flags({ target: ['127.0.0.1'], register: true }), undefined)).toThrow(/IP address: give the XMPP domain/);
    expect(() => resolveTargets(flags({ target: ['example.org'] }), undefined)).toThrow(/--account JID:PASSWORD .* or .* --register/);
    expect(() => resolveTargets(flags({ target: ['example.org'], account: ['not-a-jid:pw'] }), undefined)).toThrow(UsageError);
    expect(() => resolveTargets(flags({ target: ['example.org'], account: ['a@other.org:pw'] }), undefined)).toThrow(/not on the domain under test/);
  });
});

describe('config files', () => {
  it('reads targets whose passwords come from the environment, and names a missing variable', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'config-'));
    const file = path.join(dir, 'xmpp-certify.config.yaml');
    fs.writeFileSync(file, [
      'level: advanced-server', 'core: 6120',
      'targets:', '  prosody:', '    target: 127.0.0.1:15222', '    domain: localhost', '    ca: cert.pem',
      '    accounts:', '      - jid: alice@localhost', '        password-env: ALICE_PW',
    ].join('\n'));
    const config = loadConfig(file, { ALICE_PW: 's3cret' });
    expect(config.level).toBe('advanced-server');
    expect(config.core).toBe('6120');
    const [t] = resolveTargets(flags({}), config);
    expect(t).toMatchObject({ name: 'prosody', domain: 'localhost', caFiles: [path.join(dir, 'cert.pem')] });
    expect(t!.accounts[0]).toMatchObject({ jid: 'alice@localhost', password: 's3cret' });
    expect(() => loadConfig(file, {})).toThrow(/ALICE_PW is not set/);
    fs.writeFileSync(file, 'levle: x\n');
    expect(() => loadConfig(file, {})).toThrow(/unknown setting "levle"/);
  });
});

describe('command line in reports', () => {
  it('hides every account password, scoped or not', () => {
    const line = redactCommandLine(['--account', 'a@x:pw1', '--account=prosody=b@x:pw2', '--level', 'basic-server']);
    expect(line).toBe('xmpp-certify --account a@x:[redacted] --account=prosody=b@x:[redacted] --level basic-server');
  });
});
