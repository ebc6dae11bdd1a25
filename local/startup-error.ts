/**
 * A problem that stops the local runner before it serves anything, said in one line with its fix
 * (`npm start` prints the message alone, never a stack trace).
 */
export class StartupError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StartupError';
  }
}
