import { useEffect } from 'react';
import { useBackbone } from '../state/backbone';

export function BackendBadge() {
  const { backend, backendError, init } = useBackbone();
  useEffect(() => {
    if (!useBackbone.getState().backend) void init();
  }, [init]);
  if (backendError) return <p role="alert" className="error">{backendError}</p>;
  if (!backend) return <p className="backend">Probing compute backends…</p>;
  return (
    <details className="backend">
      <summary aria-label={`Compute backend: ${backend.active}`}>
        Backend: <strong data-testid="active-backend">{backend.active}</strong> — {backend.reason}
      </summary>
      <ul>
        {backend.probes.map((p) => (
          <li key={p.name}>
            {p.name}: {p.ok ? 'available' : 'unavailable'}
            {p.adapter ? ` (${p.adapter}${p.software ? ', software renderer' : ''})` : ''}
            {p.note ? ` — ${p.note}` : ''}
          </li>
        ))}
      </ul>
    </details>
  );
}
