import { loaderJobStartedOf } from '../../nodes/VeevaVault/api/loader';

test('a load or extract answer is read field by field: the job ID as a number, each task with its ID or its place', () => {
	const started = loaderJobStartedOf({
		responseStatus: 'SUCCESS',
		job_id: '41',
		url: '/api/v25.2/services/jobs/41',
		tasks: [{ task_id: '7', object: 'product__v' }, { object: 'country__v' }, 'not a task', null],
	});
	expect(started).toEqual({
		job_id: 41,
		url: '/api/v25.2/services/jobs/41',
		tasks: [
			{ task_id: '7', object: 'product__v' },
			{ task_id: '2', object: 'country__v' },
			{ task_id: '3' },
			{ task_id: '4' },
		],
	});
});

test('an answer without tasks or with a URL that is not text has no tasks and no URL', () => {
	expect(loaderJobStartedOf({ responseStatus: 'SUCCESS', job_id: 5, url: 12, tasks: { task_id: '1' } })).toEqual({ job_id: 5, tasks: [] });
});
