import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { send } from '../api/client';
import { ErrorNote } from '../app/ErrorNote';

const fiatSummaryQuery = { queryKey: ['fiat', 'summary'] as const, queryFn: () => send('fiat:summary') };

/** TAO/fiat prices come only from a file the user chooses: no price API is ever called. */
export function FiatImport({ currency }: { currency: string }) {
  const client = useQueryClient();
  const summary = useQuery(fiatSummaryQuery);
  const [message, setMessage] = useState<string | null>(null);
  const importer = useMutation({
    mutationFn: (csv: string) => send('fiat:import', { currency, csv }),
    onSuccess: (r) => {
      setMessage(`Imported ${r.imported} daily ${r.currency} prices (${r.firstDate} → ${r.lastDate}).`);
      void client.invalidateQueries({ queryKey: ['fiat'] });
    },
  });

  return (
    <div className="card" aria-labelledby="fiat-title">
      <h2 id="fiat-title">TAO price history ({currency})</h2>
      <p className="muted">
        For fiat figures, import a CSV of daily prices: one <code>date,price</code> line per day (YYYY-MM-DD, price of 1
        TAO in {currency}). A file with any malformed line is rejected whole. Days without a price are flagged, never
        guessed.
      </p>
      {summary.data && (
        <p className="small">
          {summary.data.count === 0
            ? `No ${summary.data.currency} prices imported yet.`
            : `${summary.data.count} ${summary.data.currency} prices from ${summary.data.firstDate} to ${summary.data.lastDate}.`}
        </p>
      )}
      <label className="field">
        <span>Import CSV file</span>
        <input
          type="file"
          accept=".csv,text/csv,text/plain"
          onChange={(e) => {
            const file = e.target.files?.[0];
            setMessage(null);
            if (file) void file.text().then((text) => importer.mutate(text));
            e.target.value = '';
          }}
        />
      </label>
      {message && (
        <p className="note" role="status">
          {message}
        </p>
      )}
      <ErrorNote error={importer.error} />
    </div>
  );
}
