import { zipSync } from 'fflate';
import { useState } from 'react';
import { studioWorker } from '../worker/client';

/** Downloads model.json + weights.bin + metadata.json (+ head/) as one zip. */
export function ExportButton() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const files = await studioWorker().exportFiles();
      const zip = zipSync(files, { level: 6 });
      const url = URL.createObjectURL(new Blob([zip as Uint8Array<ArrayBuffer>], { type: 'application/zip' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = 'transfer-studio-model.zip';
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="row">
      <button type="button" onClick={() => void download()} disabled={busy}>
        {busy ? 'Preparing download…' : 'Download model (zip)'}
      </button>
      {error && (
        <span role="alert" className="error">
          {error}
        </span>
      )}
    </div>
  );
}
