/** What an address that names no page shows (a mistyped or stale link), instead of another page under it. */
export function NotFound({ hash }: { hash: string }) {
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">Page not found</h1>
      </header>
      <p>
        No page of Taofolio is at <code>{hash}</code>. <a href="#/portfolio">Go to Portfolio</a>
      </p>
    </section>
  );
}
