import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	uploadSession: 'commit' | 'create' | 'delete' | 'get' | 'getAll' | 'getParts' | 'uploadFile' | 'uploadPart';
};

export type VeevaVaultType = AllEntities<NodeMap>;
