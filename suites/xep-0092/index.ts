import { NS, stanzaError, type Suite } from '../../src/authoring.js';
import { discoInfo } from '../lib/disco.js';
import protocol from './2-protocol.js';
import support from './4-determining-support.js';
import { askVersion } from './software-version.js';

/** XEP-0092 Software Version (informational). Its probe names the target's software for the report header. */
export const xep0092: Suite = {
  spec: 'xep-0092',
  role: 'server',
  identifiesTarget: true,
  async probe(t) {
    const s = await t.login(t.accounts[0]!);
    const answer = await askVersion(s, t.domain);
    const advertised = (await discoInfo(s, t.domain)).features.includes(NS.version);
    const entity = `server ${t.domain}`;
    if (!answer.query) return { supported: false, advertised, entity, detail: `the version get to ${t.domain} was answered with an error <${stanzaError(answer.response)?.condition ?? '?'}/>` };
    const software = answer.name ? { name: answer.name, version: answer.version ?? '', os: answer.os } : undefined;
    return { supported: true, advertised, entity, detail: `a version get to ${t.domain} returned ${answer.name ?? '(no name)'} ${answer.version ?? '(no version)'}`, software };
  },
  cases: [...support, ...protocol],
};
