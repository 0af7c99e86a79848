import { parseArgs } from 'node:util';

export interface SweepOptions {
  /** RECIPES rows to run, the baselines among them, ascending */
  rows: number[];
  seeds: number[];
  datasets: string[];
  backbones: string[];
  cached: boolean;
  write: string | null;
  block: string;
}

export interface SweepChoices {
  /** RECIPES' names, by row */
  recipes: readonly string[];
  datasets: readonly string[];
  backbones: readonly string[];
  /** rows always run (the table compares against them) */
  baselines: readonly number[];
}

const list = (arg: string) =>
  arg
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * A mistyped name or row is refused with the valid ones: a filter that matched nothing ran an
 * empty sweep and, with --write, replaced the docs' table with an empty one; a row past the end
 * crashed on an undefined recipe; `--seeds 1-3` ran seed NaN.
 */
function pick(
  flag: string,
  all: readonly string[],
  arg: string | undefined,
  /** names accepted beside `all` (listed after them), and how the refusal describes them */
  also?: { accepts: (x: string) => boolean; words: string },
): string[] {
  if (arg === undefined) return [...all];
  const asked = list(arg);
  const unknown = asked.filter((x) => !all.includes(x) && !also?.accepts(x));
  if (unknown.length || !asked.length)
    throw new Error(
      `--${flag}: ${unknown.length ? `unknown ${unknown.map((x) => `"${x}"`).join(', ')}` : 'none given'}; choose from ${all.join(', ')}${also ? `, ${also.words}` : ''}`,
    );
  return [...all.filter((x) => asked.includes(x)), ...new Set(asked.filter((x) => !all.includes(x)))];
}

/** The separator of a joined backbone: its parts' features side by side, as one feature set. */
export const JOINED = '+';

/** Two different known backbones joined with + (asked for by name only: the default sweep is one backbone at a time). */
const joinedOf = (all: readonly string[]) => (x: string) => {
  const parts = x.split(JOINED);
  return parts.length === 2 && parts[0] !== parts[1] && parts.every((p) => all.includes(p));
};

function rowsOf(arg: string | undefined, c: SweepChoices): number[] {
  if (arg === undefined) return c.recipes.map((_, i) => i);
  const asked = list(arg);
  const bad = asked.filter((x) => !/^\d+$/.test(x) || Number(x) >= c.recipes.length);
  if (bad.length || !asked.length)
    throw new Error(
      `--only: ${bad.length ? `no row ${bad.map((x) => `"${x}"`).join(', ')}` : 'no row given'}; rows are 0-${c.recipes.length - 1}:\n` +
        c.recipes.map((name, i) => `  ${i} ${name}`).join('\n'),
    );
  return [...new Set([...c.baselines, ...asked.map(Number)])].sort((a, b) => a - b);
}

function seedsOf(arg: string): number[] {
  const asked = list(arg);
  const bad = asked.filter((x) => !/^-?\d+$/.test(x));
  if (bad.length || !asked.length)
    throw new Error(
      `--seeds: ${bad.length ? `not a whole number: ${bad.map((x) => `"${x}"`).join(', ')}` : 'none given'}; give whole numbers separated by commas, e.g. --seeds 1,2,3`,
    );
  return [...new Set(asked.map(Number))];
}

/** The sweep's command line; throws an Error saying what is wrong and what is valid. */
export function parseSweepArgs(argv: string[], choices: SweepChoices): SweepOptions {
  const { values: v } = parseArgs({
    args: argv,
    options: {
      only: { type: 'string' },
      cached: { type: 'boolean', default: false },
      seeds: { type: 'string', default: '1,2,3' },
      write: { type: 'string' },
      // which marked block of the --write file the table replaces (a doc may keep several tables)
      block: { type: 'string', default: 'sweep' },
      datasets: { type: 'string' },
      backbones: { type: 'string' },
    },
  });
  return {
    rows: rowsOf(v.only, choices),
    seeds: seedsOf(v.seeds!),
    datasets: pick('datasets', choices.datasets, v.datasets),
    backbones: pick('backbones', choices.backbones, v.backbones, {
      accepts: joinedOf(choices.backbones),
      words: `or two of them joined with ${JOINED}`,
    }),
    cached: v.cached!,
    write: v.write ?? null,
    block: v.block!,
  };
}

/** A refusal of what the command line asked (exit 2), told in one line without a stack. */
export class SweepRefusal extends Error {}

/**
 * --write is refused while a row to be written has no measured cell: on a fresh checkout (an empty,
 * git-ignored .sweep-cache/) `--cached --write` replaced the committed tables with rows of "—".
 * `rows`: each row's name and how many of its cells hold a measurement.
 */
export function writeRefusal(file: string, rows: readonly { name: string; measured: number }[]): string | null {
  const empty = rows.filter((r) => r.measured === 0).map((r) => `"${r.name}"`);
  if (!empty.length) return null;
  return (
    `--write ${file}: not written, since ${empty.length === 1 ? 'this row has' : `these ${empty.length} rows have`} no measured cell ` +
    `in .sweep-cache/ (a fresh checkout has none): ${empty.join(', ')}. Measure ${empty.length === 1 ? 'it' : 'them'} first: the same command without --cached`
  );
}

/**
 * Measuring reads the datasets and the backbones: a folder that is not there is said in one line,
 * with the variable that moves it, before anything is extracted (it ended in a stack trace).
 */
export function missingFolders(
  folders: readonly { what: string; path: string; env: string }[],
  exists: (path: string) => boolean,
): string | null {
  const missing = folders.filter((f) => !exists(f.path));
  if (!missing.length) return null;
  return `${missing.map((f) => `the ${f.what} folder ${f.path} does not exist (set ${f.env} to where it is)`).join('; ')}; --cached prints the cells measured so far without them`;
}
