import { useEffect, useId } from 'react';
import { useBackbone } from '../state/backbone';
import { Calibration } from './Calibration';

export function BackendBadge() {
  const { backend, backendError, init, switchBackend, status } = useBackbone();
  const selectId = useId();
  useEffect(() => {
    if (!useBackbone.getState().backend) void init();
  }, [init]);
  if (backendError) return <p role="alert" className="error">{backendError}</p>;
  if (!backend) return <p className="backend">Probing compute backends…</p>;
  return (
    <div className="backend">
      <label htmlFor={selectId}>Backend </label>
      <select id={selectId} value={backend.active} disabled={status === 'loading'} onChange={(e) => void switchBackend(e.target.value)}>
        {backend.probes
          .filter((p) => p.ok)
          .map((p) => (
            <option key={p.name} value={p.name}>
              {p.name}
              {p.software ? ' (software)' : ''}
            </option>
          ))}
      </select>{' '}
      <strong data-testid="active-backend">{backend.active}</strong> — {backend.reason}
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
    </div>
  );
}
