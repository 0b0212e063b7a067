// The engine thread run from its TypeScript sources, as jest runs everything else: tsx compiles it
// inside the thread. Only used where no build sits beside engine-threads (the build has engine-thread.js).
import { register } from 'tsx/esm/api';

register();
await import('./engine-thread.ts');
