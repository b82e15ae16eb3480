import { createContext, useContext } from 'react';
import { maskDigits } from './format';

/** True while privacy mode is on: amounts, percentages and chart shapes are masked, not blurred. */
export const PrivacyContext = createContext(false);

export function usePrivacy(): boolean {
  return useContext(PrivacyContext);
}

/** The text to put on screen: as is, or masked in privacy mode. */
export function useShown(): (text: string) => string {
  const hidden = usePrivacy();
  return hidden ? maskDigits : (text) => text;
}
