// A small builder of ONNX graphs as protobufjs plain objects: named initializers from typed
// arrays (raw little-endian data), nodes with attributes, and the graph's inputs and outputs.
import { ATTRIBUTE_TYPES, DATA_TYPES, type TensorType } from './onnx-proto.js';

/** The typed arrays of each tensor type. */
interface TensorData {
  float: Float32Array;
  uint8: Uint8Array;
  int8: Int8Array;
  int32: Int32Array;
  int64: BigInt64Array;
  double: Float64Array;
}

/** An attribute value: a float or an integer (given as `{ int: n }`). */
export type AttributeValue = number | { int: number };

/** Collects the initializers and nodes of one graph. */
export class OnnxGraph {
  private readonly initializers: Record<string, unknown>[] = [];
  private readonly nodes: Record<string, unknown>[] = [];
  private readonly names = new Set<string>();

  /** Adds a constant tensor; returns its name. */
  constant<T extends TensorType>(
    name: string,
    type: T,
    dims: number[],
    data: TensorData[T],
  ): string {
    this.claim(name);
    const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice();
    this.initializers.push({ name, dataType: DATA_TYPES[type], dims, rawData: bytes });
    return name;
  }

  /** A float32 constant from numbers. */
  floats(name: string, dims: number[], values: ArrayLike<number>): string {
    return this.constant(name, 'float', dims, Float32Array.from(values));
  }

  /** A float64 constant from numbers. */
  doubles(name: string, dims: number[], values: ArrayLike<number>): string {
    return this.constant(name, 'double', dims, Float64Array.from(values));
  }

  /** Adds a node; returns the name of its (first) output. */
  node(
    op: string,
    name: string,
    inputs: string[],
    attributes: Record<string, AttributeValue> = {},
    outputs: string[] = [name],
  ): string {
    for (const output of outputs) this.claim(output);
    this.nodes.push({
      opType: op,
      name,
      input: inputs,
      output: outputs,
      attribute: Object.entries(attributes).map(([key, value]) =>
        typeof value === 'number'
          ? { name: key, type: ATTRIBUTE_TYPES.float, f: value }
          : { name: key, type: ATTRIBUTE_TYPES.int, i: value.int },
      ),
    });
    return outputs[0] as string;
  }

  /** The ModelProto object: one float input `[N][features]` and float outputs `[N][width]`. */
  model(
    graphName: string,
    input: { name: string; width: number },
    outputs: { name: string; width: number }[],
    docString: string,
  ): Record<string, unknown> {
    const valueInfo = (name: string, width: number): Record<string, unknown> => ({
      name,
      type: {
        tensorType: {
          elemType: DATA_TYPES.float,
          shape: { dim: [{ dimParam: 'N' }, { dimValue: width }] },
        },
      },
    });
    return {
      irVersion: 7,
      opsetImport: [{ domain: '', version: 13 }],
      producerName: 'kiln',
      docString,
      graph: {
        name: graphName,
        node: this.nodes,
        initializer: this.initializers,
        input: [valueInfo(input.name, input.width)],
        output: outputs.map((o) => valueInfo(o.name, o.width)),
      },
    };
  }

  private claim(name: string): void {
    if (this.names.has(name)) throw new Error(`ONNX graph: the name ${name} is used twice`);
    this.names.add(name);
  }
}
