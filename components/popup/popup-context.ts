import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { PopupModel } from '../../lib/ui/popup-model';

export interface PopupEnv {
  model: PopupModel;
  /** Intl locale for dates and numbers. */
  locale: string;
  /** The user's zone (times are shown in it). */
  timeZone: string;
}

export const PopupContext = createContext<PopupEnv | null>(null);

export function usePopup(): PopupEnv {
  const env = useContext(PopupContext);
  if (!env) throw new Error('usePopup outside PopupContext');
  return env;
}
