// The IDX file format (LeCun's MNIST format, also Fashion-MNIST's): a big-endian header (two zero
// bytes, a type code, the number of dimensions, one 32-bit size per dimension) and the values,
// row-major. Files may be gzipped; a truncated or inconsistent file is reported by name.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { DataFileError } from '../../core/errors.js';

/** The element types of IDX files, by type code. */
const ELEMENT_TYPES: Record<number, { name: string; bytes: number }> = {
  0x08: { name: 'unsigned byte', bytes: 1 },
  0x09: { name: 'signed byte', bytes: 1 },
  0x0b: { name: 'short', bytes: 2 },
  0x0c: { name: 'int', bytes: 4 },
  0x0d: { name: 'float', bytes: 4 },
  0x0e: { name: 'double', bytes: 8 },
};

/** A parsed IDX file: its dimensions and its values in row-major order. */
export interface IdxArray {
  /** Sizes of the dimensions, outermost first (MNIST images: [count, 28, 28]). */
  dimensions: number[];
  /** The element type code (0x08 unsigned byte ... 0x0e double). */
  typeCode: number;
  /** The values: raw bytes for the byte types (no copy), else numbers. */
  values: Uint8Array | Int8Array | Float64Array;
}

/** The bytes of a file, gunzipped when they start with the gzip magic number. */
export function readMaybeGzipped(path: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new DataFileError(
      path,
      undefined,
      code === 'ENOENT' ? 'no such file' : `cannot read it (${String(code)})`,
    );
  }
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return gunzipSync(bytes);
    } catch (error) {
      throw new DataFileError(
        path,
        undefined,
        `is not a complete gzip file (${(error as Error).message}); download it again`,
      );
    }
  }
  return bytes;
}

/** Parses the bytes of an IDX file; `file` names it in errors. */
export function parseIdx(bytes: Uint8Array, file: string): IdxArray {
  if (bytes.length < 4) {
    throw new DataFileError(
      file,
      undefined,
      `is not an IDX file: it has ${bytes.length} bytes, the header alone needs 4`,
    );
  }
  const typeCode = bytes[2] as number;
  const rank = bytes[3] as number;
  const type = ELEMENT_TYPES[typeCode];
  if (bytes[0] !== 0 || bytes[1] !== 0 || type === undefined || rank === 0) {
    const magic = Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0'));
    throw new DataFileError(
      file,
      undefined,
      `is not an IDX file: the magic number must be 00 00 <type 08|09|0b|0c|0d|0e> <dimensions >= 1> (got ${magic.join(' ')})`,
    );
  }
  const headerBytes = 4 + 4 * rank;
  if (bytes.length < headerBytes) {
    throw new DataFileError(
      file,
      undefined,
      `is truncated: its header declares ${rank} dimensions (${headerBytes} header bytes) but the file has ${bytes.length} bytes`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dimensions = Array.from({ length: rank }, (_, i) => view.getUint32(4 + 4 * i, false));
  const count = dimensions.reduce((a, b) => a * b, 1);
  const expected = headerBytes + count * type.bytes;
  if (bytes.length !== expected) {
    throw new DataFileError(
      file,
      undefined,
      `${bytes.length < expected ? 'is truncated' : 'has trailing bytes'}: dimensions ${dimensions.join(' x ')} of ${type.name} values need ${expected} bytes (got ${bytes.length})`,
    );
  }
  const body = headerBytes;
  let values: IdxArray['values'];
  if (typeCode === 0x08) values = bytes.subarray(body, expected);
  else if (typeCode === 0x09) values = new Int8Array(bytes.buffer, bytes.byteOffset + body, count);
  else {
    const numbers = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      const at = body + i * type.bytes;
      numbers[i] =
        typeCode === 0x0b
          ? view.getInt16(at, false)
          : typeCode === 0x0c
            ? view.getInt32(at, false)
            : typeCode === 0x0d
              ? view.getFloat32(at, false)
              : view.getFloat64(at, false);
    }
    values = numbers;
  }
  return { dimensions, typeCode, values };
}

/** Reads an IDX file, gzipped or not. */
export function readIdx(path: string): IdxArray {
  return parseIdx(readMaybeGzipped(path), path);
}

/** Encodes values as an IDX file (the inverse of {@link parseIdx}); unsigned bytes or floats. */
export function encodeIdx(
  dimensions: readonly number[],
  values: ArrayLike<number>,
  typeCode: 0x08 | 0x0d = 0x08,
): Uint8Array {
  const size = typeCode === 0x08 ? 1 : 4;
  const header = 4 + 4 * dimensions.length;
  const bytes = new Uint8Array(header + values.length * size);
  const view = new DataView(bytes.buffer);
  bytes[2] = typeCode;
  bytes[3] = dimensions.length;
  dimensions.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  for (let i = 0; i < values.length; i++) {
    if (typeCode === 0x08) bytes[header + i] = values[i] as number;
    else view.setFloat32(header + i * 4, values[i] as number, false);
  }
  return bytes;
}
