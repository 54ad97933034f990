import { NS, stanzaError, type Suite } from '../../src/authoring.js';
import { discoInfo } from '../lib/disco.js';
import protocol from './2-protocol.js';
import support from './4-determining-support.js';
import { askVersion } from './software-version.js';

/**
 * XEP-0092 Software Version (informational). The probe's facts name/version/os are the
 * target software shown in the report header.
 */
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
    const facts: Record<string, string> = {};
    if (answer.name) facts.name = answer.name;
    if (answer.version) facts.version = answer.version;
    if (answer.os) facts.os = answer.os;
    return { supported: true, advertised, entity, detail: `a version get to ${t.domain} returned ${answer.name ?? '(no name)'} ${answer.version ?? '(no version)'}`, facts };
  },
  cases: [...support, ...protocol],
};
