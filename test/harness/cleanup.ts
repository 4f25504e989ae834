/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals --
   Test set-up: runs in jest, never inside n8n. */
// Removes the n8n user folder that env.ts made for this test file (binary data included).
import { rmSync } from 'node:fs';

afterAll(() => {
	const folder = process.env.N8N_USER_FOLDER;
	if (folder?.includes('veeva-vault-engine-')) rmSync(folder, { recursive: true, force: true });
});
