import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { OptionsModel } from '../../lib/ui/options-model';

export interface OptionsEnv {
  model: OptionsModel;
  locale: string;
}

export const OptionsContext = createContext<OptionsEnv | null>(null);

export function useOptions(): OptionsEnv {
  const env = useContext(OptionsContext);
  if (!env) throw new Error('useOptions outside OptionsContext');
  return env;
}
