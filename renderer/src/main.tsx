import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { errorMessage } from './app/ErrorNote';
import { createQueryClient, invalidateOnDbChanges } from './app/query-client';
import { LockGate } from './settings/LockGate';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
const queryClient = createQueryClient();

try {
  invalidateOnDbChanges(queryClient);
  root.render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <LockGate>
          <App />
        </LockGate>
      </QueryClientProvider>
    </StrictMode>,
  );
} catch (error) {
  // No bridge (e.g. the web host URL was opened without its token): say so instead of a blank page.
  root.render(
    <div className="card fatal" role="alert">
      <h1>Taofolio cannot reach its backend</h1>
      <p>{errorMessage(error)}</p>
    </div>,
  );
}
