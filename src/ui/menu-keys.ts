/**
 * Where a menu's focus goes for a key pressed in it (the WAI-ARIA menu pattern): the index of the
 * item, or null for a key the menu leaves to the browser. The arrows wrap around; a letter moves
 * to the next item whose words start with it. Items that cannot be used now are still reached:
 * they say why (their description), as the wide bar's disabled buttons do to a mouse's title.
 */
export function menuKeyTarget(key: string, index: number, labels: readonly string[]): number | null {
  const count = labels.length;
  if (!count) return null;
  switch (key) {
    case 'ArrowDown':
      return (index + 1) % count;
    case 'ArrowUp':
      return (index - 1 + count) % count;
    case 'Home':
    case 'PageUp':
      return 0;
    case 'End':
    case 'PageDown':
      return count - 1;
  }
  if (key.length !== 1 || !/\S/.test(key)) return null;
  const letter = key.toLowerCase();
  for (let step = 1; step <= count; step++) {
    const at = (index + step) % count;
    if (labels[at].trim().toLowerCase().startsWith(letter)) return at;
  }
  return null;
}
