/**
 * The importer prescan (mounts.ts `writeImporterPrescan`) in a worker thread of the CLI's process:
 * the model's modules and the texts the scan reads live in the worker's own heap, which is given
 * back when it ends, before oxlint's process reaches its peak, so the run's memory does not carry
 * them. `workerData`: `{ root, file }`.
 */
import { workerData } from 'node:worker_threads';
import { writeImporterPrescan } from './mounts.js';

const { root, file } = workerData as { root: string; file: string };
try {
  writeImporterPrescan(root, file);
} catch {
  // intentionally ignored: no file; oxlint's process scans for itself
}
