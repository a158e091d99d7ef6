#!/usr/bin/env node
// ort_run: runs .onnx models with ONNX Runtime (npm onnxruntime-node, its CPU
// execution provider) as the reference that litequant's ONNX import is compared to.
//
//   node tools/oracle/ort_run.mjs MODEL.onnx --input in0.npy [--input in1.npy ...] --output-dir DIR
//   node tools/oracle/ort_run.mjs --batch JOBS.json
//   node tools/oracle/ort_run.mjs MODEL.onnx [MODEL2.onnx ...] --info
//
// The same interface as litert_run.mjs. Inputs are given in the order of the
// session's inputNames; each .npy must have the input's element type, and its
// shape must match the input's fixed dimensions (symbolic ones take any size).
// DIR/output_0.npy, output_1.npy, ... are written in the order of the session's
// outputNames, each in its own element type. JOBS.json is a list
// [{"model": M, "inputs": [...], "output_dir": D}, ...] run in one process (a
// model's session is made once and reused); relative paths are taken from the
// current directory. A job that fails writes D/error.txt and the others still run.
// --info prints, per model, one JSON line listing its inputs and outputs (name,
// type, npy dtype, shape; a symbolic dimension is given by its name, a string).
// stdout gets one line naming the runtime (then the --info lines); errors go to
// stderr, one line each. Exit code: 0 when all jobs ran, 1 when one failed, 2 on
// a usage error. --verbose passes ONNX Runtime's info log to stderr.
//
// For repeatable results each session runs on one thread (no thread-count
// dependent splitting of reductions) with graph optimizations disabled, so the
// model's own ops run as written (no fusions, no constant folding). MLAS still
// picks kernels by the CPU's features, so float results may differ in the last
// bits between hosts.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readNpy, writeNpy, prepareOutputDir } from './npy.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const GRAPH_OPTIMIZATION = 'disabled';

class UsageError extends Error {}

// npy descr -> ONNX Runtime tensor type and the typed array it takes. float16
// goes as raw bits in a Uint16Array (Node 20 has no Float16Array), bool as bytes.
const NPY_TO_ORT = {
  '<f4': ['float32', Float32Array], '<f2': ['float16', Uint16Array], '<f8': ['float64', Float64Array],
  '|i1': ['int8', Int8Array], '|u1': ['uint8', Uint8Array], '<i2': ['int16', Int16Array],
  '<u2': ['uint16', Uint16Array], '<i4': ['int32', Int32Array], '<u4': ['uint32', Uint32Array],
  '<i8': ['int64', BigInt64Array], '<u8': ['uint64', BigUint64Array], '|b1': ['bool', Uint8Array],
};
const ORT_TO_NPY = Object.fromEntries(Object.entries(NPY_TO_ORT).map(([d, [t]]) => [t, d]));

async function loadOrt(verbose) {
  let ort;
  try {
    ort = (await import('onnxruntime-node')).default;
  } catch (e) {
    throw new Error(`cannot load onnxruntime-node from ${HERE}/node_modules (run scripts/setup.sh): ${e.message}`);
  }
  // The process-wide log level is fixed when the first session is made.
  ort.env.logLevel = verbose ? 'info' : 'error';
  return ort;
}

const sessions = new Map();
async function openSession(ort, file, verbose) {
  if (!sessions.has(file)) {
    sessions.set(file, await ort.InferenceSession.create(file, {
      executionProviders: ['cpu'],
      graphOptimizationLevel: GRAPH_OPTIMIZATION,
      intraOpNumThreads: 1,
      interOpNumThreads: 1,
      executionMode: 'sequential',
      logSeverityLevel: verbose ? 1 : 3,
    }));
  }
  return sessions.get(file);
}

// Makes a tensor of the .npy's bytes after checking them against the input's
// metadata, so that a mismatch names the file. The bytes are copied into a fresh
// typed array: the .npy data need not be aligned to its element size.
function toTensor(ort, npy, meta, p) {
  const [type, TypedArray] = NPY_TO_ORT[npy.descr];
  const want = `input ${p} (${meta.name})`;
  if (!meta.isTensor) throw new Error(`${want} is not a tensor`);
  if (meta.type !== type) {
    throw new Error(`${want} is ${meta.type}, ${npy.file} is ${npy.descr} (${ORT_TO_NPY[meta.type] ?? 'no .npy dtype'} expected)`);
  }
  const fixed = (d) => typeof d === 'number' && d >= 0;
  if (meta.shape.length && (meta.shape.length !== npy.shape.length ||
      meta.shape.some((d, k) => fixed(d) && d !== npy.shape[k]))) {
    throw new Error(`${want} has shape [${meta.shape}], ${npy.file} has [${npy.shape}]`);
  }
  const data = new TypedArray(npy.data.length / TypedArray.BYTES_PER_ELEMENT);
  new Uint8Array(data.buffer).set(npy.data);
  return new ort.Tensor(type, data, npy.shape);
}

async function runJob(ort, job, verbose) {
  const session = await openSession(ort, job.model, verbose);
  const npys = job.inputs.map(readNpy);
  if (npys.length !== session.inputNames.length) {
    throw new Error(`model has ${session.inputNames.length} inputs (${session.inputNames}), ${npys.length} given`);
  }
  const feeds = Object.fromEntries(session.inputNames.map((name, p) =>
    [name, toTensor(ort, npys[p], session.inputMetadata[p], p)]));
  const results = await session.run(feeds);
  session.outputNames.forEach((name, j) => {
    const t = results[name];
    const descr = ORT_TO_NPY[t?.type];
    if (!descr) throw new Error(`output ${j} (${name}) has type ${t?.type}, which has no .npy dtype here`);
    const bytes = Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength);
    writeNpy(path.join(job.output_dir, `output_${j}.npy`), descr, t.dims, bytes);
  });
}

// --info: one JSON line listing the inputs and outputs in the session's order.
async function printInfo(ort, file, verbose) {
  const session = await openSession(ort, file, verbose);
  const list = (metas) => metas.map((m) => (m.isTensor
    ? { name: m.name, type: m.type, npy: ORT_TO_NPY[m.type] ?? null, shape: m.shape }
    : { name: m.name, type: null, npy: null, shape: null }));
  process.stdout.write(JSON.stringify({ model: file, inputs: list(session.inputMetadata), outputs: list(session.outputMetadata) }) + '\n');
}

function parseJobs(argv) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      input: { type: 'string', multiple: true },
      'output-dir': { type: 'string' },
      batch: { type: 'string' },
      info: { type: 'boolean' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { help: true };
  if (values.info) {
    if (!positionals.length || values.input || values['output-dir'] || values.batch) {
      throw new UsageError('--info takes only model files');
    }
    return { info: positionals, verbose: values.verbose };
  }
  if (values.batch) {
    if (positionals.length || values.input || values['output-dir']) {
      throw new UsageError('--batch takes no model, --input or --output-dir');
    }
    let jobs;
    try {
      jobs = JSON.parse(fs.readFileSync(values.batch, 'utf8'));
    } catch (e) {
      throw new UsageError(`${values.batch}: ${e.message}`);
    }
    const ok = Array.isArray(jobs) && jobs.every((j) => j && typeof j.model === 'string' &&
      typeof j.output_dir === 'string' && Array.isArray(j.inputs) && j.inputs.every((i) => typeof i === 'string'));
    if (!ok) throw new UsageError(`${values.batch}: expected [{"model": "...", "inputs": ["..."], "output_dir": "..."}, ...]`);
    return { jobs, verbose: values.verbose };
  }
  if (positionals.length !== 1 || !values['output-dir']) {
    throw new UsageError('usage: ort_run.mjs MODEL.onnx --input IN.npy [--input ...] --output-dir DIR | --batch JOBS.json');
  }
  return { jobs: [{ model: positionals[0], inputs: values.input ?? [], output_dir: values['output-dir'] }], verbose: values.verbose };
}

const oneLine = (e) => String(e?.message ?? e).replace(/\s*\n\s*/g, ' ').trim();

async function main() {
  let parsed;
  try {
    parsed = parseJobs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`ort_run: error: ${oneLine(e)}\n`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write('usage: ort_run.mjs MODEL.onnx --input IN.npy [--input ...] --output-dir DIR [--verbose]\n' +
      '       ort_run.mjs --batch JOBS.json [--verbose]   (JOBS.json: [{"model", "inputs", "output_dir"}, ...])\n' +
      '       ort_run.mjs MODEL.onnx ... --info          (one JSON line per model: inputs, outputs)\n');
    return 0;
  }
  let ort;
  try {
    ort = await loadOrt(parsed.verbose);
  } catch (e) {
    process.stderr.write(`ort_run: error: cannot start ONNX Runtime: ${oneLine(e)}\n`);
    return 1;
  }
  process.stdout.write(`ONNX Runtime ${ort.env.versions.node} (onnxruntime-node), CPU execution provider,` +
    ` 1 thread, graph optimization ${GRAPH_OPTIMIZATION}\n`);

  let failed = 0;
  for (const file of parsed.info ?? []) {
    try {
      await printInfo(ort, file, parsed.verbose);
    } catch (e) {
      failed++;
      process.stderr.write(`ort_run: error: ${file}: ${oneLine(e)}\n`);
    }
  }
  for (const [i, job] of (parsed.jobs ?? []).entries()) {
    try {
      prepareOutputDir(job.output_dir);
      await runJob(ort, job, parsed.verbose);
    } catch (e) {
      failed++;
      const msg = oneLine(e);
      const where = parsed.jobs.length > 1 ? `job ${i} (${job.model})` : job.model;
      process.stderr.write(`ort_run: error: ${where}: ${msg}\n`);
      try { fs.writeFileSync(path.join(job.output_dir, 'error.txt'), msg + '\n'); } catch { /* no dir to write to */ }
    }
  }
  for (const session of sessions.values()) await session.release();
  return failed ? 1 : 0;
}

process.exitCode = await main().catch((e) => {
  process.stderr.write(`ort_run: error: ${oneLine(e)}\n`);
  return 1;
});
