import type { Element } from '../../xml/element.js';
import { x } from '../../xml/element.js';
import { NS } from '../../xml/namespaces.js';
import { ToolError } from '../errors.js';
import { match } from '../match.js';
import { chooseMechanism, createExchange, type MechanismName, type SaslCredentials } from '../sasl/index.js';
import type { NegotiatingStream } from './stream.js';

/** SASL ended in <failure/>: the condition is evidence, not necessarily an error of the tool. */
export class SaslFailure extends Error {
  constructor(
    readonly condition: string,
    readonly failure: Element,
  ) {
    super(`SASL failure: ${condition}`);
    this.name = 'SaslFailure';
  }
}

/** The SASL mechanisms offered in `features`. */
export function saslMechanisms(features: Element | undefined): string[] {
  return (features?.getChild('mechanisms', NS.sasl)?.getChildren('mechanism') ?? []).map((m) => m.getText().trim());
}

/**
 * SASL (RFC 6120 §6): picks the strongest mechanism offered (PLAIN only over a protected
 * channel), runs the exchange, verifies the server's proof where the mechanism has one, and
 * restarts the stream. Throws SaslFailure with the server's condition when it refuses.
 */
export async function authenticate(s: NegotiatingStream, creds: SaslCredentials, options: { mechanism?: MechanismName; protectedChannel: boolean }): Promise<{ mechanism: string; serverProof: string }> {
  const offered = saslMechanisms(s.features);
  const chosen = options.mechanism ?? chooseMechanism(offered.filter((m) => m !== 'PLAIN' || options.protectedChannel));
  if (!chosen) throw new ToolError(`no usable SASL mechanism: offered [${offered.join(', ')}]${options.protectedChannel ? '' : ' on a stream without TLS (PLAIN is not sent in clear)'}`);
  const exchange = createExchange(chosen, creds);
  const initial = await exchange.initialResponse();
  s.send(x('auth', { xmlns: NS.sasl, mechanism: chosen }, initial === null ? undefined : initial.length === 0 ? '=' : initial.toString('base64')));
  for (;;) {
    const el = await s.expect(match('a SASL <challenge/>, <success/> or <failure/>', (e) => e.getNS() === NS.sasl));
    const payload = Buffer.from(el.getText().trim(), 'base64');
    if (el.getName() === 'challenge') {
      const response = await exchange.respond(payload);
      s.send(x('response', { xmlns: NS.sasl }, response.length ? response.toString('base64') : undefined));
    } else if (el.getName() === 'success') {
      const check = exchange.verifySuccess(payload);
      s.note(`SASL ${chosen} succeeded; ${check.detail}`);
      if (!check.verified) throw new SaslFailure('server-proof-mismatch', el);
      await s.open();
      return { mechanism: chosen, serverProof: check.detail };
    } else {
      throw new SaslFailure(el.getChildElements()[0]?.getName() ?? 'unknown', el);
    }
  }
}
