import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { waitForJobEnd } from '../../api/jobs';
import { startExtract } from '../../api/loader';
import type { ExtractTask } from '../../api/loader';
import { InvalidInputError } from '../../rules/inputError';
import { LOADER_OBJECT_TYPES } from '../../rules/loaderColumns';
import type { VaultClient } from '../../vaultClient';
import { timeoutOnlyOptions } from '../common.descriptions';
import { extractRows } from './extractRows';
import { loaderTarget, objectProperty, objectTypeProperty } from '../../descriptions/loaderTarget';

const EXTRACTABLE = LOADER_OBJECT_TYPES.filter(({ value }) => value === 'vobjects__v' || value === 'documents__v');

const properties: INodeProperties[] = [
	objectTypeProperty('extract', EXTRACTABLE),
	objectProperty('extract'),
	{
		displayName: 'Field Names or IDs',
		name: 'fields',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getExtractFields', loadOptionsDependsOn: ['objectType', 'object.value'] },
		required: true,
		default: [],
		description:
			'The fields each row has, e.g. name__v and document_number__v. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Criteria (VQL WHERE)',
		name: 'criteria',
		type: 'string',
		default: '',
		placeholder: "status__v = 'Approved' AND type__v = 'Labeling'",
		description: 'Which rows to extract, as the part of a VQL query after WHERE; empty: all of them. Text values go in single quotes.',
	},
	{
		displayName: 'Include Source Files',
		name: 'includeSource',
		type: 'boolean',
		default: false,
		displayOptions: { show: { objectType: ['documents__v'] } },
		description: 'Whether Vault also puts each document\'s source file on File Staging; each row\'s "file" is its staging path, ready for Staging Item → Download',
	},
	{
		displayName: 'Include Renditions',
		name: 'includeRenditions',
		type: 'boolean',
		default: false,
		displayOptions: { show: { objectType: ['documents__v'] } },
		description: 'Whether Vault also puts each document\'s renditions on File Staging; each row gets "renditions" with their types and staging paths',
	},
	{
		displayName: 'Wait for Job',
		name: 'waitForJob',
		type: 'boolean',
		default: true,
		description: 'Whether to wait until Vault has extracted the rows and return one item per row. Off: return the job ID and task ID at once; get the rows later with Get Results.',
	},
	timeoutOnlyOptions,
];

export const errorHints: Record<string, string> = {
	INVALID_DATA: 'Check Object, Fields and Criteria: a field may not exist on this object, or the criteria are not valid VQL.',
	INCORRECT_QUERY_SYNTAX_ERROR: 'Check Criteria: it is the part of a VQL query after WHERE, e.g. status__v = \'Approved\'.',
	INSUFFICIENT_ACCESS: 'The credential\'s Vault user may not use Vault Loader or read these records; a Vault Admin can grant it.',
};

export const description = updateDisplayOptions({ show: { resource: ['loader'], operation: ['extract'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	const target = loaderTarget(this, itemIndex);
	if (target.objectType === 'vobjects__v' && !target.object) throw new InvalidInputError('No object is chosen', 'Choose the Vault object whose records to extract, e.g. product__v.');
	const fields = fieldsOf(this.getNodeParameter('fields', itemIndex, []));
	if (fields.length === 0) throw new InvalidInputError('No field is chosen', 'Choose the fields each extracted row has, e.g. id and name__v.');
	const criteria = String(this.getNodeParameter('criteria', itemIndex, '') ?? '').trim();
	const documents = target.objectType === 'documents__v';
	const includeSource = documents && (this.getNodeParameter('includeSource', itemIndex, false) as boolean);
	const includeRenditions = documents && (this.getNodeParameter('includeRenditions', itemIndex, false) as boolean);
	const extractOptions = [includeSource ? 'include_source__v' : '', includeRenditions ? 'include_renditions__v' : ''].filter(Boolean).join(',');
	const task: ExtractTask = {
		object_type: target.objectType,
		...(target.object ? { object: target.object } : {}),
		fields,
		...(criteria ? { vql_criteria__v: criteria } : {}),
		...(extractOptions ? { extract_options: extractOptions } : {}),
	};
	const started = await startExtract(vault, [task]);
	const taskId = started.tasks[0]?.task_id ?? '1';
	if (!(this.getNodeParameter('waitForJob', itemIndex, true) as boolean)) {
		return [{ json: { job_id: started.job_id, ...(started.url ? { url: started.url } : {}), task_id: taskId, tasks: started.tasks } }];
	}
	const job = await waitForJobEnd(vault, started.job_id);
	if (job.status !== 'SUCCESS') {
		throw new NodeApiError(this.getNode(), job as unknown as JsonObject, {
			message: `Vault Loader extract job ${started.job_id} ended with status ${job.status}`,
			description: 'Check the job in Vault (Admin → Operations → Job Status).',
			itemIndex,
		});
	}
	const rows = await extractRows(vault, started.job_id, taskId, includeRenditions);
	return rows.map((row) => ({ json: row as IDataObject }));
}

function fieldsOf(value: unknown): string[] {
	const list = Array.isArray(value) ? value : String(value ?? '').split(',');
	return [...new Set(list.map((field) => String(field).trim()).filter(Boolean))];
}
