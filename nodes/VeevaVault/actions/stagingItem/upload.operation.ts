// Upload File, offered where users look for it among staged files: the same parameters and the
// same code as Upload Session → Upload File.
import { updateDisplayOptions } from 'n8n-workflow';

import { errorHints, execute, properties, runsItemsInParallel } from '../uploadSession/uploadFile.operation';

export const description = updateDisplayOptions({ show: { resource: ['stagingItem'], operation: ['upload'] } }, properties);

export { errorHints, execute, runsItemsInParallel };
