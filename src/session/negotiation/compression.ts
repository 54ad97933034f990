import type { Element } from '../../xml/element.js';
import { x } from '../../xml/element.js';
import { NS } from '../../xml/namespaces.js';
import { match } from '../match.js';
import { TransportCannot, type NegotiatingStream } from './stream.js';

/** The compression methods offered in `features` (XEP-0138 §2). */
export function compressionMethods(features: Element | undefined): string[] {
  return (features?.getChild('compression', NS.compressFeature)?.getChildren('method') ?? []).map((m) => m.getText().trim());
}

/**
 * XEP-0138 stream compression: asks for `method`; on <compressed/> both directions switch to it
 * and the stream restarts. Resolves with the server's answer (<compressed/> or <failure/>).
 */
export async function negotiateCompression(s: NegotiatingStream, method: string): Promise<Element> {
  if (!s.transport.startCompression) throw new TransportCannot('compression', s.transport);
  s.send(x('compress', { xmlns: NS.compress }, x('method', {}, method)));
  const answer = await s.expect(match('<compressed/> or <failure/> in the compression namespace', (el) => el.getNS() === NS.compress));
  if (answer.getName() !== 'compressed') return answer;
  s.transport.startCompression();
  s.note(`stream compressed with ${method}`);
  await s.open();
  return answer;
}
