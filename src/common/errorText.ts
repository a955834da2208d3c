// Its own module, apart from errors.ts: the activation bundle needs this one function, and must not
// carry a second copy of the error classes that the core bundle's instanceof checks rely on.

/** The message of anything thrown: an Error's own message, anything else as text. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
