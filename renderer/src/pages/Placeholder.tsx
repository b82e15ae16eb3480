export function Placeholder({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{title}</h1>
      </header>
      <div className="card placeholder">
        <p className="eyebrow">Coming next</p>
        {children}
      </div>
    </section>
  );
}
