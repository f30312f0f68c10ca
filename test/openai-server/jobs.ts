// Fine-tuning jobs API: create, list (cursor + metadata filter), retrieve, cancel,
// events (newest first) and checkpoints (newest first).
import { badRequest, notFound } from './apiError.ts';
import { newJobObject, parseJobCreate } from './jobCreate.ts';
import { seededRandom, type JobSimulator } from './jobSimulator.ts';
import { paginate, parseLimit } from './pagination.ts';
import { route, seconds, type Route, type ServerEnv } from './router.ts';
import type { StoredJob } from './state.ts';

export function jobRoutes(env: ServerEnv, simulator: JobSimulator, models: Readonly<Record<string, string>>, listLag: () => number = () => 0): Route[] {
  let created = 0;

  function getJob(id: string): StoredJob {
    const job = env.state.jobs.get(id);
    if (!job) throw notFound(`No such fine-tuning job: ${id}`, 'fine_tuning_job_id');
    return job;
  }

  return [
    route('POST', '/v1/fine_tuning/jobs', async (ctx) => {
      const body = await ctx.json();
      // A fixed default seed sequence keeps metrics reproducible across test runs.
      const request = parseJobCreate(env, body, models, () => ((created + 1) * 2654435761) % 2147483648);
      created += 1;
      const id = env.ids.next('ftjob-');
      const object = newJobObject(env, id, request, seconds(env));
      const job: StoredJob = {
        object,
        events: [],
        checkpoints: [],
        sim: { totalSteps: 0, stepsDone: 0, stepsPerEpoch: 0, nEpochs: 0, tokensPerEpoch: 0, random: seededRandom(request.seed) },
        unlistedFor: listLag(),
      };
      env.state.jobs.set(id, job);
      simulator.created(job);
      return { json: object };
    }),

    route('GET', '/v1/fine_tuning/jobs', (ctx) => {
      // `metadata[key]=value` pairs (how the SDK serialises `metadata: {key: value}`) must all match.
      const wanted: [string, string][] = [];
      for (const [key, value] of ctx.query) {
        const match = /^metadata\[(.+)\]$/.exec(key);
        if (match) wanted.push([match[1]!, value]);
      }
      // Eventual consistency: a job under a list lag is left out of this list, one request less each time.
      const listed = [...env.state.jobs.values()].filter((j) => !(j.unlistedFor && j.unlistedFor-- > 0));
      const jobs = listed
        .map((j) => j.object)
        .filter((job) => wanted.every(([k, v]) => job.metadata?.[k] === v))
        .reverse();
      return { json: paginate(jobs, ctx.query.get('after'), parseLimit(ctx.query, 20, 100)) };
    }),

    route('GET', '/v1/fine_tuning/jobs/:job_id', (ctx) => ({ json: getJob(ctx.params['job_id']!).object })),

    route('POST', '/v1/fine_tuning/jobs/:job_id/cancel', (ctx) => {
      const job = getJob(ctx.params['job_id']!);
      if (!['validating_files', 'queued', 'running'].includes(job.object.status)) {
        throw badRequest(`Job ${job.object.id} has status '${job.object.status}' and can no longer be cancelled.`, 'fine_tuning_job_id', 'job_not_cancellable');
      }
      simulator.cancel(job);
      return { json: job.object };
    }),

    route('GET', '/v1/fine_tuning/jobs/:job_id/events', (ctx) => {
      const events = [...getJob(ctx.params['job_id']!).events].reverse();
      return { json: paginate(events, ctx.query.get('after'), parseLimit(ctx.query, 20, 100)) };
    }),

    route('GET', '/v1/fine_tuning/jobs/:job_id/checkpoints', (ctx) => {
      const checkpoints = [...getJob(ctx.params['job_id']!).checkpoints].reverse();
      return { json: paginate(checkpoints, ctx.query.get('after'), parseLimit(ctx.query, 10, 100), true) };
    }),
  ];
}
