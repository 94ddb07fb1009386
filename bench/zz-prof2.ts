import { tpe } from '../src/algorithms/tpe/tpe.js';
import { createRng } from '../src/core/rng.js';
import { realSpace } from '../src/core/spaces/index.js';
import { coordinateGroups, coordinatesOf } from '../src/algorithms/tpe/coordinates.js';
import { buildParzenEstimator, logParzenDensity, sampleParzen } from '../src/algorithms/tpe/parzen.js';
import { goodTrials } from '../src/algorithms/tpe/split.js';
const space = realSpace({ lower: new Array(10).fill(-5), upper: new Array(10).fill(5) });
const value = (x: number[]) => x.reduce((s, v) => s + v * v, 0);
const context = { space, gradients: false, budget: {} } as any;
const rng = createRng(1);
const state: any = tpe.init(context, { ...tpe.defaultParams }, rng);
const a = tpe.asynchronous!;
for (let k = 0; k < 1000; k++) { const x = space.sample(rng); a.observe(state, context, { params: x, value: value(x as number[]), status: 'complete' }); }
const obs = state.observations;
const coords = coordinatesOf(space as any);
const group = [0,1,2,3,4,5,6,7,8,9];
function time(label: string, f: () => void) { for (let i=0;i<20;i++) f(); const c0 = process.cpuUsage(); const t = performance.now(); for (let i = 0; i < 200; i++) f(); const c = process.cpuUsage(c0); console.log(label, ((performance.now() - t) / 200).toFixed(3), 'ms wall', ((c.user+c.system)/1000/200).toFixed(3), 'cpu'); }
time('goodTrials', () => goodTrials(obs, state.params));
time('groups', () => coordinateGroups(10, obs.map((o: any) => o.active)));
const pts = obs.map((o: any) => o.vector);
time('build g', () => buildParzenEstimator(pts, group, coords, 'multivariate', 1));
const g = buildParzenEstimator(pts, group, coords, 'multivariate', 1);
const l = buildParzenEstimator(pts.slice(0,25), group, coords, 'multivariate', 1);
const draw = new Array(10).fill(0);
time('sample24', () => { for (let c=0;c<24;c++) sampleParzen(l, rng, draw); });
time('density g x24', () => { for (let c=0;c<24;c++) logParzenDensity(g, draw); });
time('propose', () => a.propose(state, context, [], rng));
