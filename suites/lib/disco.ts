import { type CaseContext, type Element, iq, NS, query } from '../../src/authoring.js';

export interface DiscoInfo {
  response: Element;
  ok: boolean;
  identities: { category: string; type: string; name?: string; lang?: string }[];
  features: string[];
  /** XEP-0128 extended information: the data forms of the result. */
  forms: Element[];
}

/** Whoever sends an IQ and waits for its answer: a session, or the link to a client under test. */
export interface Requester {
  iq(request: Element): Promise<Element>;
}

/** disco#info (XEP-0030 §3) to `to` (omit it for the server itself), optionally for a node. */
export async function discoInfo(via: Requester, to: string | undefined, node?: string): Promise<DiscoInfo> {
  const response = await via.iq(iq('get', { to }, query(NS.discoInfo, { node })));
  const q = response.getChild('query', NS.discoInfo);
  return {
    response,
    ok: response.attrs.type === 'result' && q !== undefined,
    identities: (q?.getChildren('identity') ?? []).map((i) => ({ category: i.attrs.category, type: i.attrs.type, name: i.attrs.name, lang: i.attrs['xml:lang'] })),
    features: (q?.getChildren('feature') ?? []).map((f) => f.attrs.var as string),
    forms: q?.getChildren('x', NS.dataForms) ?? [],
  };
}

export interface DiscoItems {
  response: Element;
  ok: boolean;
  items: { jid: string; node?: string; name?: string; element: Element }[];
}

/** disco#items (XEP-0030 §4) to `to`, optionally for a node. */
export async function discoItems(via: Requester, to: string | undefined, node?: string): Promise<DiscoItems> {
  const response = await via.iq(iq('get', { to }, query(NS.discoItems, { node })));
  const q = response.getChild('query', NS.discoItems);
  return {
    response,
    ok: response.attrs.type === 'result' && q !== undefined,
    items: (q?.getChildren('item') ?? []).map((i) => ({ jid: i.attrs.jid, node: i.attrs.node, name: i.attrs.name, element: i })),
  };
}

/**
 * Checks that the server domain lists `feature` in its disco#info, asked by the case's first
 * account: the "Determining Support" rows of the XEPs.
 */
export async function checkServerFeature(t: CaseContext, feature: string): Promise<void> {
  const s = await t.login(t.accounts[0]!);
  const info = await discoInfo(s, t.domain);
  t.check(info.features.includes(feature), `the feature ${feature} listed by server ${t.domain}`, info.response);
}
