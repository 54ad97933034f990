import { bare, type CaseContext, defineCases, type Session } from '../../src/authoring.js';
import { citationOf } from '../catalogue.js';
import { addToList, type Bookmark, BOOKMARKS, bookmarkIn, bookmarks, deferWithdraw, differences, freshBookmark, legacyList, type ListHome, sameRoom } from '../lib/bookmarks.js';
import { discoInfo } from '../lib/disco.js';
import xep0402 from '../requirements/xep-0402.js';
import { loginInterested, notification } from '../xep-0163/pep.js';
import { bookmarked, freshBookmarked } from './scene.js';

const HOME: Record<ListHome, string> = { private: 'XEP-0049 private storage', pep: 'the XEP-0048 PEP node storage:bookmarks' };

/** Adds a bookmark to the XEP-0048 list in `home`, as a preparation step. */
async function listed(t: CaseContext, s: Session, home: ListHome, room: Bookmark): Promise<void> {
  await t.setup(`add ${room.jid} to the list in ${HOME[home]}`, async () => {
    const response = await addToList(s, home, room);
    if (response.attrs.type !== 'result') throw new Error(`refused: ${response.toString().slice(0, 300)}`);
  });
}

/**
 * Whether the server carries bookmarks between XEP-0402 and the XEP-0048 list in `home`: a
 * bookmark published here shows in the list (forward), one added to the list shows here (back).
 */
async function unification(t: CaseContext, s: Session, home: ListHome): Promise<{ forward: boolean; back: boolean; said: string }> {
  const [here, there] = [freshBookmark(), freshBookmark()];
  await deferWithdraw(t, s, [here, there]);
  await bookmarked(t, s, here);
  const forward = (await legacyList(s, home)).conferences.some((c) => sameRoom(c.attrs.jid, here.jid));
  await listed(t, s, home, there);
  const back = (await bookmarks(s)).items.some((i) => sameRoom(i.id, there.jid));
  const said = `a XEP-0402 bookmark ${forward ? 'shows' : 'does not show'} in ${HOME[home]}, one added there ${back ? 'shows' : 'does not show'} as a XEP-0402 item`;
  return { forward, back, said };
}

/**
 * §5.3: the account announces `feature` exactly when the server unifies XEP-0402 bookmarks with
 * the list in `home`. Neither announced nor done leaves nothing to judge.
 */
async function announcedAsDone(t: CaseContext, home: ListHome, feature: string): Promise<void> {
  const s = await t.login(t.accounts[0]!);
  const announced = (await discoInfo(s, bare(s.jid!))).features.includes(feature);
  const { forward, back, said } = await unification(t, s, home);
  t.outcome(`${feature} ${announced ? 'announced' : 'not announced'}; ${said}`);
  if (!announced && !forward && !back) return t.skip(`the server does not unify XEP-0402 bookmarks with ${HOME[home]}: there is nothing to announce`);
  if (!announced) return void t.check(false, `the feature ${feature} on the account, whose server unifies its bookmarks with ${HOME[home]}`, said);
  t.check(forward && back, `bookmarks carried both ways between XEP-0402 and ${HOME[home]}, as the announced ${feature} says`, said);
}

/** XEP-0402 §5.3: compatibility with XEP-0049 and XEP-0048 bookmarks. */
export default defineCases({ spec: 'xep-0402', role: 'server' }, [
  {
    id: 'XEP0402-5.3-1',
    cite: citationOf(xep0402, 'XEP0402-5.3-1'),
    requirement: `The account announces ${BOOKMARKS}#compat exactly when the server unifies XEP-0049 bookmarks and these: a bookmark published here shows in private storage and one stored there shows here.`,
    accounts: 1,
    run: (t) => announcedAsDone(t, 'private', `${BOOKMARKS}#compat`),
  },
  {
    id: 'XEP0402-5.3-2',
    cite: citationOf(xep0402, 'XEP0402-5.3-2'),
    requirement: `The account announces ${BOOKMARKS}#compat-pep exactly when the server unifies the XEP-0048 PEP node storage:bookmarks and these.`,
    accounts: 1,
    run: (t) => announcedAsDone(t, 'pep', `${BOOKMARKS}#compat-pep`),
  },
  {
    id: 'XEP0402-5.3.1-1',
    cite: citationOf(xep0402, 'XEP0402-5.3.1-1'),
    requirement: 'A bookmark published here shows in the XEP-0049 storage:bookmarks view as a <conference/> whose jid is the item id, with its name, autojoin and nick.',
    accounts: 1,
    async run(t) {
      const s = await t.login(t.accounts[0]!);
      const room = await freshBookmarked(t, s);
      const { response, conferences } = await legacyList(s, 'private');
      const entry = conferences.find((c) => sameRoom(c.attrs.jid, room.jid));
      if (!entry) return t.skip(`the target does not do what the text allows (MAY): ${room.jid} is not in the list in ${HOME.private}: ${response.toString().slice(0, 300)}`);
      const seen = differences(room, bookmarkIn(entry));
      if (seen.length) t.note(`the <conference/> of ${room.jid} in ${HOME.private}: ${seen.join('; ')}`);
      t.outcome(`cast into storage:bookmarks with jid='${room.jid}'${seen.length ? '' : ', name, autojoin and nick as published'}`);
    },
  },
  {
    id: 'XEP0402-5.3.2-1',
    cite: citationOf(xep0402, 'XEP0402-5.3.2-1'),
    requirement: 'A replacement list stored by XEP-0049 updates the items here, and a resource interested in them is not notified of the one the list left unchanged.',
    accounts: 1,
    async run(t) {
      const account = t.accounts[0]!;
      const s = await t.login(account);
      const [unchanged, added2] = [freshBookmark(), freshBookmark()];
      await deferWithdraw(t, s, [unchanged, added2]);
      await bookmarked(t, s, unchanged);
      if (!(await legacyList(s, 'private')).conferences.some((c) => sameRoom(c.attrs.jid, unchanged.jid))) {
        return t.skip(`the target does not do what the text allows (MAY): a XEP-0402 bookmark does not show in ${HOME.private}, so no list stored there can leave it unchanged`);
      }
      const watcher = await loginInterested(t, account, [BOOKMARKS]);
      watcher.clearInbox();
      await listed(t, s, 'private', added2);
      if (!(await bookmarks(s)).items.some((i) => sameRoom(i.id, added2.jid))) {
        return t.skip(`the target does not do what the text allows (MAY): ${added2.jid}, added to the list in ${HOME.private}, is no XEP-0402 item`);
      }
      // the list was handled before its set was answered; the watcher's ping round trip lets in what was sent to it
      await t.nothingArrived(watcher, notification(BOOKMARKS, unchanged.jid), `notification of the unchanged ${unchanged.jid} at ${watcher.jid}`, () => watcher.sync(), 'should');
      const told = watcher.received(notification(BOOKMARKS, added2.jid)).length > 0;
      t.note(`${watcher.jid} was ${told ? '' : 'not '}notified of the new ${added2.jid}`);
    },
  },
]);
