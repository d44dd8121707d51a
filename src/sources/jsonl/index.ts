/** The JSONL source: replays SocialPost JSONL files (other channels, exports, tests). */
export { jsonlSource, JsonlSourceOptionsSchema, DEFAULT_MAX_LINE_BYTES, DEFAULT_CHUNK_SIZE, type JsonlSourceOptions } from './source.js';
export { encodeCursor, parseCursor, START_POSITION, type JsonlCursor, type JsonlPosition } from './cursor.js';
