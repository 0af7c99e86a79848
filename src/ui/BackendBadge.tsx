import { useEffect, useId, useMemo, useRef } from 'react';
import { useBackbone } from '../state/backbone';
import { useRunning } from './useRunLock';
import type { BackendProbe } from '../worker/protocol';
import { Calibration } from './Calibration';
import { BACKEND_CHOICE_ID } from './backend-choice';
import { recommendedFor } from '../state/backend-plan';
import { useBackboneJob } from './useBackboneJob';
import { useFocusBack } from './useFocusBack';
import { backendLockWhy, describedBy } from './lock-reasons';
import { movingTo, useUnkeptModelGuard } from './useUnkeptModelGuard';

const option = (p: BackendProbe) => (
  <option key={p.name} value={p.name}>
    {p.name}
    {p.software ? ' (software)' : ''}
  </option>
);

export function BackendBadge() {
  const {
    backend,
    backendError,
    init,
    pickBackend,
    pickHeadBackend,
    pickRecommended,
    status,
    autoCalibrating,
    calibrating,
    selected,
  } = useBackbone();
  const selectId = useId();
  const headId = useId();
  const jobId = useId();
  const lockId = useId();
  const recommendedId = useId();
  const busy = useRunning();
  // a backend chosen with the arrow keys reloads the backbone, which disables both selects meanwhile
  const locked = status === 'loading' || busy || calibrating !== null;
  const lockWhy = backendLockWhy({ running: busy, calibrating: calibrating !== null, loading: status === 'loading' });
  // the head's backend is only read when a run starts: a job on the backbone holds the backend alone
  const job = useBackboneJob();
  const backendLocked = locked || job !== null;
  const backendSelect = useRef<HTMLSelectElement>(null);
  const headSelect = useRef<HTMLSelectElement>(null);
  useFocusBack(backendSelect, backendLocked);
  useFocusBack(headSelect, locked);
  const { guard, dialog } = useUnkeptModelGuard();
  useEffect(() => {
    if (!useBackbone.getState().backend) void init();
  }, [init]);
  // once a person has picked another, the way back to what the studio picks by itself (read from
  // storage once per backend state, not at each render a backbone load's progress makes)
  const recommended = useMemo(() => backend && recommendedFor(backend, selected), [backend, selected]);
  if (backendError)
    return (
      <p role="alert" className="error">
        {backendError}
      </p>
    );
  if (!backend) return <p className="backend">Probing compute backends…</p>;
  const usable = backend.probes.filter((p) => p.ok);
  const software = backend.probes.some((p) => p.name === backend.active && p.software);
  return (
    <div className="backend">
      {/* what runs, and why, in one line; the choice behind it: Teachable Machine and Create ML never
          ask, and two selects in the Model step's flow read as a question every person had to answer.
          The line keeps a fallback's words ("webgpu … did not start; using wasm …") in view */}
      <details className="backend-choice" id={BACKEND_CHOICE_ID}>
        <summary>
          Runs on <strong data-testid="active-backend">{backend.active}</strong>
          {software && ' (software renderer)'} — {backend.reason}
          {backend.head && (
            <span data-testid="head-backend">
              ; head-only runs extract features on {backend.active} and train the head on{' '}
              <strong>{backend.head.name}</strong> — {backend.head.reason}
            </span>
          )}
        </summary>
        <span className="pair">
          <label htmlFor={selectId}>Backend </label>
          <select
            id={selectId}
            ref={backendSelect}
            value={backend.active}
            disabled={backendLocked}
            aria-describedby={describedBy(lockWhy && lockId, job && jobId)}
            onChange={(e) => {
              const name = e.target.value;
              guard(movingTo(name, () => void pickBackend(name)));
            }}
          >
            {usable.map(option)}
          </select>
        </span>{' '}
        {dialog}
        {lockWhy && (
          <span id={lockId} className="hint">
            {lockWhy}
          </span>
        )}{' '}
        {job && (
          <span id={jobId} className="hint">
            {job}
          </span>
        )}
        {recommended && recommended.name !== backend.active && (
          <p className="row">
            <button
              type="button"
              disabled={backendLocked}
              aria-describedby={describedBy(lockWhy && lockId, job && jobId, recommendedId)}
              onClick={() => guard(movingTo(recommended.name, () => void pickRecommended()))}
            >
              Use the recommended backend ({recommended.name})
            </button>{' '}
            <span id={recommendedId} className="hint">
              {recommended.reason}
            </span>
          </p>
        )}
        <span className="pair backend-head">
          <label htmlFor={headId}>Train the new head on </label>
          <select
            id={headId}
            ref={headSelect}
            value={backend.head?.name ?? ''}
            disabled={locked}
            aria-describedby={lockWhy ? lockId : undefined}
            onChange={(e) => void pickHeadBackend(e.target.value || null)}
          >
            <option value="">the same backend ({backend.active})</option>
            {usable.filter((p) => p.name !== backend.active).map(option)}
          </select>
        </span>
        <details>
          <summary>What this browser offers</summary>
          <ul>
            {backend.probes.map((p) => (
              <li key={p.name}>
                {p.name}: {p.ok ? 'available' : 'unavailable'}
                {p.adapter ? ` (${p.adapter}${p.software ? ', software renderer' : ''})` : ''}
                {p.note ? ` — ${p.note}` : ''}
              </li>
            ))}
          </ul>
          <Calibration />
        </details>
      </details>
      {autoCalibrating && calibrating && (
        <p role="status" data-testid="auto-calibration">
          First visit on this hardware: measuring which backend is fastest for each job ({calibrating.detail},{' '}
          {calibrating.done}/{calibrating.total})…{' '}
          <progress aria-label="Backend calibration" max={Math.max(1, calibrating.total)} value={calibrating.done} />
        </p>
      )}
    </div>
  );
}
