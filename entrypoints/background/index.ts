import { defineBackground } from 'wxt/utils/define-background';
import { createProductionDeps } from '../../lib/background/production-deps';
import { startBackground } from '../../lib/background/worker';

export default defineBackground({
  type: 'module',
  main() {
    // Registers every listener synchronously, then catches up on whatever is overdue (lib/background).
    startBackground(createProductionDeps());
  },
});
