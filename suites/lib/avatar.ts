import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { bare, type CaseContext, describe, type Element, iq, NS, type Session, stanzaError, token, x } from '../../src/authoring.js';
import { publish, requestItems } from '../xep-0163/pep.js';
import { itemsOf, retract } from './private-pep.js';

/**
 * Avatars in PEP (XEP-0084) and in the vCard (XEP-0153), for the XEP-0398 and XEP-0153 suites:
 * fresh images, publishing them, reading the vCard's PHOTO, and putting the account's avatar
 * and vCard back as they were when a case ends.
 */

export const AVATAR_DATA = 'urn:xmpp:avatar:data';
export const AVATAR_METADATA = 'urn:xmpp:avatar:metadata';
/** XEP-0398's feature on the account. */
export const CONVERSION = 'urn:xmpp:pep-vcard-conversion:0';
/** XEP-0153's presence extension. */
export const UPDATE_NS = 'vcard-temp:x:update';

/** An image: its bytes and what XEP-0084 says of it. */
export interface Avatar {
  bytes: Buffer;
  /** SHA-1 of the bytes, hex: the item id (XEP-0084) and the presence hash (XEP-0153). */
  id: string;
  type: string;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A valid 1×1 PNG no one published before: its one pixel and a text chunk are random. */
export function freshAvatar(): Avatar {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const bytes = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('tEXt', Buffer.from(`Comment\0xmpp-certify ${token(6)}`, 'latin1')),
    chunk('IDAT', zlib.deflateSync(Buffer.concat([Buffer.from([0]), crypto.randomBytes(4)]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  return { bytes, id: crypto.createHash('sha1').update(bytes).digest('hex'), type: 'image/png' };
}

/** Publishes the image as XEP-0084 §4.1 has it: the data item under its id, then its metadata. */
export async function publishAvatar(s: Session, avatar: Avatar, extraInfo: Element[] = [], dataId = avatar.id): Promise<{ data: Element; metadata: Element }> {
  const data = await publish(s, AVATAR_DATA, dataId, undefined, x('data', { xmlns: AVATAR_DATA }, avatar.bytes.toString('base64')));
  const metadata = await publish(s, AVATAR_METADATA, dataId, undefined, x('metadata', { xmlns: AVATAR_METADATA },
    ...extraInfo,
    x('info', { bytes: String(avatar.bytes.length), id: dataId, type: avatar.type, height: '1', width: '1' })));
  return { data, metadata };
}

/** Why a request was refused, its condition first (the request it echoes may be long). */
export function refusal(response: Element): string {
  return `refused with <${stanzaError(response)?.condition ?? '?'}/>: ${describe(response, 300)}`;
}

/** Publishes the image as a preparation step. */
export async function avatarPublished(t: CaseContext, s: Session, avatar: Avatar): Promise<void> {
  await t.setup(`publish a XEP-0084 avatar (${avatar.id}) as ${bare(s.jid!)}`, async () => {
    const { data, metadata } = await publishAvatar(s, avatar);
    for (const r of [data, metadata]) if (r.attrs.type !== 'result') throw new Error(refusal(r));
  });
}

/** A vCard get (XEP-0054): one's own without 'to', another's by bare JID. */
export function vcardGet(s: Session, to?: string): Promise<Element> {
  return s.iq(iq('get', { to }, x('vCard', { xmlns: NS.vcard })));
}

/** The PHOTO of a vCard result, if it has one. */
export function photoOf(response: Element): Element | undefined {
  return response.attrs.type === 'result' ? response.getChild('vCard', NS.vcard)?.getChild('PHOTO') : undefined;
}

/** The bytes of a PHOTO's BINVAL (base64Binary: whitespace ignored), or why there are none. */
export function photoBytes(photo: Element | undefined): Buffer | string {
  const text = photo?.getChildText('BINVAL');
  if (text === null || text === undefined) return 'no BINVAL';
  const compact = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) return `BINVAL is not base64Binary: ${compact.slice(0, 60)}`;
  return Buffer.from(compact, 'base64');
}

/** Whether a PHOTO holds exactly these bytes. */
export function photoIs(photo: Element | undefined, avatar: Avatar): boolean {
  const bytes = photoBytes(photo);
  return Buffer.isBuffer(bytes) && bytes.equals(avatar.bytes);
}

/** A vCard set with a PHOTO of the image (XEP-0153 §3.1). */
export function vcardWithPhoto(s: Session, avatar: Avatar): Promise<Element> {
  return s.iq(iq('set', {}, x('vCard', { xmlns: NS.vcard }, x('PHOTO', {}, x('TYPE', {}, avatar.type), x('BINVAL', {}, avatar.bytes.toString('base64'))))));
}

/** The <photo/> of a presence's vcard-temp:x:update, as text; undefined when it has none. */
export function presenceHash(presence: Element): string | undefined {
  const photo = presence.getChild('x', UPDATE_NS)?.getChild('photo');
  return photo === undefined ? undefined : photo.getText().trim().toLowerCase();
}

/** The items of one of the account's avatar nodes. */
export async function avatarItems(s: Session, node: string): Promise<{ response: Element; items: { id: string; payload?: Element }[] }> {
  const response = await requestItems(s, bare(s.jid!), node);
  return { response, items: itemsOf(response) };
}

/**
 * Puts the account's vCard and avatar back as they were when the case ends: the vCard is set to
 * what it was (an empty one if it had none); the avatar nodes are deleted if the account had
 * none, their last items published again if it had.
 */
export async function deferRestore(t: CaseContext, s: Session): Promise<void> {
  const card = (await vcardGet(s)).getChild('vCard', NS.vcard) ?? x('vCard', { xmlns: NS.vcard });
  const last = new Map<string, { id: string; payload?: Element } | undefined>();
  for (const node of [AVATAR_DATA, AVATAR_METADATA]) last.set(node, (await avatarItems(s, node)).items.at(-1));
  t.deferAs(s, async (live) => {
    // the vCard first: a server that converts it to PEP does so before the nodes are put back
    const restored = await live.iq(iq('set', {}, card));
    if (restored.attrs.type !== 'result') throw new Error(`the vCard could not be set back: ${describe(restored, 300)}`);
    const [data, metadata] = [last.get(AVATAR_DATA), last.get(AVATAR_METADATA)];
    // no avatar before: XEP-0084 §4.5's way of having none (empty metadata), and the images taken
    // out; deleting the nodes instead races with the next case's publish on some servers
    const images = data?.payload && metadata?.payload ? [] : (await avatarItems(live, AVATAR_DATA)).items;
    const steps = data?.payload && metadata?.payload
      ? [() => publish(live, AVATAR_DATA, data.id, undefined, data.payload), () => publish(live, AVATAR_METADATA, metadata.id, undefined, metadata.payload)]
      : [() => publish(live, AVATAR_METADATA, 'current', undefined, x('metadata', { xmlns: AVATAR_METADATA })), ...images.map((i) => () => retract(live, AVATAR_DATA, i.id))];
    for (const step of steps) {
      const response = await step();
      if (response.attrs.type !== 'result' && stanzaError(response)?.condition !== 'item-not-found') throw new Error(`the avatar could not be put back: ${describe(response, 300)}`);
    }
  });
}

/** What a probe learns of the conversion of XEP-0398 §3.1, for the XEP-0398 and XEP-0153 suites. */
export interface Conversion {
  /** A XEP-0084 avatar became the PHOTO of the account's own vCard. */
  converted: boolean;
  /** The account lists urn:xmpp:pep-vcard-conversion:0. */
  advertised: boolean;
  entity: string;
  detail: string;
}

/** Publishes a fresh avatar by XEP-0084 and reads the account's own vCard; everything is put back afterwards. */
export async function probeConversion(t: CaseContext): Promise<Conversion> {
  const s = await t.login(t.accounts[0]!);
  const account = bare(s.jid!);
  const info = await s.iq(iq('get', { to: account }, x('query', { xmlns: NS.discoInfo })));
  const advertised = (info.getChild('query', NS.discoInfo)?.getChildren('feature') ?? []).some((f) => f.attrs.var === CONVERSION);
  await deferRestore(t, s);
  const avatar = freshAvatar();
  const outcome = await publishAvatar(s, avatar);
  const { data, metadata } = outcome.data.attrs.type === 'result' && outcome.metadata.attrs.type === 'result' ? outcome : await publishAvatar(s, avatar);
  const published = data.attrs.type === 'result' && metadata.attrs.type === 'result';
  const converted = published && photoIs(photoOf(await vcardGet(s)), avatar);
  const listed = `${account} ${advertised ? 'lists' : 'does not list'} ${CONVERSION}`;
  const seen = !published ? 'the XEP-0084 publish was refused' : converted ? 'a XEP-0084 avatar became the PHOTO of its vCard' : 'a XEP-0084 avatar did not become the PHOTO of its vCard';
  return { converted, advertised, entity: `account ${account}`, detail: `${listed}; ${seen}` };
}
