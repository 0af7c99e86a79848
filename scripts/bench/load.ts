// Node only (the bench page shares stats.ts): other people's jobs share these cores, so every
// figure carries the 1-minute load average it was taken under.
import { loadavg } from 'node:os';
import { round } from './stats';

export const loadNow = (): number => round(loadavg()[0]);
