// `kiln export --format onnx` end to end: float and quantized models become ONNX files that read
// back; bad input is refused with exit code 2 and a clear message.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeOnnxModel } from '../../src/training/export/onnx-proto.js';
import { runCli, temporaryFolder } from '../helpers/cli.js';
import { writeTrainedModel } from '../helpers/model-documents.js';

let work = '';

beforeAll(async () => {
  work = temporaryFolder();
  writeTrainedModel(work, 'wine', { model: { hidden: [6] }, epochs: 3, seed: 3 });
  await runCli(['quantize', 'model.json', '--output', 'q.json'], work);
});

describe('kiln export', () => {
  it('exports a float model beside it and describes the graph', async () => {
    const { code, stdout, stderr } = await runCli(
      ['export', 'model.json', '--format', 'onnx', '--json'],
      work,
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      format: 'onnx',
      quantized: false,
      input: 'features',
      outputs: ['logits', 'probabilities'],
      opset: 13,
    });
    const graph = decodeOnnxModel(readFileSync(join(work, 'model.onnx'))).graph as {
      node: { opType: string }[];
    };
    // Normalized in float64 (as kiln does), then the layers in float32.
    expect(graph.node.map((n) => n.opType)).toEqual([
      'Cast',
      'Sub',
      'Div',
      'Cast',
      'MatMul',
      'Add',
      'Relu',
      'MatMul',
      'Add',
      'Identity',
      'Softmax',
    ]);
  });

  it('exports a quantized model in integer or QDQ form', async () => {
    for (const form of ['integer', 'qdq']) {
      const { code, stdout } = await runCli(
        ['export', 'q.json', '--form', form, '--output', `q-${form}.onnx`],
        work,
      );
      expect(code).toBe(0);
      expect(stdout).toMatch(new RegExp(`quantized \\(${form} form\\) model exported as ONNX`));
      const graph = decodeOnnxModel(readFileSync(join(work, `q-${form}.onnx`))).graph as {
        node: { opType: string }[];
      };
      expect(
        graph.node.some(
          (n) => n.opType === (form === 'integer' ? 'MatMulInteger' : 'DequantizeLinear'),
        ),
      ).toBe(true);
    }
  });

  it('refuses a file that is not a model, and a model with inconsistent shapes', async () => {
    writeFileSync(join(work, 'notes.json'), '{"hello": 1}');
    const notModel = await runCli(['export', 'notes.json'], work);
    expect(notModel.code).toBe(2);
    expect(notModel.stderr).toMatch(/notes\.json: is not a kiln model/);
    const quantized = JSON.parse(readFileSync(join(work, 'q.json'), 'utf8'));
    quantized.layers[1].bias.push(0.5);
    writeFileSync(join(work, 'broken.json'), JSON.stringify(quantized));
    const broken = await runCli(['export', 'broken.json'], work);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.json: \/layers\/1\/bias must hold 3 numbers \(got 4\)/);
  });

  it('refuses an output path it cannot write, and creates a missing folder', async () => {
    const blocked = await runCli(['export', 'model.json', '--output', 'model.json/m.onnx'], work);
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toMatch(
      /model\.json\/m\.onnx: cannot write it \(a file of that name is in the way/,
    );
    expect(blocked.stderr).not.toMatch(/at .*\.(ts|js)/);
    const nested = await runCli(['export', 'model.json', '--output', 'out/deeper/m.onnx'], work);
    expect(nested.code).toBe(0);
    expect(readFileSync(join(work, 'out/deeper/m.onnx')).length).toBeGreaterThan(0);
  });

  it('refuses an unknown format or form', async () => {
    const format = await runCli(['export', 'model.json', '--format', 'tflite'], work);
    expect(format.code).toBe(2);
    expect(format.stderr).toMatch(/export: format must be one of "onnx" \(got "tflite"\)/);
    const form = await runCli(['export', 'q.json', '--form', 'qoperator'], work);
    expect(form.code).toBe(2);
  });
});
