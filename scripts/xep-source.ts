import { execFileSync } from 'node:child_process';

/** A file of the xsf/xeps clone `repo` at `commit`. */
export function showFile(repo: string, commit: string, file: string): string {
  return execFileSync('git', ['-C', repo, 'show', `${commit}:${file}`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/**
 * The commit of xep-NNNN.xml in the xsf/xeps clone `repo` as `version` was published: the last
 * commit that carries the version and was made within three days of its date (later commits
 * that kept the number are silent edits); for a version older than the archive, its earliest
 * commit.
 */
export function publishedCommit(repo: string, number: string, version: string, date: string | undefined): string {
  const file = `xep-${number}.xml`;
  const log = execFileSync('git', ['-C', repo, 'log', '--format=%h %ad', '--date=short', '--', file], { encoding: 'utf8' }).trim().split('\n');
  const limit = date ? new Date(Date.parse(date) + 3 * 86_400_000).toISOString().slice(0, 10) : '9999';
  let earliest: string | undefined;
  for (const line of log) {
    const [commit, committed] = line.split(' ') as [string, string];
    const top = /<revision>\s*<version>([^<]+)<\/version>/.exec(showFile(repo, commit, file).slice(0, 20_000))?.[1]?.trim();
    if (top !== version) continue;
    if (committed <= limit) return commit;
    earliest = commit;
  }
  if (earliest) return earliest;
  // a version older than the archive whose file was already "in progress" at the next one: the
  // archive's earliest file carries its content (XEP-0138 v1.1)
  const first = log[log.length - 1]!.split(' ')[0]!;
  if (new RegExp(`<version>${version.replace('.', '\\.')}</version>`).test(showFile(repo, first, file))) return first;
  throw new Error(`XEP-${number} has no commit at version ${version}`);
}
