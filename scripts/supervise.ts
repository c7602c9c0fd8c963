// Runs one child process as this process's main work (npm start → next-server):
// forwards SIGINT/SIGTERM to it and exits the way it did. A child killed by a
// signal (an OOM kill, a crash) makes this process exit non-zero, 128 + the
// signal's number as a shell reports it, so a supervisor sees a failure.
import { spawn, type SpawnOptions } from "node:child_process";
import os from "node:os";

/** The exit status a shell would report for a child that ended with (code, signal). */
export function exitStatusOf(code: number | null, signal: NodeJS.Signals | null): number {
  if (code !== null) return code;
  if (signal) return 128 + (os.constants.signals[signal] ?? 0);
  return 1;
}

export function superviseChild(command: string, args: string[], options: SpawnOptions): void {
  const child = spawn(command, args, options);
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, () => child.kill(sig));
  child.on("error", (e) => {
    console.error(`sash: could not start ${command}: ${e.message}`);
    process.exit(1);
  });
  child.on("exit", (code, signal) => {
    if (signal) console.error(`sash: the server process was killed by ${signal}`);
    process.exit(exitStatusOf(code, signal));
  });
}
