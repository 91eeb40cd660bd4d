// The seed's four figures per net, as SVG: loss curve, accuracy curve (train as the solution
// reported it, test as the grader scored the per-epoch predictions), and the PCA and t-SNE maps of
// the output layer coloured by class. File names: <net>-loss.svg, <net>-accuracy.svg, <net>-pca.svg,
// <net>-tsne.svg, which templates/sjtu-lenet-mynet.md.hbs places.
import { writeFile } from 'node:fs/promises';
import type { Arch } from '../../contracts/sjtu-lenet-mynet.ts';
import type { RequirementContext } from '../../grading/spec.ts';
import { lineChart, scatterChart } from '../../report/charts.ts';
import type { Map2d } from './embeddings.ts';

export const netName: Record<Arch, string> = { lenet: 'LeNet', mynet: 'MyNet' };

const epochs = (v: number[]) => v.map((_, i) => i + 1);

export async function curveFigures(r: RequirementContext, arch: Arch, loss: number[], trainAccuracy: number[], testAccuracy: number[]): Promise<void> {
  const net = netName[arch];
  await r.figure(`${arch}-loss.svg`, async (file) => writeFile(file, await lineChart(
    [{ name: 'training loss', x: epochs(loss), y: loss }],
    { title: `${net}: loss curve (mean training cross-entropy per epoch)`, xLabel: 'epoch', yLabel: 'cross-entropy' })));
  const series = [{ name: 'train (solution)', x: epochs(trainAccuracy), y: trainAccuracy }];
  if (testAccuracy.length) series.push({ name: 'test (grader)', x: epochs(testAccuracy), y: testAccuracy });
  await r.figure(`${arch}-accuracy.svg`, async (file) => writeFile(file, await lineChart(series,
    { title: `${net}: accuracy curve`, xLabel: 'epoch', yLabel: 'accuracy' })));
}

export async function mapFigure(r: RequirementContext, arch: Arch, method: 'pca' | 'tsne', map: Map2d, classNames: string[], note: string): Promise<void> {
  const net = netName[arch];
  const title = method === 'pca' ? `${net}: output layer, PCA (${note})` : `${net}: output layer, t-SNE (${note})`;
  const axis = method === 'pca' ? 'principal component' : 't-SNE';
  await r.figure(`${arch}-${method}.svg`, async (file) => writeFile(file, await scatterChart(map.points, map.labels,
    { title, xLabel: `${axis} 1`, yLabel: `${axis} 2`, classNames })));
}
