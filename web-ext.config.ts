import { defineWebExtConfig } from 'wxt';

// `wxt` dev mode opens a browser; without a display (CI, this machine) that crashes.
export default defineWebExtConfig({ disabled: !!process.env.CI || !process.env.DISPLAY });
