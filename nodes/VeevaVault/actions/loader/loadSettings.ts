// The settings of one Load run, read once from the node's fields (item 0): what is loaded, how,
// and where the node puts the CSVs it writes.
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { InvalidInputError } from '../../rules/inputError';
import { LOADER_OBJECT_TYPES } from '../../rules/loaderColumns';
import type { LoaderAction } from '../../rules/loaderColumns';
import { validStagingPath } from '../../rules/stagingRules';
import { loaderTarget } from '../../descriptions/loaderTarget';
import type { LoaderTarget } from '../../descriptions/loaderTarget';

/** The object types whose rows can be created, updated, upserted or deleted (the others are created only). */
export const WITH_ACTIONS = LOADER_OBJECT_TYPES.filter(({ actions }) => actions.length > 1).map(({ value }) => value);

export interface LoadSettings extends LoaderTarget {
	action: LoaderAction;
	keyField?: string;
	wait: boolean;
	recordMigrationMode: boolean;
	noTriggers: boolean;
	/** The node's CSVs of this run are `${csvPathPrefix}-{n}.csv`, in the CSV Folder. */
	csvPathPrefix: string;
	keepCsv: boolean;
}

export function settingsOf(ctx: IExecuteFunctions): LoadSettings {
	const target = loaderTarget(ctx, 0);
	if (!LOADER_OBJECT_TYPES.some(({ value }) => value === target.objectType)) {
		throw new InvalidInputError(`"${target.objectType}" is not an object type Vault Loader loads`, `Choose one of: ${LOADER_OBJECT_TYPES.map(({ value }) => value).join(', ')}.`);
	}
	if (target.objectType === 'vobjects__v' && !target.object) throw new InvalidInputError('No object is chosen', 'Choose the Vault object whose records the rows are, e.g. product__v.');
	const action = (WITH_ACTIONS.includes(target.objectType) ? ctx.getNodeParameter('loadAction', 0, 'create') : 'create') as LoaderAction;
	const keyField = action === 'create' ? undefined : String(ctx.getNodeParameter('keyField', 0, '') ?? '').trim() || undefined;
	if (action === 'upsert' && !keyField) throw new InvalidInputError('Create or Update needs a Key Field', 'Choose the unique field that finds each row\'s record, e.g. external_id__v.');
	const options = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	return {
		...target,
		action,
		keyField,
		wait: ctx.getNodeParameter('waitForJob', 0, true) as boolean,
		recordMigrationMode: options.recordMigrationMode === true,
		noTriggers: options.noTriggers === true,
		csvPathPrefix: csvPathPrefixOf(ctx, options.csvFolder),
		keepCsv: options.keepCsv === true,
	};
}

function csvPathPrefixOf(ctx: IExecuteFunctions, csvFolder: unknown): string {
	const folder = validStagingPath(String(csvFolder ?? '/n8n-loader').replace(/\/+$/, '') || '/', 'CSV Folder');
	return `${folder === '/' ? '' : folder}/n8n-load-${ctx.getExecutionId() ?? 'manual'}-${Date.now().toString(36)}`;
}
