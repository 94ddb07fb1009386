// The slice of the WebAssembly JavaScript API the kernels use, typed here since this build has
// no DOM typings.
/** A compiled WebAssembly module. */
export type WasmModule = object;
/** The constructors of `WebAssembly` the kernels call. */
export interface WasmApi {
  Module: new (bytes: Uint8Array) => WasmModule;
  Instance: new (
    module: WasmModule,
    imports: Record<string, Record<string, unknown>>,
  ) => { exports: Record<string, unknown> };
  Memory: new (descriptor: { initial: number; maximum?: number }) => { buffer: ArrayBuffer };
}
/** `globalThis.WebAssembly`, typed as {@link WasmApi}. */
export const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
