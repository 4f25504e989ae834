import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { createDocument, createDocumentFromStaging } from '../../api/documents';
import { binarySource } from '../../binary/binarySource';
import { checkDocumentFileSize, documentColumns, documentFieldsOf, oneOf } from '../../rules/documents';
import { InvalidInputError } from '../../rules/inputError';
import type { RecordValue } from '../../rules/objectRecords';
import { validStagingPath } from '../../rules/stagingRules';
import type { VaultClient } from '../../vaultClient';
import { binaryPropertyNameProperty, itemPathProperty, itemsInParallelOption, optionsCollection, timeoutOption } from '../common.descriptions';
import { fieldsProperty, mappedValues } from './fields';
import { classificationsOf, documentTypeNamed, typeMetadata } from './vaultLists';

const properties: INodeProperties[] = [
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		options: [
			{ name: 'Binary File', value: 'binary', description: 'A file of the input item (e.g. from Read Files from Disk), up to 4 GB' },
			{ name: 'File Staging Path', value: 'staging', description: 'A file already on File Staging (any size Vault takes)' },
			{ name: 'Placeholder (No File)', value: 'placeholder', description: 'A document without content, its file added later' },
		],
		default: 'binary',
	},
	{ ...binaryPropertyNameProperty, hint: 'The name of the input binary field holding the document\'s file', displayOptions: { show: { source: ['binary'] } } },
	itemPathProperty({
		displayName: 'Staging Path',
		name: 'stagingPath',
		placeholder: '/inbox/label.pdf',
		description: 'The staged file to create the document from: its path from the staging root, starting with /',
		displayOptions: { show: { source: ['staging'] } },
	}),
	{
		displayName: 'Document Type Name or ID',
		name: 'documentType',
		type: 'options',
		required: true,
		typeOptions: { loadOptionsMethod: 'getDocumentTypes' },
		default: '',
		description:
			'The type of the new document; it decides its fields. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Subtype Name or ID',
		name: 'subtype',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getDocumentSubtypes', loadOptionsDependsOn: ['documentType'] },
		default: '',
		description:
			'The subtype, for types that have subtypes. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Classification Name or ID',
		name: 'classification',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getDocumentClassifications', loadOptionsDependsOn: ['documentType', 'subtype'] },
		default: '',
		description:
			'The classification, for subtypes that have classifications. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	{
		displayName: 'Lifecycle Name or ID',
		name: 'lifecycle',
		type: 'options',
		required: true,
		typeOptions: { loadOptionsMethod: 'getDocumentLifecycles', loadOptionsDependsOn: ['documentType'] },
		default: '',
		description:
			'The lifecycle the document follows (its states and actions), among those the type takes. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	fieldsProperty,
	optionsCollection([itemsInParallelOption, timeoutOption]),
];

/** Items are independent: the router may create several documents at once. */
export const runsItemsInParallel = true;

export const errorHints: Record<string, string> = {
	INVALID_DATA: 'Vault refused a value: check the field the message names under Fields, Subtype, Classification or Lifecycle.',
	PARAMETER_REQUIRED: 'A field Vault requires is empty: map a value to it under Fields.',
	EXCEEDS_FILE_MAX_SIZE: 'Upload the file to File Staging first (Staging Item → Upload File), then create the document with Source "File Staging Path".',
};

export const description = updateDisplayOptions({ show: { resource: ['document'], operation: ['create'] } }, properties);

export async function execute(this: IExecuteFunctions, itemIndex: number, vault: VaultClient): Promise<INodeExecutionData[]> {
	const text = (name: string) => String(this.getNodeParameter(name, itemIndex, '') ?? '').trim();
	if (!text('documentType')) throw new InvalidInputError('Document Type is empty', 'Choose the type of the new document.');
	const type = await documentTypeNamed(vault, text('documentType'), 'Document Type');
	const metadata = await typeMetadata(vault, type);
	const subtype = text('subtype') ? oneOf(text('subtype'), metadata.subtypes, 'Subtype', `a subtype of ${type.label}`) : undefined;
	let classification;
	if (text('classification')) {
		if (!subtype) throw new InvalidInputError('Classification is set without a Subtype', 'Choose the Subtype the classification belongs to, or clear Classification.');
		classification = oneOf(text('classification'), await classificationsOf(vault, type, subtype), 'Classification', `a classification of ${subtype.label}`);
	}
	if (!text('lifecycle')) throw new InvalidInputError('Lifecycle is empty', `Choose one of the lifecycles documents of type ${type.label} take: ${metadata.lifecycles.map(({ label }) => label).join(', ')}.`);
	const lifecycle = oneOf(text('lifecycle'), metadata.lifecycles, 'Lifecycle', `a lifecycle documents of type ${type.label} take`);
	const columns = documentColumns(metadata.properties, 'create');
	const values = mappedValues(this, itemIndex, new Set(columns.map(({ name }) => name)));
	const fields: Record<string, RecordValue> = {
		...documentFieldsOf(values, columns, { creating: true, typeLabel: type.label }),
		type__v: type.label,
		...(subtype ? { subtype__v: subtype.label } : {}),
		...(classification ? { classification__v: classification.label } : {}),
		lifecycle__v: lifecycle.label,
	};

	const source = this.getNodeParameter('source', itemIndex, 'binary') as string;
	let id: string;
	if (source === 'staging') {
		id = await createDocumentFromStaging(vault, fields, validStagingPath(this.getNodeParameter('stagingPath', itemIndex, '') as string, 'Staging Path'));
	} else if (source === 'binary') {
		const field = text('binaryPropertyName');
		const file = await binarySource(this, itemIndex, field);
		checkDocumentFileSize(file.bytes, field);
		id = await createDocument(vault, fields, { bytes: file.bytes, fileName: file.fileName ?? `${String(fields.name__v ?? 'document')}`, mimeType: file.mimeType, content: file.framed });
	} else {
		id = await createDocument(vault, fields);
	}
	return [{ json: { id: Number(id), ...fields } }];
}
