/** Dead-letter tools for admins: list a page at a time, group by reason, replay after a fix. */
export { deadLetterJsonLine, deadLetterPages, formatDeadLetter, type DeadLetterPageOptions } from './pages.js';
export { DeadLetterGroups, formatDeadLetterGroups, type DeadLetterGroup } from './groups.js';
export { replayDeadLetters, type ReplayOptions, type ReplayResult } from './replay.js';
