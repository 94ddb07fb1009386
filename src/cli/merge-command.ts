// `kiln merge <base.json> <adapter.json> [--output merged.json]`: puts a fine-tuning run's
// adapters (W + s·B·A, in float64) and trained layers into the base model it names by content
// hash, and writes the complete model that kiln predict, quantize and export read.
import { basename, dirname, extname, join, resolve } from 'node:path';
import { mergeAdapter, readAdapter } from '../training/fine-tuning/adapter.js';
import { readModel } from '../training/model.js';
import { writeJson, writeOutputFile, type CliIo } from './io.js';

/** Arguments of `kiln merge`. */
export interface MergeArguments {
  base: string;
  adapter: string;
  output?: string;
  json?: boolean;
}

/** Runs `kiln merge`; returns the exit code. */
export function mergeCommand(args: MergeArguments, io: CliIo): number {
  const basePath = resolve(io.cwd, args.base);
  const adapterPath = resolve(io.cwd, args.adapter);
  const base = readModel(basePath);
  const adapter = readAdapter(adapterPath);
  const merged = mergeAdapter(base, adapter, adapterPath);
  const output = resolve(
    io.cwd,
    args.output ??
      join(dirname(adapterPath), `${basename(adapterPath, extname(adapterPath))}-merged.json`),
  );
  writeOutputFile(output, `${JSON.stringify(merged)}\n`);
  const a = merged.architecture;
  const report = {
    base: basePath,
    adapter: adapterPath,
    output,
    contentHash: adapter.base.contentHash,
    network: [a.inputs, ...a.hidden, a.outputs].join('-'),
    adaptedLayers: adapter.adapters.map((x) => x.layer),
    trainedLayers: adapter.layers.map((x) => x.layer),
    baseQuantization: adapter.baseQuantization,
  };
  if (args.json === true) {
    writeJson(io, report);
    return 0;
  }
  const onto = adapter.baseQuantization === null ? 'the float base' : 'the NF4-dequantized base';
  io.stdout.write(
    `merged ${adapter.adapters.length} adapter(s) (layers ${report.adaptedLayers.join(', ') || '-'}) and ${adapter.layers.length} trained layer(s) onto ${onto} ${report.network}\nwritten to ${output}\n`,
  );
  return 0;
}
