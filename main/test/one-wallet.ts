// One watched wallet on a fresh backend, with a writer of chain facts as sync stores them (service tests).
import { testBackend } from './backend';
import { factsWriter } from './facts';

export const COLD = '5F4tQyWrhfGVcNhoqeiNsR6KjD4wMZ2kfhLj4oHYuyHbZAc3';
export const HOT = '5HK5tp6t2S59DywmHRWPBVJeJ86T61KjurYqeooqj8sREpeN';
export const TAO = 1_000_000_000n;

/** A backend in `dir` watching COLD (labelled "Main"), and a writer of its facts. */
export async function oneWallet(dir: string) {
  const backend = testBackend(dir);
  await backend.call('wallets:add', { address: COLD, label: 'Main' });
  return { backend, facts: factsWriter(backend.db) };
}
