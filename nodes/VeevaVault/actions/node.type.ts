import type { AllEntities } from 'n8n-workflow';

type NodeMap = {
	uploadSession: 'getAll';
};

export type VeevaVaultType = AllEntities<NodeMap>;
