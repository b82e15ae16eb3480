import './settings.css';
import { useQuery } from '@tanstack/react-query';
import { walletQueries } from '../wallets/queries';
import { AddWalletForm } from '../wallets/AddWalletForm';
import { EndpointChooser } from './EndpointChooser';
import { settingsQueries } from './queries';

export const WELCOME_HASH = '#/welcome';

/**
 * First run: add a wallet, then choose the node. Until the node is chosen nothing connects anywhere;
 * the steps say so. Each step is done once its fact exists (a wallet, an endpoint), so a reload
 * resumes where the user was.
 */
export function Onboarding() {
  const wallets = useQuery(walletQueries.list());
  const settings = useQuery(settingsQueries.get());
  const haveWallet = (wallets.data?.length ?? 0) > 0;
  const haveEndpoint = (settings.data?.endpoint ?? null) !== null;
  const step = !haveWallet ? 1 : !haveEndpoint ? 2 : 3;

  return (
    <section className="page onboarding" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">Welcome to Taofolio</h1>
        <a href="#/wallets" className="small">
          Skip setup
        </a>
      </header>
      <p className="muted">
        Your stake history, read from a node you choose, kept in a file on this machine. No account, no telemetry, no
        keys: Taofolio only watches addresses. Nothing connects to the network until step 2.
      </p>
      <ol className="steps" aria-label="Setup steps">
        <li aria-current={step === 1 ? 'step' : undefined} className={step > 1 ? 'done' : undefined}>
          Add a wallet
        </li>
        <li aria-current={step === 2 ? 'step' : undefined} className={step > 2 ? 'done' : undefined}>
          Choose the node to read from
        </li>
        <li aria-current={step === 3 ? 'step' : undefined}>Sync</li>
      </ol>
      {step === 1 && <AddWalletForm />}
      {step === 2 && (
        <>
          <p className="note" data-testid="onboarding-wallets">
            Watching {wallets.data?.map((w) => w.label).join(', ')}. Nothing has connected yet.
          </p>
          <EndpointChooser saved={null} />
        </>
      )}
      {step === 3 && (
        <div className="card" data-testid="onboarding-done">
          <h2>Syncing</h2>
          <p>
            Taofolio now reads your history from <code>{settings.data?.endpoint}</code>. Progress shows in the sidebar;
            figures fill in as blocks are recorded.
          </p>
          <div className="form-actions">
            <a className="button primary" href="#/portfolio">
              Open the portfolio
            </a>
            <a className="button" href="#/wallets">
              Add more wallets
            </a>
          </div>
        </div>
      )}
    </section>
  );
}
