import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { send } from '../api/client';
import { fiatSummaryQuery } from '../app/currency';
import { ErrorNote } from '../app/ErrorNote';
import { dayRanges } from './day-ranges';
import { daysHave } from '../app/format';

const SHOWN_RANGES = 12;

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
    <section className="card" aria-labelledby="fiat-title">
      <h2 id="fiat-title">TAO price history ({currency})</h2>
      <p className="muted">
        For fiat figures, import a CSV of daily TAO prices in {currency}: a CoinGecko export (
        <code>snapped_at,price,…</code>), or <code>date,price</code> lines, with dates as YYYY-MM-DD, ISO date-times or
        unix timestamps (the UTC day counts). A file with any malformed line is rejected whole. Days without a price are
        flagged, never guessed.
      </p>
      {summary.data && (
        <p className="small" data-testid="fiat-summary">
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
      <MissingDays currency={currency} />
    </section>
  );
}

const coverageQuery = { queryKey: ['fiat', 'coverage'] as const, queryFn: () => send('fiat:coverage') };

/** The days the imported prices miss (for export rows and current values), as runs of dates. */
function MissingDays({ currency }: { currency: string }) {
  const coverage = useQuery(coverageQuery);
  const [all, setAll] = useState(false);
  const c = coverage.data;
  if (!c || c.imported === 0) return null;
  const missing = c.missingDays;
  if (missing.length === 0)
    return (
      <p className="note small" data-testid="fiat-missing" data-count="0">
        Every day with activity, income or a current value has a {currency} price.
      </p>
    );
  const ranges = dayRanges(missing);
  const shown = all ? ranges : ranges.slice(0, SHOWN_RANGES);
  return (
    <div className="warning" role="status" data-testid="fiat-missing" data-count={missing.length}>
      <p>
        <strong>
          {daysHave(missing.length)} no {currency} price
        </strong>
        : {c.rowsWithoutPrice.toLocaleString('en')} of {c.rowsNeedingPrice.toLocaleString('en')} export rows have no{' '}
        {currency} value, and figures of those days leave fiat out. Nothing is guessed: import prices for these days
        (UTC):
      </p>
      <ul className="day-ranges">
        {shown.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      {ranges.length > SHOWN_RANGES && (
        <button type="button" className="link-button" onClick={() => setAll(!all)}>
          {all ? 'Show fewer' : `Show all ${ranges.length} ranges`}
        </button>
      )}
    </div>
  );
}
