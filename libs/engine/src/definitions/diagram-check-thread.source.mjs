// The diagram check thread run from its TypeScript sources, as jest runs everything else: tsx compiles it
// inside the thread. Only used where no build sits beside diagram-checks (the build has diagram-check-thread.js).
import { register } from 'tsx/esm/api';

register();
await import('./diagram-check-thread.ts');
