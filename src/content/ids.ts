/**
 * An entry's id is its file name without `.md`, wherever it sits in its collection's
 * folder (a curator may sort quotes into year folders): the id is part of a public
 * URL, so it must not change when a file moves between subfolders.
 */
export function idFromPath(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? path;
  return name.replace(/\.(md|markdown)$/i, '');
}

/**
 * Whether an id can name a file or folder of the output as it is: letters, digits,
 * dots, hyphens and underscores, starting with a letter or digit, and never `..`, so
 * that nothing built from it can leave its folder.
 */
export function isSafeFileName(id: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id) && !id.includes('..');
}
