import type { SpecId } from './specs.js';

/**
 * The published versions of each XEP the levels name, oldest first, with the date each was
 * published: from the revision history in the XEP's own source (xsf/xeps), up to 2010. A level
 * is judged by the texts in force on the day it was approved (see Level.approved), so this table
 * decides which version each case cites.
 */
const PUBLISHED: Partial<Record<SpecId, readonly (readonly [version: string, date: string])[]>> = {
  'xep-0004': [['2.7', '2006-01-25'], ['2.8', '2007-05-21'], ['2.9', '2007-08-13']],
  'xep-0016': [['1.3', '2004-07-26'], ['1.4', '2006-10-04'], ['1.5', '2006-11-27'], ['1.6', '2007-02-15']],
  'xep-0020': [['1.4', '2004-05-21'], ['1.5', '2006-11-21']],
  'xep-0030': [['2.2', '2006-01-24'], ['2.3', '2007-02-15'], ['2.4', '2008-06-06']],
  'xep-0045': [['1.21', '2006-09-13'], ['1.22', '2007-04-10'], ['1.23', '2008-01-14'], ['1.24', '2008-07-16']],
  'xep-0047': [['1.0', '2003-12-10'], ['1.1', '2006-11-21'], ['1.2', '2009-03-17']],
  'xep-0054': [['1.1', '2003-03-26'], ['1.2', '2008-07-16']],
  'xep-0065': [['1.6', '2004-11-12'], ['1.7', '2007-05-21']],
  'xep-0071': [['1.1', '2006-01-11'], ['1.2', '2007-03-14'], ['1.3', '2007-08-29'], ['1.4', '2008-09-03']],
  'xep-0077': [['2.2', '2006-01-24'], ['2.3', '2009-09-15']],
  'xep-0078': [['2.3', '2006-09-13'], ['2.4', '2008-01-30'], ['2.5', '2008-10-29']],
  'xep-0082': [['1.0', '2003-05-28']],
  'xep-0085': [['1.2', '2006-07-12'], ['2.0', '2008-11-26'], ['2.1', '2009-09-23']],
  'xep-0086': [['1.0', '2004-02-17']],
  'xep-0092': [['1.0', '2003-10-08'], ['1.1', '2007-02-15']],
  'xep-0095': [['1.1', '2004-04-13']],
  'xep-0096': [['1.2', '2004-04-13']],
  'xep-0106': [['1.0', '2005-05-12'], ['1.1', '2007-06-18']],
  'xep-0115': [['1.1', '2004-10-29'], ['1.2', '2007-02-15'], ['1.3', '2007-04-10'], ['1.4', '2007-08-13'], ['1.5', '2008-02-26']],
  'xep-0124': [['1.5', '2006-04-28'], ['1.6', '2007-02-21'], ['1.7', '2008-10-29'], ['1.8', '2009-04-30']],
  // v1.1's own text is not in the archive: its earliest file (2006-10) is marked "1.2 in progress"
  // and carries v1.1's content, which v1.2 (2007-08-22) changed
  'xep-0138': [['1.1', '2005-12-14'], ['1.2', '2007-08-22'], ['1.3', '2007-09-26'], ['2.0', '2009-05-27']],
  'xep-0155': [['1.0', '2007-01-17'], ['1.1', '2007-03-15']],
  'xep-0163': [['1.0', '2006-09-20'], ['1.1', '2007-09-26'], ['1.2', '2010-07-12']],
  'xep-0191': [['1.0', '2006-11-21'], ['1.1', '2007-02-15']],
  'xep-0199': [['1.0', '2007-06-12'], ['2.0', '2009-06-03']],
  'xep-0206': [['1.0', '2007-02-28'], ['1.1', '2007-06-04'], ['1.2', '2008-10-29'], ['1.3', '2010-07-02']],
};

/**
 * The version of `spec` in force on `date` (YYYY-MM-DD): the last one published on or before
 * it. A spec with no version by then (XEP-0199 before June 2007) has its first one.
 */
export function versionInForce(spec: SpecId, date: string): string | undefined {
  const versions = PUBLISHED[spec];
  if (!versions) return undefined;
  let found = versions[0]![0];
  for (const [version, published] of versions) if (published <= date) found = version;
  return found;
}

/** When `version` of `spec` was published. */
export function publishedOn(spec: SpecId, version: string): string | undefined {
  return PUBLISHED[spec]?.find(([v]) => v === version)?.[1];
}
