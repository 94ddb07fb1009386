// The yargs definitions of the model commands: train, predict, quantize, export (to ONNX) and
// merge (a fine-tuning adapter into its base).
import {
  configArgument,
  JSON_OPTION,
  OUTPUT_OPTION,
  seedOption,
  type CommandLine,
} from './command-options.js';
import { exportCommand } from './export-command.js';
import { mergeCommand } from './merge-command.js';
import { checkOverrides } from './overrides.js';
import { predictCommand } from './predict-command.js';
import { quantizeCommand } from './quantize-command.js';
import { trainCommand } from './train-command.js';

/** Defines `kiln train <config>`. */
export const trainCommandLine: CommandLine = (parser, guard, io) =>
  parser.command(
    'train <config>',
    'Train a dense network on a dataset as a config file describes',
    (y) =>
      y
        .positional('config', configArgument('train'))
        .option('seed', seedOption('run'))
        .option('output', OUTPUT_OPTION)
        .option('json', JSON_OPTION),
    guard((args) =>
      trainCommand(
        {
          config: args.config,
          json: args.json,
          ...checkOverrides(args, ['seed', 'output']),
        },
        io,
      ),
    ),
  );

/** Defines `kiln predict <model> <data>`. */
export const predictCommandLine: CommandLine = (parser, guard, io) =>
  parser.command(
    'predict <model> <data>',
    "Predict the rows of a CSV file with a trained model (kiln train's model.json)",
    (y) =>
      y
        .positional('model', {
          type: 'string',
          demandOption: true,
          describe: 'Path of model.json',
        })
        .positional('data', {
          type: 'string',
          demandOption: true,
          describe: "CSV file with a header row naming the model's feature columns",
        })
        .option('json', JSON_OPTION),
    guard((args) => predictCommand({ model: args.model, data: args.data, json: args.json }, io)),
  );

/** Defines `kiln quantize <model>`. */
export const quantizeCommandLine: CommandLine = (parser, guard, io) =>
  parser.command(
    'quantize <model>',
    'Quantize a trained model after training (int8 or fewer weight bits, 8-bit activations)',
    (y) =>
      y
        .positional('model', {
          type: 'string',
          demandOption: true,
          describe: "Path of a float model.json (kiln train's)",
        })
        .option('calibration', {
          type: 'string',
          describe:
            "Dataset name (its training rows, the first 10,000 at most; accuracy on its test rows) or CSV file to calibrate the activation ranges on (default: the model's training dataset)",
        })
        .option('weights', {
          type: 'string',
          choices: ['int', 'nf4'] as const,
          default: 'int' as const,
          describe:
            'int: integer weights of --weights-bits with 8-bit activations; nf4: 4-bit NormalFloat weights (blocks of 64, double quantization), float activations',
        })
        .option('weights-bits', {
          type: 'number',
          choices: [8, 4, 3, 2],
          // No default here: --weights nf4 refuses the option when it is given (see quantize-command.ts).
          defaultDescription: '8',
          describe: 'Bits per weight',
        })
        .option('scheme', {
          type: 'string',
          choices: ['per-channel', 'per-tensor'] as const,
          defaultDescription: 'per-channel',
          describe: 'One weight scale per output row, or one per layer',
        })
        .option('observer', {
          type: 'string',
          choices: ['minmax', 'moving-average', 'percentile'] as const,
          defaultDescription: 'minmax',
          describe: 'How activation ranges are observed',
        })
        .option('convention', {
          type: 'string',
          choices: ['torch', 'onnx'] as const,
          defaultDescription: 'torch',
          describe:
            "Rounding: PyTorch's (reciprocal multiply, float64 requantization) or ONNX Runtime's (division, float32)",
        })
        .option('output', {
          type: 'string',
          describe: 'Path of the quantized model (default: <model>-int<bits>.json beside it)',
        })
        .option('json', JSON_OPTION),
    guard((args) =>
      quantizeCommand(
        {
          model: args.model,
          json: args.json,
          weights: args.weights,
          ...(args.weightsBits === undefined
            ? {}
            : { weightsBits: args.weightsBits as 8 | 4 | 3 | 2 }),
          ...(args.scheme === undefined ? {} : { scheme: args.scheme }),
          ...(args.observer === undefined ? {} : { observer: args.observer }),
          ...(args.convention === undefined ? {} : { convention: args.convention }),
          ...(args.calibration === undefined ? {} : { calibration: args.calibration }),
          ...(args.output === undefined ? {} : { output: args.output }),
        },
        io,
      ),
    ),
  );

/** Defines `kiln export <model>`. */
export const exportCommandLine: CommandLine = (parser, guard, io) =>
  parser.command(
    'export <model>',
    'Export a float or quantized model (normalization included) to ONNX',
    (y) =>
      y
        .positional('model', {
          type: 'string',
          demandOption: true,
          describe: 'Path of model.json (kiln train) or a quantized model (kiln quantize)',
        })
        .option('format', {
          type: 'string',
          choices: ['onnx'] as const,
          default: 'onnx' as const,
          describe: 'File format',
        })
        .option('form', {
          type: 'string',
          choices: ['integer', 'qdq'] as const,
          default: 'integer' as const,
          describe:
            "Quantized models: integer (MatMulInteger, bit-exact to kiln's onnx convention) or qdq (QuantizeLinear/DequantizeLinear around float MatMuls)",
        })
        .option('output', {
          type: 'string',
          describe: 'Path of the ONNX file (default: <model>.onnx beside it)',
        })
        .option('json', JSON_OPTION),
    guard((args) =>
      exportCommand(
        {
          model: args.model,
          format: args.format,
          form: args.form,
          json: args.json,
          ...(args.output === undefined ? {} : { output: args.output }),
        },
        io,
      ),
    ),
  );

/** Defines `kiln merge <base> <adapter>`. */
export const mergeCommandLine: CommandLine = (parser, guard, io) =>
  parser.command(
    'merge <base> <adapter>',
    "Merge a fine-tuning run's adapter.json into the base model it was trained on",
    (y) =>
      y
        .positional('base', {
          type: 'string',
          demandOption: true,
          describe: 'Path of the base model.json the adapter names by content hash',
        })
        .positional('adapter', {
          type: 'string',
          demandOption: true,
          describe: 'Path of adapter.json (kiln train with lora, freeze or newHead)',
        })
        .option('output', {
          type: 'string',
          describe: 'Path of the merged model (default: <adapter>-merged.json beside it)',
        })
        .option('json', JSON_OPTION),
    guard((args) =>
      mergeCommand(
        {
          base: args.base,
          adapter: args.adapter,
          json: args.json,
          ...(args.output === undefined ? {} : { output: args.output }),
        },
        io,
      ),
    ),
  );
