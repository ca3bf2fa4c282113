/** Exit codes of the CLI: 0 done, 1 failed, 2 the command line was wrong (nothing was done). */
export const ExitCode = { ok: 0, failed: 1, usage: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An expected failure, with a stable code; its message is written for the operator. */
export class DlqError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: ExitCode = ExitCode.failed,
  ) {
    super(message);
    this.name = 'DlqError';
  }
}

/** The command line asked for something that cannot be: exit code 2, usage printed. */
export class UsageError extends DlqError {
  constructor(message: string, code = 'DLQ.USAGE') {
    super(code, message, ExitCode.usage);
    this.name = 'UsageError';
  }
}
