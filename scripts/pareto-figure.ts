// The README's Pareto figure: the front chart of a multi-objective study folder, drawn by the
// report's own code as a standalone SVG.
//
//   npx tsx scripts/pareto-figure.ts <study folder> <output.svg> [title]
import { writeFileSync } from 'node:fs';
import { paretoFrontChart } from '../src/report/charts/pareto-front.js';
import { paretoModel } from '../src/report/pareto.js';
import { readStudyModel } from '../src/report/study-model.js';

const [folder, output, title] = process.argv.slice(2);
if (folder === undefined || output === undefined) {
  console.error('usage: npx tsx scripts/pareto-figure.ts <study folder> <output.svg> [title]');
  process.exit(2);
}
const model = readStudyModel(folder);
if (model.objectives < 2) {
  console.error(`${folder}: not a multi-objective study`);
  process.exit(2);
}
const svg = paretoFrontChart(paretoModel(model.trials, model.objectiveDeclarations), {
  standalone: true,
  ...(title === undefined ? {} : { title }),
});
writeFileSync(output, `${svg}\n`);
console.log(`wrote ${output}`);
