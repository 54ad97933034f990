import { type CaseContext, describe, type Element, stanzaError, type SupportFinding } from '../../src/authoring.js';
import { discoInfo } from './disco.js';

/**
 * Support for a server feature found by behaviour: `request` (an IQ to the user's own server)
 * answered with a result means supported, <service-unavailable/> or <feature-not-implemented/>
 * means absent, anything else leaves it undecided (the probe fails and the cases are ERROR).
 * Whether the server's disco#info lists `feature` is recorded beside it.
 */
export async function probeServerFeature(t: CaseContext, request: Element, feature: string, what: string): Promise<SupportFinding> {
  const s = await t.login(t.accounts[0]!);
  const response = await s.iq(request);
  const info = await discoInfo(s, t.domain);
  const advertised = info.ok && info.features.includes(feature);
  const entity = `server ${t.domain}`;
  const listed = advertised ? `disco#info lists ${feature}` : `disco#info does not list ${feature}`;
  if (response.attrs.type === 'result') return { supported: true, advertised, entity, detail: `${what} answered with a result; ${listed}` };
  const condition = stanzaError(response)?.condition;
  if (condition === 'service-unavailable' || condition === 'feature-not-implemented') {
    return { supported: false, advertised, entity, detail: `${what} answered <${condition}/>; ${listed}` };
  }
  throw new Error(`${what} answered neither a result nor <service-unavailable/>: ${describe(response, 300)}`);
}

/**
 * A request a support probe rests on, sent once more when refused: one refusal may be the
 * server's load (a PEP publish under concurrency), not the absence of the feature. The cases
 * judge refusals of their own requests themselves.
 */
export async function triedTwice<T extends { attrs: Record<string, unknown> }>(request: () => Promise<T>): Promise<T> {
  const first = await request();
  return first.attrs.type === 'error' ? request() : first;
}
