/** Small inline icons (decorative: the buttons that hold them carry the label). */
import type { JSX } from 'preact';

const paths = {
  star: 'M12 3.5l2.6 5.3 5.9.9-4.3 4.1 1 5.8L12 16.8l-5.2 2.8 1-5.8-4.3-4.1 5.9-.9z',
  refresh: 'M20 11a8 8 0 1 0-2.3 5.7M20 4v7h-7',
  gear: 'M12 15.5a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM19.4 13.5l1.6 1.2-1.8 3.1-1.9-.7a7 7 0 0 1-2 1.2L15 20.3h-3.6l-.3-2a7 7 0 0 1-2-1.2l-1.9.7-1.8-3.1 1.6-1.2a7 7 0 0 1 0-2.3L5.4 10l1.8-3.1 1.9.7a7 7 0 0 1 2-1.2l.3-2H15l.3 2a7 7 0 0 1 2 1.2l1.9-.7 1.8 3.1-1.6 1.2a7 7 0 0 1 0 2.3z',
  back: 'M15 5l-7 7 7 7',
  calendar: 'M5 6h14v14H5zM5 10h14M9 3v5M15 3v5',
  map: 'M12 21s-6-5.6-6-10.5a6 6 0 0 1 12 0C18 15.4 12 21 12 21zM12 12.5a2 2 0 1 0 0-4 2 2 0 0 0 0 4z',
  external: 'M14 4h6v6M20 4l-9 9M18 14v5H5V6h5',
  search: 'M10.5 17a6.5 6.5 0 1 0 0-13 6.5 6.5 0 0 0 0 13zM15.5 15.5L20 20',
  close: 'M6 6l12 12M18 6L6 18',
  video: 'M4 7h11v10H4zM15 10.5l5-3v9l-5-3',
} as const;

export type IconName = keyof typeof paths;

export function Icon({ name, filled, size = 18 }: { name: IconName; filled?: boolean; size?: number }): JSX.Element {
  return (
    <svg
      class="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      aria-hidden="true"
      focusable="false"
      fill={filled ? 'currentColor' : 'none'}
      stroke="currentColor"
      stroke-width="1.8"
      stroke-linecap="round"
      stroke-linejoin="round"
    >
      <path d={paths[name]} />
    </svg>
  );
}
