import { type Account, type CaseContext, describe, type Element, NS, type Session } from '../../src/authoring.js';

/** Where in stream negotiation the compression feature was found. */
export type Stage = 'before TLS' | 'after TLS' | 'after SASL';

export interface Offer {
  session: Session;
  stage: Stage;
  feature: Element;
  methods: string[];
}

function compressionFeature(session: Session): Element | undefined {
  return session.features?.getChild('compression', NS.compressFeature);
}

/**
 * Walks stream negotiation with `account` and stops at the first feature set that offers
 * compression (XEP-0138 §2), leaving the session there. v1.3 (2008) expects it after SASL;
 * v2 allows it after TLS; every stage is looked at. Undefined when no stage offers it.
 */
export async function findOffer(t: CaseContext, account: Account): Promise<Offer | undefined> {
  const session = await t.connect('A');
  await t.setup('open a stream', () => session.open());
  const here = (stage: Stage): Offer | undefined => {
    const feature = compressionFeature(session);
    return feature ? { session, stage, feature, methods: session.compressionMethods } : undefined;
  };
  const stages: [Stage, () => Promise<unknown>][] = [
    ['after TLS', async () => (session.features?.getChild('starttls', NS.tls) ? session.starttls() : undefined)],
    ['after SASL', () => session.authenticate({ username: account.local, password: account.password, domain: account.domain })],
  ];
  let offer = here('before TLS');
  for (const [stage, step] of stages) {
    if (offer) return offer;
    await t.setup(`negotiate up to ${stage}`, step);
    offer = here(stage);
  }
  return offer;
}

/** Like findOffer(), but skips the case when nothing is offered (the probe decides absence). */
export async function requireOffer(t: CaseContext, account: Account): Promise<Offer> {
  const offer = await findOffer(t, account);
  if (!offer) t.skip('no feature set offers stream compression');
  t.note(`compression offered ${offer.stage}: methods [${offer.methods.join(', ')}]`);
  return offer;
}

/**
 * requireOffer(), then zlib compression asked for and granted: the session now compresses. A
 * refusal skips the case, whose premise is a compressed stream (XEP0138-2-3 judges the refusal).
 */
export async function compressedOffer(t: CaseContext, account: Account): Promise<Offer> {
  const offer = await requireOffer(t, account);
  const answer = await offer.session.compress('zlib');
  if (answer.getName() !== 'compressed') t.skip(`compression refused: ${describe(answer)} (see XEP0138-2-3)`);
  return offer;
}

/** Finishes negotiation on a session left at an offer: authenticates if needed and binds. */
export async function completeLogin(t: CaseContext, offer: Offer, account: Account): Promise<string> {
  if (offer.stage !== 'after SASL' && !offer.session.features?.getChild('bind', NS.bind)) {
    await t.setup('authenticate', () => offer.session.authenticate({ username: account.local, password: account.password, domain: account.domain }));
  }
  return t.setup('bind a resource', () => offer.session.bind());
}

/**
 * Like completeLogin(), for cases whose requirement is the compressed stream itself: the steps
 * are not preparation, so a reply that never comes over the compressed stream is a finding of
 * the case (at its strength), not an ERROR of the run.
 */
export async function loginOverCompression(offer: Offer, account: Account): Promise<string> {
  if (offer.stage !== 'after SASL' && !offer.session.features?.getChild('bind', NS.bind)) {
    await offer.session.authenticate({ username: account.local, password: account.password, domain: account.domain });
  }
  return offer.session.bind();
}
