import { Initial1764000000000 } from './1764000000000-initial.js';
import { Time1764100000000 } from './1764100000000-time.js';

export const MIGRATIONS = [Initial1764000000000, Time1764100000000];
