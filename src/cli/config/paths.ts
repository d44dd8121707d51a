import { z } from 'zod';

/** A file path in a job config: a non-empty string (trimmed). */
export const FilePathSchema = z.string().trim().min(1, 'must be a file path');
