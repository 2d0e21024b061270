// SPDX-License-Identifier: EUPL-1.2
// Writes communes.json, the name and legal population of each commune of the given
// départements, from @etalab/decoupage-administratif's data/communes.json (README.md here).
// Usage: node make-communes.mjs PATH/TO/communes.json 46 [19 …] > communes.json
import { readFileSync } from 'node:fs';

const [source, ...departements] = process.argv.slice(2);
if (!source || departements.length === 0) {
  console.error('usage: node make-communes.mjs PATH/TO/communes.json DEPARTEMENT…');
  process.exit(2);
}
const out = {};
// Only current communes: a former commune merged into a new one keeps its code as a "commune
// déléguée" but has no population of its own.
for (const c of JSON.parse(readFileSync(source, 'utf8'))) {
  if (c.type !== 'commune-actuelle' || !departements.includes(c.departement)) continue;
  out[c.code] = { nom: c.nom, population: c.population ?? null };
}
const sorted = Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
process.stdout.write(JSON.stringify(sorted).replaceAll('},"', '},\n"') + '\n');
