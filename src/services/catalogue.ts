/** The catalogue: its frameworks, and what changed between two versions of one. */
import type { FrameworkRow } from '../graph/rows.js';
import { diffVersions } from '../domain/version-diff.js';
import { NotFoundError } from '../errors.js';
import { listFrameworks, listVersionEntries } from '../graph/statements/catalogue.js';
import { checkId } from './checks.js';
import type { RequestScope } from './scope.js';
import type { VersionDiffView } from './views.js';

export async function listAllFrameworks(scope: RequestScope): Promise<FrameworkRow[]> {
  return (await scope.graph.read(listFrameworks())).map(({ framework }) => framework);
}

/** Requirements added, removed, retitled or moved between two versions of a framework. */
export async function frameworkVersionDiff(
  scope: RequestScope,
  args: { framework: string; from: string; to: string },
): Promise<VersionDiffView> {
  const framework = await scope.loaders.frameworkById.load(checkId(args.framework, 'framework'));
  if (framework === null) throw new NotFoundError('Framework', args.framework);
  const versions = await scope.loaders.versionsByFrameworkId.load(framework.id);
  const find = (label: string, field: string) => {
    const version = versions.find((v) => v.version === checkId(label, field));
    if (version === undefined) throw new NotFoundError(`Version of ${framework.id}`, label);
    return version;
  };
  const from = find(args.from, 'from');
  const to = find(args.to, 'to');
  const [before, after] = await Promise.all([
    scope.graph.read(listVersionEntries(from.id)),
    scope.graph.read(listVersionEntries(to.id)),
  ]);
  const changes = diffVersions(
    before.map((r) => r.entry),
    after.map((r) => r.entry),
  );
  return { framework, from, to, changes };
}
