import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BACKBONES } from '../src/core/backbones/registry';
import { contentSecurityPolicy } from '../src/csp';
import { REPO_ROOT } from './helpers';

async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await sources(path)));
    else if (/\.tsx?$/.test(e.name)) out.push(path);
  }
  return out;
}

describe('user data is never code or markup', () => {
  it('no source file evaluates strings or writes raw HTML (labels and file names render as text)', async () => {
    const offenders: string[] = [];
    for (const file of await sources(join(REPO_ROOT, 'src'))) {
      const text = await readFile(file, 'utf8');
      for (const [pattern, what] of [
        [/\beval\s*\(/, 'eval('],
        [/new\s+Function\s*\(/, 'new Function('],
        [/dangerouslySetInnerHTML/, 'dangerouslySetInnerHTML'],
        [/\.(inner|outer)HTML\s*=/, 'innerHTML ='],
        [/insertAdjacentHTML|document\.write/, 'raw HTML insertion'],
        [/setTimeout\(\s*['"`]/, 'setTimeout(string)'],
      ] as const) {
        if (pattern.test(text)) offenders.push(`${relative(REPO_ROOT, file)}: ${what}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

describe('contentSecurityPolicy', () => {
  const policy = contentSecurityPolicy(BACKBONES.map((b) => b.hostedUrl));
  const directive = (name: string) =>
    policy
      .split('; ')
      .find((d) => d.startsWith(`${name} `))
      ?.split(' ')
      .slice(1);

  it('allows no inline script, no eval and no plugins; wasm may compile', () => {
    expect(policy).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\*/);
    expect(directive('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directive('object-src')).toEqual(["'none'"]);
    expect(directive('base-uri')).toEqual(["'none'"]);
    expect(directive('worker-src')).toEqual(["'self'"]);
  });

  it('connects only to its own origin and the folders the listed backbones load from (not whole hosts)', () => {
    expect(directive('connect-src')).toEqual([
      "'self'",
      'https://storage.googleapis.com/kaggle-models-data/',
      'https://storage.googleapis.com/teachable-machine-models/mobilenet_v2_weights_tf_dim_ordering_tf_kernels_0.35_224_no_top/',
      'https://storage.googleapis.com/tfjs-models/tfjs/mobilenet_v1_0.25_224/',
      'https://tfhub.dev/google/imagenet/mobilenet_v1_025_224/classification/1/',
      'https://www.kaggle.com/models/',
    ]);
    for (const b of BACKBONES) expect(directive('connect-src')!.some((src) => b.hostedUrl.startsWith(src))).toBe(true);
  });

  it('a remote models base is a folder, with or without its trailing slash; a same-origin one adds nothing', () => {
    const connect = (modelsBase: string) =>
      contentSecurityPolicy([], { modelsBase })
        .split('; ')
        .find((d) => d.startsWith('connect-src '))!
        .split(' ')
        .slice(1);
    expect(connect('https://models.example.org/studio/backbones')).toContain(
      'https://models.example.org/studio/backbones/',
    );
    expect(connect('https://models.example.org/studio/backbones/')).toContain(
      'https://models.example.org/studio/backbones/',
    );
    expect(connect('https://models.example.org/studio/backbones')).not.toContain('https://models.example.org/studio/');
    expect(connect('/models/')).toEqual([
      "'self'",
      'https://storage.googleapis.com/kaggle-models-data/',
      'https://www.kaggle.com/models/',
    ]);
  });

  it('the header form also forbids framing (a <meta> policy cannot)', () => {
    expect(policy).not.toContain('frame-ancestors');
    expect(contentSecurityPolicy([], { header: true })).toContain("frame-ancestors 'none'");
  });
});
