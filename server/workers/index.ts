// The worker pool of this process (issue #23 §3): the pool itself (pool.ts) and the calls that
// go through it (offload.ts).
export { WorkerPool, findWorkerSource, type WorkerSource } from "./pool";
export {
  argon2HashOffThread,
  argon2VerifyOffThread,
  publicImageOffThread,
  readZipOffThread,
  scryptOffThread,
  setWorkerPool,
  startWorkerPool,
  verifyOffThread,
  workerPool,
  workerThreads,
  writeZipOffThread,
} from "./offload";
