// The official ONNX protobuf schema (data/onnx/onnx.proto, see its README) loaded with protobufjs:
// encoding a model object to bytes and decoding bytes back, so that no field is written by hand.
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

// src/training/export and dist/training/export both sit three levels below the package root.
const SCHEMA = fileURLToPath(new URL('../../../data/onnx/onnx.proto', import.meta.url));

let modelType: protobuf.Type | undefined;

function modelProto(): protobuf.Type {
  modelType ??= protobuf.loadSync(SCHEMA).lookupType('onnx.ModelProto');
  return modelType;
}

/** ONNX TensorProto.DataType codes kiln writes. */
export const DATA_TYPES = { float: 1, uint8: 2, int8: 3, int32: 6, int64: 7, double: 11 } as const;
export type TensorType = keyof typeof DATA_TYPES;

/** AttributeProto.AttributeType codes kiln writes. */
export const ATTRIBUTE_TYPES = { float: 1, int: 2 } as const;

/** Encodes a ModelProto given as a plain object (protobufjs field names, camelCase). */
export function encodeOnnxModel(model: Record<string, unknown>): Uint8Array {
  const type = modelProto();
  const problem = type.verify(model);
  if (problem !== null) throw new Error(`ONNX model does not fit onnx.proto: ${problem}`);
  return type.encode(type.fromObject(model)).finish();
}

/** Decodes ONNX model bytes to a plain object (int64 values as numbers, bytes as Uint8Array). */
export function decodeOnnxModel(bytes: Uint8Array): Record<string, unknown> {
  const type = modelProto();
  return type.toObject(type.decode(bytes), { longs: Number, defaults: false });
}
