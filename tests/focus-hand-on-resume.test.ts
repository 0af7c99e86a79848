// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { focusAfterRemoval } from '../src/ui/focus-after-removal';

// ui/focus-after-removal.ts in a DOM: where the focus goes once the control pressed is disabled or gone.
const frames: FrameRequestCallback[] = [];
const draw = () => frames.splice(0).forEach((f) => f(0));

beforeEach(() => {
  vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f));
  document.body.innerHTML = `
    <div class="panel">
      <button class="interrupted-action" id="resume">Resume training</button>
      <button class="interrupted-action" id="discard">Discard interrupted run</button>
    </div>
    <button class="run-stop" disabled>Stop</button>`;
});
afterEach(() => {
  vi.unstubAllGlobals();
  frames.length = 0;
});

const el = (selector: string) => document.querySelector<HTMLButtonElement>(selector)!;

/** Resume pressed: the run's lock disables it a frame before its offer goes, as Chromium drops its focus */
function resumePressed(peers: string | null) {
  const resume = el('#resume');
  resume.focus();
  focusAfterRemoval(resume, '.panel', peers, 'button.run-stop');
  resume.disabled = true;
  resume.blur();
  draw();
  // the offer goes, and the run's Stop is enabled a frame later
  el('.panel').remove();
  draw();
  el('.run-stop').disabled = false;
  draw();
}

describe('focusAfterRemoval', () => {
  it("hands a Resume's focus to the run's Stop, not to Discard beside it", () => {
    resumePressed(null);
    expect(document.activeElement).toBe(el('.run-stop'));
  });

  it('with peers, a disabled control hands the focus to the next peer (what a list item wants)', () => {
    // what Resume did: Discard took it, then went with the offer, and the focus was left on the page
    resumePressed('.interrupted-action');
    expect(document.activeElement).toBe(document.body);
  });
});
