export interface CliCommand {
  summary: string;
  /** Returns the exit code. Prints one JSON object on stdout for data commands. */
  run: (args: string[]) => Promise<number>;
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + "\n");
}
