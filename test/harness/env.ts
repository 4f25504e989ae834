/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals --
   Test set-up: runs in jest, never inside n8n. */
// Runs before any test module loads n8n-core: its services read these when first created.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'veeva-vault-engine-'));
process.env.N8N_ENCRYPTION_KEY = 'engine-tests-encryption-key';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL ?? 'silent';
process.env.NO_PROXY = '127.0.0.1,localhost';
