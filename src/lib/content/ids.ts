/**
 * An entry's id is its file name without `.md`, wherever it sits in its collection's
 * folder (a curator may sort quotes into year folders): the id is part of a public
 * URL, so it must not change when a file moves between subfolders.
 */
export function idFromPath(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? path;
  return name.replace(/\.(md|markdown)$/i, '');
}
