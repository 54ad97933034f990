/**
 * Prints the README's table of what the fixture software breaks (fixtures/findings-table.ts).
 *
 *   npm run findings
 */
import { findingsTable } from '../fixtures/findings-table.js';

process.stdout.write(findingsTable());
