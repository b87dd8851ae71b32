/** Adds `name` to a response's Vary header unless it is listed already (appending twice reads "origin, origin"). */
export function addVary(headers: Headers, name: string): void {
  const current = headers.get('vary');
  if (current === null) headers.set('vary', name);
  else if (!current.split(',').some((v) => v.trim().toLowerCase() === name)) headers.set('vary', `${current}, ${name}`);
}
