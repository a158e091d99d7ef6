#!/usr/bin/env node
// litert_run: runs .tflite models with LiteRT.js (Google's TFLite runtime built
// for WebAssembly) on the CPU, as the reference that litequant's tests compare to.
//
//   node tools/oracle/litert_run.mjs MODEL.tflite --input in0.npy [--input in1.npy ...] --output-dir DIR
//        [--output-shape 1,1,5,32 ...]
//   node tools/oracle/litert_run.mjs --batch JOBS.json
//   node tools/oracle/litert_run.mjs MODEL.tflite [MODEL2.tflite ...] --info
//
// Inputs are given in the order of subgraph 0's inputs; each .npy must have the
// input tensor's element type and shape (a dimension that is -1 in the tensor's
// shape_signature may take any size, but then LiteRT.js needs the expected
// output shapes, see fitShapes). DIR/output_0.npy, output_1.npy, ... are written
// in the order of subgraph 0's outputs, in each output's own element type.
// JOBS.json is a list [{"model": M, "inputs": [...], "output_dir": D,
// "output_shapes": [[...], ...] (optional)}, ...] run in one process, since
// starting the WASM runtime is slow; relative paths are taken from the current
// directory. A job that fails writes D/error.txt and the other jobs still run.
// --info prints, per model, one JSON line listing its inputs and outputs (name,
// type, npy dtype, shape) in subgraph 0's order.
// stdout gets one line naming the runtime (then the --info lines); errors go to
// stderr, one line each. Exit code: 0 when all jobs ran, 1 when one failed, 2 on
// a usage error. --verbose passes LiteRT's own log to stderr.

import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { readNpy, writeNpy, npyItemSize, prepareOutputDir } from './npy.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CORE_DIR = path.join(HERE, 'node_modules', '@litertjs', 'core');
// The single-threaded build without relaxed SIMD. Node 20 cannot run relaxed
// SIMD anyway, and without it the results do not depend on the host CPU.
const WASM_JS = path.join(CORE_DIR, 'wasm', 'litert_wasm_compat_internal.js');

class UsageError extends Error {}

// ---- npy dtypes (npy.mjs reads and writes the files).

// npy descr -> LiteRT element type name. LiteRT copies raw bytes, so no
// conversion is needed for any of them (float16 included).
const NPY_TO_ELEMENT = {
  '<f4': 'FLOAT32', '<f2': 'FLOAT16', '<f8': 'FLOAT64',
  '|i1': 'INT8', '|u1': 'UINT8', '<i2': 'INT16', '<u2': 'UINT16',
  '<i4': 'INT32', '<u4': 'UINT32', '<i8': 'INT64', '<u8': 'UINT64', '|b1': 'BOOL',
};
const ELEMENT_TO_NPY = Object.fromEntries(Object.entries(NPY_TO_ELEMENT).map(([d, e]) => [e, d]));

// ---- Just enough FlatBuffers to read (and patch) a .tflite file's tensor lists.
// LiteRT.js lists a signature's tensors in the SignatureDef's order (TF sorts
// them by name), which may differ from subgraph 0's inputs/outputs; this maps one
// to the other. Field numbers are from TFLite's schema.fbs.

function fbField(b, table, id) {
  const vtable = table - b.readInt32LE(table);
  const off = 4 + 2 * id < b.readUInt16LE(vtable) ? b.readUInt16LE(vtable + 4 + 2 * id) : 0;
  return off ? table + off : 0;
}
const fbDeref = (b, pos) => pos + b.readUInt32LE(pos);
const fbUint = (b, table, id) => { const p = fbField(b, table, id); return p ? b.readUInt32LE(p) : 0; };
function fbString(b, table, id) {
  const p = fbField(b, table, id);
  if (!p) return '';
  const s = fbDeref(b, p);
  return b.toString('utf8', s + 4, s + 4 + b.readUInt32LE(s));
}
// Positions of a vector's 4-byte elements (read scalars there; fbDeref them for tables).
function fbVector(b, table, id) {
  const p = fbField(b, table, id);
  if (!p) return [];
  const v = fbDeref(b, p);
  return Array.from({ length: b.readUInt32LE(v) }, (_, i) => v + 4 + 4 * i);
}

function readModelInfo(b) {
  if (b.length < 8 || b.toString('latin1', 4, 8) !== 'TFL3') throw new Error('not a .tflite file (no TFL3 identifier)');
  try {
    return readModelTables(b);
  } catch (e) {
    if (e instanceof RangeError) throw new Error(`broken .tflite file (${e.message})`);
    throw e;
  }
}

function readModelTables(b) {
  const model = fbDeref(b, 0);
  const subgraphs = fbVector(b, model, 2); // Model.subgraphs
  if (subgraphs.length === 0) throw new Error('model has no subgraphs');
  const sg0 = fbDeref(b, subgraphs[0]);
  const tensors = fbVector(b, sg0, 0); // SubGraph.tensors
  const tensorList = (id) => fbVector(b, sg0, id).map((p) => b.readInt32LE(p));
  // Tensor { shape: 0, shape_signature: 7 }; -1 in shape_signature marks a dynamic
  // dimension. Keeps where the dimensions are stored, for fitShapes.
  const tensorShape = (t) => {
    const table = fbDeref(b, tensors[t]);
    const shapeAt = fbVector(b, table, 0);
    const signatureAt = fbVector(b, table, 7);
    const shape = shapeAt.map((p) => b.readInt32LE(p));
    const signature = signatureAt.length === shape.length ? signatureAt.map((p) => b.readInt32LE(p)) : shape;
    return { shape, signature, shapeAt, signatureAt };
  };
  const tensorMap = (table, id) => new Map(fbVector(b, table, id).map((p) => {
    const m = fbDeref(b, p); // TensorMap { name: 0, tensor_index: 1 }
    return [fbString(b, m, 0), fbUint(b, m, 1)];
  }));
  const inputs = tensorList(1); // SubGraph.inputs
  const outputs = tensorList(2); // SubGraph.outputs
  const tensorName = (t) => fbString(b, fbDeref(b, tensors[t]), 3); // Tensor.name
  return {
    inputs,
    outputs,
    inputNames: inputs.map(tensorName),
    outputNames: outputs.map(tensorName),
    inputShapes: inputs.map(tensorShape),
    outputShapes: outputs.map(tensorShape),
    // SignatureDef { inputs: 0, outputs: 1, signature_key: 2, subgraph_index: 4 }
    signatures: fbVector(b, model, 7).map((p) => {
      const s = fbDeref(b, p);
      return { key: fbString(b, s, 2), subgraph: fbUint(b, s, 4), inputs: tensorMap(s, 0), outputs: tensorMap(s, 1) };
    }),
  };
}

// Checks the .npy shapes against subgraph 0's inputs and returns the model bytes
// to load. LiteRT.js 2.5.3 cannot resize inputs: handed a buffer of another
// shape it "resizes input tensor index -1" and traps. So where an .npy gives a
// dynamic dimension (-1 in shape_signature) a new size, a copy of the model gets
// that shape written into the input tensor; the interpreter sizes the inner
// tensors from it when it prepares the model. LiteRT.js sizes the output buffers
// from the outputs' stored shapes, though (a bigger real output overruns them),
// so then the caller must give the output shapes (outputShapes), which are
// written into the copy as well.
function fitShapes(bytes, info, npys, outputShapes) {
  let patched = null;
  const fits = (t, dims) => dims.length === t.shape.length &&
    dims.every((d, k) => d === t.shape[k] || (t.signature[k] === -1 && Number.isInteger(d) && d >= 0));
  // Returns whether the stored shape changed. A -1 in the signature is replaced even when the
  // stored shape already fits, since LiteRT.js reports (and checks buffers against) the signature.
  const write = (t, dims) => {
    if (dims.join() === t.shape.join() && dims.join() === t.signature.join()) return false;
    patched ??= Buffer.from(bytes);
    dims.forEach((d, k) => {
      patched.writeInt32LE(d, t.shapeAt[k]);
      if (t.signatureAt.length) patched.writeInt32LE(d, t.signatureAt[k]);
    });
    return dims.join() !== t.shape.join();
  };
  let resized = false;
  info.inputShapes.forEach((t, p) => {
    if (!fits(t, npys[p].shape)) throw new Error(`input ${p} has shape [${t.signature}], ${npys[p].file} has [${npys[p].shape}]`);
    resized = write(t, npys[p].shape) || resized;
  });
  if (outputShapes) {
    if (outputShapes.length !== info.outputShapes.length) {
      throw new Error(`model has ${info.outputShapes.length} outputs, ${outputShapes.length} output shapes given`);
    }
    info.outputShapes.forEach((t, p) => {
      if (!fits(t, outputShapes[p])) throw new Error(`output ${p} has shape [${t.signature}], not [${outputShapes[p]}]`);
      write(t, outputShapes[p]);
    });
  } else if (resized && info.outputShapes.some((t) => t.signature.includes(-1))) {
    throw new Error('inputs resize dynamic dimensions; LiteRT.js sizes its output buffers from the stored output' +
      ' shapes, so give the expected output shapes (--output-shape, or "output_shapes" in a batch job)');
  }
  return patched ?? bytes;
}

// For each tensor of LiteRT's signature (by name), its position in subgraph 0's
// list: through the SignatureDef's name -> tensor map when there is one, else
// (LiteRT's placeholder signature names the tensors themselves) by tensor name.
function positions(names, sigMap, sgTensors, sgNames, what) {
  if (names.length !== sgTensors.length) {
    throw new Error(`LiteRT lists ${names.length} ${what}s, subgraph 0 has ${sgTensors.length}`);
  }
  const pos = sigMap ? names.map((n) => sgTensors.indexOf(sigMap.get(n))) : names.map((n) => sgNames.indexOf(n));
  if (pos.some((p) => p < 0) || new Set(pos).size !== pos.length) {
    if (!sigMap) return names.map((_, i) => i); // duplicate or unnamed tensors: the placeholder keeps the subgraph's order
    throw new Error(`cannot match the signature's ${what}s (${names}) to subgraph 0's`);
  }
  return pos;
}

// ---- LiteRT.js

const emVector = (v) => { const a = Array.from({ length: v.size() }, (_, i) => v.get(i)); v.delete(); return a; };

// Loads the WASM runtime. LiteRT.js was written for browsers and web workers:
// it loads its Emscripten glue with importScripts() and finds it on `self`. The
// glue is a CommonJS/UMD script (under a "type": "module" package, so require()
// refuses it); run it as CommonJS by hand, with __dirname so it finds its .wasm.
async function loadRuntime(logLines, verbose) {
  let core;
  try {
    core = await import(pathToFileURL(path.join(CORE_DIR, 'dist', 'index.js')).href);
  } catch (e) {
    throw new Error(`cannot load @litertjs/core from ${CORE_DIR} (run scripts/setup.sh): ${e.message}`);
  }
  const version = JSON.parse(fs.readFileSync(path.join(CORE_DIR, 'package.json'), 'utf8')).version;
  const requireHere = createRequire(WASM_JS);
  globalThis.self = globalThis;
  globalThis.importScripts = (file) => {
    const module = { exports: {} };
    const run = vm.compileFunction(fs.readFileSync(file, 'utf8'),
      ['require', 'module', 'exports', '__dirname', '__filename'], { filename: file });
    run(requireHere, module, module.exports, path.dirname(file), file);
    globalThis.ModuleFactory = module.exports;
  };
  // Emscripten's module settings: keep LiteRT's log for error messages instead of printing it.
  const log = (line) => { logLines.push(line); if (logLines.length > 50) logLines.shift(); if (verbose) process.stderr.write(line + '\n'); };
  globalThis.Module = { print: log, printErr: log };
  // LiteRT.js probes for a WebGPU device and warns when there is none; none is wanted here.
  const warn = console.warn;
  console.warn = (...args) => { if (!String(args[0]).startsWith('Failed to create default WebGPU device')) warn(...args); };
  let liteRt;
  try {
    liteRt = await core.loadLiteRt(WASM_JS);
  } finally {
    console.warn = warn;
  }
  return { version, logLines, wasm: liteRt.liteRtWasm, env: liteRt.getDefaultEnvironment().liteRtEnvironment };
}

// Element type name and dimensions of a LiteRtRankedTensorType; deletes it.
function describe(wasm, tensorType) {
  const value = tensorType.elementType().value;
  // wasm.ElementType is an Emscripten enum: {FLOAT32: {value: 1}, INT8: {value: 9}, ..., values, argCount}.
  const name = Object.keys(wasm.ElementType).find((k) => wasm.ElementType[k]?.value === value);
  const layout = tensorType.layout();
  const shape = emVector(layout.dimensions());
  layout.delete();
  tensorType.delete();
  return { type: name ?? `element type ${value}`, shape };
}

// LiteRT.js does not always fail when the runtime does: a model whose op cannot
// be prepared (an unknown custom op, say) still "compiles" and "runs" and gives
// garbage, with only ERROR lines in the log. So any ERROR line fails the job.
class LiteRtLogError extends Error {}
function throwOnLoggedErrors(rt, stage) {
  const errors = rt.logLines.filter((l) => /^ERROR/.test(l));
  if (errors.length) throw new LiteRtLogError(`LiteRT failed while ${stage}: ${errors.map(oneLine).join(' | ')}`);
}

// Loads and compiles a model on LiteRT.js's lower layer (the Emscripten
// bindings in liteRt.liteRtWasm) rather than its Tensor/CompiledModel classes:
// those accept only float32/int32/uint8 (CompiledModel even throws while listing
// the inputs of an int8 model). Pushes what must be freed onto `cleanup`.
async function openModel(rt, bytes, info, cleanup) {
  const { wasm, env } = rt;
  const ptr = wasm._malloc(bytes.length);
  cleanup.push(() => wasm._free(ptr));
  wasm.HEAPU8.set(bytes, ptr);
  const model = wasm.loadModel(env, ptr, bytes.length);
  cleanup.push(() => model.delete());
  const compiled = await wasm.compileModel(env, model, {
    accelerator: 'wasm', cpuOptions: { numThreads: wasm.getThreadCount() }, gpuOptions: {}, webNNOptions: {},
  });
  cleanup.push(() => compiled.delete());
  throwOnLoggedErrors(rt, 'compiling the model');

  // The LiteRT signature for subgraph 0 (a placeholder one when the model has no SignatureDef).
  const def = info.signatures.find((s) => s.subgraph === 0);
  if (info.signatures.length > 0 && !def) throw new Error('no signature runs subgraph 0');
  let sigIndex = 0;
  if (def) {
    const keys = Array.from({ length: model.getNumSignatures() }, (_, i) => {
      const s = model.getSignature(i); const k = s.key(); s.delete(); return k;
    });
    sigIndex = keys.indexOf(def.key);
    if (sigIndex < 0) throw new Error(`LiteRT has no signature '${def.key}'`);
  }
  const sig = model.getSignature(sigIndex);
  const inNames = emVector(sig.inputNames());
  const outNames = emVector(sig.outputNames());
  sig.delete();
  // For each LiteRT input/output i: its position in subgraph 0, name, type and shape.
  const inPos = positions(inNames, def?.inputs, info.inputs, info.inputNames, 'input');
  const outPos = positions(outNames, def?.outputs, info.outputs, info.outputNames, 'output');
  const inputs = inNames.map((name, i) => ({
    pos: inPos[i], name, ...describe(wasm, model.getInputTensorType(sigIndex, i)), signature: info.inputShapes[inPos[i]].signature,
  }));
  const outputs = outNames.map((name, i) => ({
    pos: outPos[i], name, ...describe(wasm, model.getOutputTensorType(sigIndex, i)), signature: info.outputShapes[outPos[i]].signature,
  }));
  return { model, compiled, sigIndex, inputs, outputs };
}

// Runs one job. A host-memory LiteRtTensorBuffer of the model's own tensor
// type (any element type) is filled with the .npy bytes; outputs are read back
// as raw bytes, so int8/int16/float16 need no conversion.
async function runJob(rt, job) {
  const { wasm, env } = rt;
  const bytes = fs.readFileSync(job.model);
  const info = readModelInfo(bytes);
  const npys = job.inputs.map(readNpy);
  if (npys.length !== info.inputs.length) throw new Error(`model has ${info.inputs.length} inputs, ${npys.length} given`);
  const cleanup = [];
  try {
    const { model, compiled, sigIndex, inputs, outputs } = await openModel(rt, fitShapes(bytes, info, npys, job.output_shapes), info, cleanup);
    const buffers = inputs.map((want, i) => {
      const npy = npys[want.pos];
      if (NPY_TO_ELEMENT[npy.descr] !== want.type) {
        throw new Error(`input ${want.pos} (${want.name}) is ${want.type}, ${npy.file} is ${npy.descr}` +
          ` (${ELEMENT_TO_NPY[want.type] ?? 'no .npy dtype'} expected)`);
      }
      if (npy.shape.join() !== want.shape.join()) {
        throw new Error(`input ${want.pos} (${want.name}) has shape [${want.shape}], ${npy.file} has [${npy.shape}]`);
      }
      const tensorType = model.getInputTensorType(sigIndex, i);
      const buffer = wasm.LiteRtTensorBuffer.createManaged(
        env, wasm.LiteRtTensorBufferType.HOST_MEMORY, tensorType, npy.data.length);
      tensorType.delete();
      cleanup.push(() => buffer.delete());
      const at = buffer.lock(wasm.LiteRtTensorBufferLockMode.WRITE);
      wasm.HEAPU8.set(npy.data, at);
      buffer.unlock();
      return buffer;
    });

    const results = await compiled.run(sigIndex, buffers);
    for (const r of results) cleanup.push(() => r.delete());
    throwOnLoggedErrors(rt, 'running the model');
    results.forEach((buffer, j) => {
      const { type, shape } = describe(wasm, buffer.tensorType());
      const { pos, name } = outputs[j];
      const descr = ELEMENT_TO_NPY[type];
      if (!descr) throw new Error(`output ${pos} (${name}) has type ${type}, which has no .npy dtype here`);
      const bytes = shape.reduce((a, b) => a * b, 1) * npyItemSize(descr);
      if (buffer.packedSize() !== bytes) throw new Error(`output ${pos} (${name}): ${buffer.packedSize()} bytes for shape [${shape}]`);
      const at = buffer.lock(wasm.LiteRtTensorBufferLockMode.READ);
      const data = Buffer.from(wasm.HEAPU8.slice(at, at + bytes));
      buffer.unlock();
      writeNpy(path.join(job.output_dir, `output_${pos}.npy`), descr, shape, data);
    });
  } finally {
    for (const undo of cleanup.reverse()) {
      try { undo(); } catch { /* already gone; nothing to do */ }
    }
  }
}

// --info: one JSON line listing the inputs and outputs in subgraph 0's order.
async function printInfo(rt, file) {
  const cleanup = [];
  try {
    const bytes = fs.readFileSync(file);
    const { inputs, outputs } = await openModel(rt, bytes, readModelInfo(bytes), cleanup);
    const list = (ts) => ts.sort((a, b) => a.pos - b.pos)
      .map(({ name, type, shape, signature }) => ({ name, type, npy: ELEMENT_TO_NPY[type] ?? null, shape, shape_signature: signature }));
    process.stdout.write(JSON.stringify({ model: file, inputs: list(inputs), outputs: list(outputs) }) + '\n');
  } finally {
    for (const undo of cleanup.reverse()) {
      try { undo(); } catch { /* already gone; nothing to do */ }
    }
  }
}

function parseJobs(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      input: { type: 'string', multiple: true },
      'output-dir': { type: 'string' },
      'output-shape': { type: 'string', multiple: true },
      batch: { type: 'string' },
      info: { type: 'boolean' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { help: true };
  if (values.info) {
    if (!positionals.length || values.input || values['output-dir'] || values['output-shape'] || values.batch) {
      throw new UsageError('--info takes only model files');
    }
    return { info: positionals, verbose: values.verbose };
  }
  if (values.batch) {
    if (positionals.length || values.input || values['output-dir'] || values['output-shape']) {
      throw new UsageError('--batch takes no model, --input, --output-dir or --output-shape');
    }
    let jobs;
    try {
      jobs = JSON.parse(fs.readFileSync(values.batch, 'utf8'));
    } catch (e) {
      throw new UsageError(`${values.batch}: ${e.message}`);
    }
    const isShape = (a) => Array.isArray(a) && a.every(Number.isInteger);
    const ok = Array.isArray(jobs) && jobs.every((j) => j && typeof j.model === 'string' &&
      typeof j.output_dir === 'string' && Array.isArray(j.inputs) && j.inputs.every((i) => typeof i === 'string') &&
      (j.output_shapes === undefined || (Array.isArray(j.output_shapes) && j.output_shapes.every(isShape))));
    if (!ok) {
      throw new UsageError(`${values.batch}: expected [{"model": "...", "inputs": ["..."], "output_dir": "..."` +
        ` (, "output_shapes": [[...], ...])}, ...]`);
    }
    return { jobs, verbose: values.verbose };
  }
  if (positionals.length !== 1 || !values['output-dir']) {
    throw new UsageError('usage: litert_run.mjs MODEL.tflite --input IN.npy [--input ...] --output-dir DIR | --batch JOBS.json');
  }
  // --output-shape 1,1,5,32 (one per output, in subgraph 0's order; '' for a scalar).
  const outputShapes = values['output-shape']?.map((text) => {
    const dims = text.split(',').filter((d) => d.trim() !== '').map(Number);
    if (!dims.every((d) => Number.isInteger(d) && d >= 0)) throw new UsageError(`bad --output-shape '${text}'`);
    return dims;
  });
  return {
    jobs: [{ model: positionals[0], inputs: values.input ?? [], output_dir: values['output-dir'], output_shapes: outputShapes }],
    verbose: values.verbose,
  };
}

const oneLine = (e) => String(e?.message ?? e).replace(/\s*\n\s*/g, ' ').trim();

// LiteRT often throws a bare status; its last ERROR log line says what went wrong.
function withLiteRtError(e, logLines) {
  const lastError = e instanceof LiteRtLogError ? undefined : logLines.filter((l) => /^ERROR/.test(l)).pop();
  return oneLine(e) + (lastError ? ` [LiteRT: ${oneLine(lastError)}]` : '');
}

async function main() {
  let parsed;
  try {
    parsed = parseJobs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`litert_run: error: ${oneLine(e)}\n`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write('usage: litert_run.mjs MODEL.tflite --input IN.npy [--input ...] --output-dir DIR\n' +
      '                       [--output-shape D0,D1,... ...] [--verbose]\n' +
      '       litert_run.mjs --batch JOBS.json [--verbose]   (JOBS.json: [{"model", "inputs", "output_dir", "output_shapes"?}, ...])\n' +
      '       litert_run.mjs MODEL.tflite ... --info          (one JSON line per model: inputs, outputs)\n');
    return 0;
  }
  const logLines = [];
  let rt;
  try {
    rt = await loadRuntime(logLines, parsed.verbose);
  } catch (e) {
    process.stderr.write(`litert_run: error: cannot start LiteRT.js: ${oneLine(e)}\n`);
    return 1;
  }
  process.stdout.write(`LiteRT.js ${rt.version} (@litertjs/core), WASM build ${path.basename(WASM_JS)} (single-threaded)\n`);

  let failed = 0;
  for (const file of parsed.info ?? []) {
    logLines.length = 0;
    try {
      await printInfo(rt, file);
    } catch (e) {
      failed++;
      process.stderr.write(`litert_run: error: ${file}: ${withLiteRtError(e, logLines)}\n`);
    }
  }
  for (const [i, job] of (parsed.jobs ?? []).entries()) {
    logLines.length = 0;
    try {
      prepareOutputDir(job.output_dir);
      await runJob(rt, job);
    } catch (e) {
      failed++;
      const msg = withLiteRtError(e, logLines);
      const where = parsed.jobs.length > 1 ? `job ${i} (${job.model})` : job.model;
      process.stderr.write(`litert_run: error: ${where}: ${msg}\n`);
      try { fs.writeFileSync(path.join(job.output_dir, 'error.txt'), msg + '\n'); } catch { /* no dir to write to */ }
    }
  }
  return failed ? 1 : 0;
}

process.exitCode = await main().catch((e) => {
  process.stderr.write(`litert_run: error: ${oneLine(e)}\n`);
  return 1;
});
