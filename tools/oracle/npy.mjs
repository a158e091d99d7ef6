// .npy files and output directories, shared by the oracles (litert_run.mjs,
// ort_run.mjs). Format version 1.0 is written; 1.0-3.0 are read; little-endian,
// C order only.

import fs from 'node:fs';
import path from 'node:path';

// The npy dtypes the oracles know (as numpy writes them: '|' for 1-byte types).
export const NPY_DESCRS = ['<f4', '<f2', '<f8', '|i1', '|u1', '<i2', '<u2', '<i4', '<u4', '<i8', '<u8', '|b1'];
export const npyItemSize = (descr) => Number(descr.slice(2));

// Returns { file, descr, shape, data }, data being the raw bytes (a Buffer view).
export function readNpy(file) {
  const buf = fs.readFileSync(file);
  if (buf.length < 10 || buf.toString('latin1', 0, 6) !== '\x93NUMPY') {
    throw new Error(`${file}: not a .npy file`);
  }
  // Version 1.0 has a 2-byte header length, 2.0 and 3.0 a 4-byte one.
  const [headerLen, headerStart] = buf[6] === 1 ? [buf.readUInt16LE(8), 10] : [buf.readUInt32LE(8), 12];
  const header = buf.toString('latin1', headerStart, headerStart + headerLen);
  let descr = /'descr':\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new Error(`${file}: cannot parse the .npy header ${header.trim()}`);
  }
  if (fortran === 'True') throw new Error(`${file}: Fortran-order arrays are not supported`);
  // numpy writes '|' for 1-byte types and '<' or '=' (native: little-endian here) otherwise.
  descr = descr.replace(/^=/, '<').replace(/^<(?=[iub]1$)/, '|');
  if (!NPY_DESCRS.includes(descr)) throw new Error(`${file}: unsupported dtype '${descr}'`);
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  const data = buf.subarray(headerStart + headerLen);
  const bytes = shape.reduce((a, b) => a * b, 1) * npyItemSize(descr);
  if (data.length !== bytes) {
    throw new Error(`${file}: shape (${shape}) of '${descr}' needs ${bytes} data bytes, file has ${data.length}`);
  }
  return { file, descr, shape, data };
}

export function writeNpy(file, descr, shape, data) {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  const dict = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeText}, }`;
  // Like numpy: pad the header with spaces and a newline so the data starts at a multiple of 64.
  const total = Math.ceil((10 + dict.length + 1) / 64) * 64;
  const header = dict.padEnd(total - 10 - 1) + '\n';
  const preamble = Buffer.alloc(10);
  preamble.write('\x93NUMPY\x01\x00', 0, 'latin1');
  preamble.writeUInt16LE(header.length, 8);
  fs.writeFileSync(file, Buffer.concat([preamble, Buffer.from(header, 'latin1'), data]));
}

// Removes what an earlier run wrote to DIR, so that no stale output is mistaken for a new one.
export function prepareOutputDir(dir) {
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(dir)) {
    if (/^output_\d+\.npy$/.test(f) || f === 'error.txt') fs.rmSync(path.join(dir, f));
  }
}
