/** The result of `f`, or the message of what it throws: differential tests compare both. */
export function outcome(f: () => number): number | string {
  try {
    return f();
  } catch (e) {
    return (e as Error).message;
  }
}
