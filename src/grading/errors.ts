// Errors a grader shows to a student or TA. Each has a stable code and a message that says what
// broke and where, so a zero score always comes with a reason.

export type SolutionErrorCode =
  | 'SOLUTION_MISSING' // no solutions/<id>/index.{ts,js} in the graded folder
  | 'SOLUTION_LOAD_FAILED' // the module threw or failed to compile on import
  | 'SOLUTION_NOT_A_CONTRACT' // default export lacks a function the contract needs
  | 'SOLUTION_THREW' // a contract function threw
  | 'SOLUTION_TIMEOUT' // a contract function overran its time budget
  | 'SOLUTION_BAD_OUTPUT' // wrong shape, NaN, or not plain data
  | 'SOLUTION_REFUSED' // the sandbox refused what it tried (a file outside its folder, a process, a thread)
  | 'SOLUTION_CRASHED'; // its process ended mid-call: process.exit, an uncaught error, a signal, the memory cap

export class SolutionError extends Error {
  constructor(readonly code: SolutionErrorCode, readonly detail: string, readonly where: string) {
    super(`[${code}] ${where}: ${detail}`);
    this.name = 'SolutionError';
  }
}

/** A requirement that ran and was not met; message carries the numbers. */
export class RequirementFailed extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RequirementFailed';
  }
}
