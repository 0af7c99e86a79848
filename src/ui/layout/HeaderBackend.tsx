import { useBackbone } from '../../state/backbone';
import { openBackendChoice } from '../backend-choice';

/** The backend in use, always in view; its choice and the reasons live in the Model step's Compute backend panel. */
export function HeaderBackend() {
  const backend = useBackbone((s) => s.backend);
  const head = backend?.head?.name;
  return (
    <a className="header-backend" href="#compute-backend" title={backend?.reason} onClick={openBackendChoice}>
      <span className="hint-inline narrow-hidden">Backend</span> <strong>{backend ? backend.active : '…'}</strong>
      {head && <span className="hint-inline narrow-hidden"> · head on {head}</span>}
    </a>
  );
}
