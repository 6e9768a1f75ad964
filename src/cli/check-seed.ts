/** npm run seed:check: validates every file of seed/ without touching a database. */
import { loadConfig } from '../config.js';
import { catalogueRefs, readApplicabilityRules, readCatalogues, readCrosswalks } from '../ingest/seed.js';
import { runCli } from './run-cli.js';

await runCli(async () => {
  const config = loadConfig();
  const { catalogues } = await readCatalogues(config.seedDir);
  const { crosswalks } = await readCrosswalks(config.seedDir, catalogueRefs(catalogues));
  const rules = await readApplicabilityRules(config.seedDir, catalogues);
  for (const c of catalogues) console.error(`catalogue ${c.framework.id}: ${c.requirements.length} requirements`);
  for (const x of crosswalks)
    console.error(`crosswalk ${x.set.id} (${x.from} -> ${x.to}): ${x.mappings.length} mappings`);
  console.error(`rules ${rules.framework} applicability: ${rules.rules.length} rules`);
  console.error('seed: valid');
  return 0;
});
