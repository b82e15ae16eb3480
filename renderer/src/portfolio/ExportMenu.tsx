import { useMutation } from '@tanstack/react-query';
import type { ArgsOf } from '../../../shared/api';
import { EXPORT_FORMATS, exportFormats, type ExportFormat } from '../../../shared/vocab';
import { send } from '../api/client';
import { errorMessage } from '../app/ErrorNote';

/** Save a file made by the backend through the browser's download (no file system access needed). */
export function download(filename: string, mime: string, content: string) {
  const url = URL.createObjectURL(new Blob([content], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Exports embed the settings and app version that produced them (done by the backend). */
export function ExportMenu({ args }: { args: Omit<NonNullable<ArgsOf<'reports:export'>>, 'format'> }) {
  const exporter = useMutation({
    mutationFn: (format: ExportFormat) => send('reports:export', { ...args, format }),
    onSuccess: (file) => download(file.filename, file.mime, file.content),
  });
  return (
    <div className="export" role="group" aria-label="Export">
      <span className="muted small">Export</span>
      {exportFormats.map((format) => (
        <button
          key={format}
          type="button"
          title={EXPORT_FORMATS[format].help}
          onClick={() => exporter.mutate(format)}
          disabled={exporter.isPending}
        >
          {EXPORT_FORMATS[format].short}
        </button>
      ))}
      {exporter.error && <span className="error">{errorMessage(exporter.error)}</span>}
    </div>
  );
}
