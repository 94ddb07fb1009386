// A minimal WebAssembly binary writer: functions over one imported memory, with the scalar and
// SIMD (128-bit) instructions the dense-layer kernels use. Encoding per the WebAssembly core
// specification 2.0, section 5 (binary format), and the fixed-width SIMD opcode table.

/** The value types kernels use. */
export type ValueType = 'i32' | 'f32' | 'f64' | 'v128';

const TYPE_CODES: Record<ValueType, number> = { i32: 0x7f, f32: 0x7d, f64: 0x7c, v128: 0x7b };

/** One-byte scalar opcodes by their text-format name. */
const SCALAR_OPCODES = {
  'i32.eqz': 0x45,
  'i32.lt_s': 0x48,
  'i32.gt_s': 0x4a,
  'i32.le_s': 0x4c,
  'i32.ge_s': 0x4e,
  'i32.add': 0x6a,
  'i32.sub': 0x6b,
  'i32.mul': 0x6c,
  'i32.shl': 0x74,
  'f32.nearest': 0x90,
  'f32.add': 0x92,
  'f32.sub': 0x93,
  'f32.mul': 0x94,
  'f32.div': 0x95,
  'f64.nearest': 0x9e,
  'f64.add': 0xa0,
  'f64.sub': 0xa1,
  'f64.mul': 0xa2,
  'f64.div': 0xa3,
  'f64.min': 0xa4,
  'f64.max': 0xa5,
  'i32.trunc_f64_s': 0xaa,
  'f32.convert_i32_s': 0xb2,
  'f32.demote_f64': 0xb6,
  'f64.convert_i32_s': 0xb7,
  'f64.promote_f32': 0xbb,
} as const;

/** SIMD opcodes (after the 0xfd prefix) by their text-format name. */
const SIMD_OPCODES = {
  'f32x4.splat': 0x13,
  'f64x2.splat': 0x14,
  'f32x4.gt': 0x44,
  'f32x4.demote_f64x2_zero': 0x5e,
  'f64x2.promote_low_f32x4': 0x5f,
  'f32x4.nearest': 0x6a,
  'i16x8.narrow_i32x4_s': 0x85,
  'f64x2.nearest': 0x94,
  'f64x2.gt': 0x4a,
  'v128.and': 0x4e,
  'v128.bitselect': 0x52,
  'i32x4.add': 0xae,
  'i32x4.sub': 0xb1,
  'i32x4.dot_i16x8_s': 0xba,
  'f32x4.sqrt': 0xe3,
  'f32x4.add': 0xe4,
  'f32x4.sub': 0xe5,
  'f32x4.mul': 0xe6,
  'f32x4.div': 0xe7,
  'f32x4.min': 0xe8,
  'f32x4.max': 0xe9,
  'f64x2.sqrt': 0xef,
  'f64x2.add': 0xf0,
  'f64x2.sub': 0xf1,
  'f64x2.mul': 0xf2,
  'f64x2.div': 0xf3,
  'f64x2.min': 0xf4,
  'f64x2.max': 0xf5,
  'i32x4.trunc_sat_f32x4_s': 0xf8,
  'f32x4.convert_i32x4_s': 0xfa,
  'i32x4.trunc_sat_f64x2_s_zero': 0xfc,
  'f64x2.convert_low_i32x4_s': 0xfe,
} as const;

export type ScalarOp = keyof typeof SCALAR_OPCODES;
export type SimdOp = keyof typeof SIMD_OPCODES;

function unsignedLeb(value: number, out: number[]): void {
  let v = value >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
}

function signedLeb(value: number, out: number[]): void {
  let v = value | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return;
    }
    out.push(byte | 0x80);
  }
}

/** The body of one exported function, written instruction by instruction. */
export class FunctionBuilder {
  readonly name: string;
  readonly params: readonly ValueType[];
  private readonly locals: ValueType[] = [];
  private readonly code: number[] = [];

  constructor(name: string, params: readonly ValueType[]) {
    this.name = name;
    this.params = params;
  }

  /** A new local variable; returns its index. */
  local(type: ValueType): number {
    this.locals.push(type);
    return this.params.length + this.locals.length - 1;
  }

  get(index: number): this {
    this.code.push(0x20);
    unsignedLeb(index, this.code);
    return this;
  }

  set(index: number): this {
    this.code.push(0x21);
    unsignedLeb(index, this.code);
    return this;
  }

  tee(index: number): this {
    this.code.push(0x22);
    unsignedLeb(index, this.code);
    return this;
  }

  i32(value: number): this {
    this.code.push(0x41);
    signedLeb(value, this.code);
    return this;
  }

  f64(value: number): this {
    this.code.push(0x44, ...new Uint8Array(Float64Array.of(value).buffer));
    return this;
  }

  op(name: ScalarOp): this {
    this.code.push(SCALAR_OPCODES[name]);
    return this;
  }

  simd(name: SimdOp): this {
    this.code.push(0xfd);
    unsignedLeb(SIMD_OPCODES[name], this.code);
    return this;
  }

  /** The lanes of two v128 operands picked by 32-bit lane index (0-3 first, 4-7 second). */
  shuffle32(lanes: readonly [number, number, number, number]): this {
    this.code.push(0xfd, 0x0d);
    for (const lane of lanes) this.code.push(lane * 4, lane * 4 + 1, lane * 4 + 2, lane * 4 + 3);
    return this;
  }

  /** Stores 64-bit lane `lane` of the v128 on the stack at the address below it plus `offset`. */
  storeLane64(lane: number, offset = 0): this {
    this.code.push(0xfd, 0x5b, 3);
    unsignedLeb(offset, this.code);
    this.code.push(lane);
    return this;
  }

  /** A v128 of zeros. */
  zero(): this {
    this.code.push(0xfd, 0x0c, ...new Array<number>(16).fill(0));
    return this;
  }

  /** Loads a value of `type` from the address on the stack plus `offset` bytes. */
  load(type: 'f32' | 'f64' | 'v128', offset = 0): this {
    if (type === 'v128') this.code.push(0xfd, 0x00, 4);
    else this.code.push(type === 'f32' ? 0x2a : 0x2b, type === 'f32' ? 2 : 3);
    unsignedLeb(offset, this.code);
    return this;
  }

  /** Loads one f32 or f64 from the address on the stack plus `offset` into every lane (load + splat). */
  loadSplat(type: 'f32' | 'f64', offset = 0): this {
    this.code.push(0xfd, type === 'f32' ? 0x09 : 0x0a, type === 'f32' ? 2 : 3);
    unsignedLeb(offset, this.code);
    return this;
  }

  /**
   * Stores the value on the stack at the address below it plus `offset` bytes (`i16`: the low 16
   * bits of an i32).
   */
  store(type: 'f32' | 'f64' | 'v128' | 'i16', offset = 0): this {
    if (type === 'v128') this.code.push(0xfd, 0x0b, 4);
    else if (type === 'i16') this.code.push(0x3b, 1);
    else this.code.push(type === 'f32' ? 0x38 : 0x39, type === 'f32' ? 2 : 3);
    unsignedLeb(offset, this.code);
    return this;
  }

  /** Extracts lane `lane` of a f32x4, f64x2 or i32x4 as a scalar. */
  extractLane(shape: 'f32x4' | 'f64x2' | 'i32x4', lane: number): this {
    this.code.push(0xfd, shape === 'f32x4' ? 0x1f : shape === 'f64x2' ? 0x21 : 0x1b, lane);
    return this;
  }

  block(): this {
    this.code.push(0x02, 0x40);
    return this;
  }

  loop(): this {
    this.code.push(0x03, 0x40);
    return this;
  }

  end(): this {
    this.code.push(0x0b);
    return this;
  }

  br(depth: number): this {
    this.code.push(0x0c);
    unsignedLeb(depth, this.code);
    return this;
  }

  brIf(depth: number): this {
    this.code.push(0x0d);
    unsignedLeb(depth, this.code);
    return this;
  }

  /**
   * `while (condition) body`: `condition` leaves an i32 on the stack. Inside `body`, depth 0 is
   * the loop (continue) and depth 1 the enclosing block (break).
   */
  whileLoop(condition: () => void, body: () => void): this {
    this.block().loop();
    condition();
    this.op('i32.eqz').brIf(1);
    body();
    this.br(0).end().end();
    return this;
  }

  /** `while (counter + step <= limit) { body; counter += step }`, over i32 locals. */
  steppedLoop(counter: number, step: number, limit: number, body: () => void): this {
    return this.whileLoop(
      () => this.get(counter).i32(step).op('i32.add').get(limit).op('i32.le_s'),
      () => {
        body();
        this.get(counter).i32(step).op('i32.add').set(counter);
      },
    );
  }

  /**
   * Blocks of `tile`, then the remainder one at a time: `counter = 0`, then `body(tile)` while
   * a whole block fits below `limit`, then `body(1)` for what is left; the loop, not the body,
   * advances the counter.
   */
  tiledLoop(counter: number, tile: number, limit: number, body: (step: number) => void): this {
    this.i32(0).set(counter);
    this.steppedLoop(counter, tile, limit, () => body(tile));
    return this.steppedLoop(counter, 1, limit, () => body(1));
  }

  /** The code section entry of this function. */
  encode(): number[] {
    const groups: [number, ValueType][] = [];
    for (const type of this.locals) {
      const last = groups[groups.length - 1];
      if (last !== undefined && last[1] === type) last[0]++;
      else groups.push([1, type]);
    }
    const body: number[] = [];
    unsignedLeb(groups.length, body);
    for (const [count, type] of groups) {
      unsignedLeb(count, body);
      body.push(TYPE_CODES[type]);
    }
    body.push(...this.code, 0x0b);
    const out: number[] = [];
    unsignedLeb(body.length, out);
    return out.concat(body);
  }
}

function section(id: number, content: number[]): number[] {
  const out = [id];
  unsignedLeb(content.length, out);
  return out.concat(content);
}

function vector(items: number[][]): number[] {
  const out: number[] = [];
  unsignedLeb(items.length, out);
  for (const item of items) out.push(...item);
  return out;
}

function name(text: string): number[] {
  const bytes = Array.from(new TextEncoder().encode(text));
  const out: number[] = [];
  unsignedLeb(bytes.length, out);
  return out.concat(bytes);
}

/**
 * A module that imports its memory as `env.memory` and exports `functions` (no results: kernels
 * write into memory).
 */
export function buildModule(functions: readonly FunctionBuilder[]): Uint8Array {
  const types = functions.map((f) => [0x60, ...vector(f.params.map((p) => [TYPE_CODES[p]])), 0x00]);
  const memoryImport = [...name('env'), ...name('memory'), 0x02, 0x00, 0x01];
  const bytes = [
    0x00,
    0x61,
    0x73,
    0x6d,
    0x01,
    0x00,
    0x00,
    0x00,
    ...section(1, vector(types)),
    ...section(2, vector([memoryImport])),
    ...section(
      3,
      vector(
        functions.map((_, i) => {
          const out: number[] = [];
          unsignedLeb(i, out);
          return out;
        }),
      ),
    ),
    ...section(
      7,
      vector(
        functions.map((f, i) => {
          const out = [...name(f.name), 0x00];
          unsignedLeb(i, out);
          return out;
        }),
      ),
    ),
    ...section(10, vector(functions.map((f) => f.encode()))),
  ];
  return Uint8Array.from(bytes);
}
