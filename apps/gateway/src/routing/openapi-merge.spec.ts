import { componentPrefix, mergeOpenApi, type OpenApiDoc } from './openapi-merge';

const gateway: OpenApiDoc = {
  openapi: '3.0.0',
  info: { title: 'OneWindow API', version: '1', description: 'gateway' },
  paths: {
    '/auth/login': {
      post: {
        operationId: 'AuthController_login',
        tags: ['auth'],
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/LoginDto' } } } },
      },
    },
  },
  components: {
    schemas: { LoginDto: { type: 'object', properties: { username: { type: 'string' } } } },
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
  },
  tags: [{ name: 'auth' }],
};

const intake: OpenApiDoc = {
  openapi: '3.0.0',
  info: { title: 'OneWindow intake', version: '1' },
  servers: [{ url: 'http://127.0.0.1:3001' }],
  paths: {
    '/applications': {
      post: {
        operationId: 'ApplicationsController_submit',
        tags: ['applications'],
        requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/SubmitDto' } } } },
        responses: {
          '201': {
            description: 'ok',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ApplicationDto' } } },
          },
        },
      },
    },
    '/applications/{id}': {
      parameters: [{ $ref: '#/components/parameters/Id' }],
      get: {
        operationId: 'ApplicationsController_get',
        responses: { '200': { $ref: '#/components/responses/Application' } },
      },
    },
  },
  components: {
    schemas: {
      SubmitDto: { type: 'object', properties: { applicant: { $ref: '#/components/schemas/Applicant' } } },
      Applicant: { type: 'object' },
      ApplicationDto: {
        type: 'object',
        properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Applicant' } } },
      },
    },
    parameters: { Id: { name: 'id', in: 'path', required: true, schema: { type: 'string' } } },
    responses: {
      Application: {
        description: 'one',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ApplicationDto' } } },
      },
    },
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'intake copy' } },
  },
  tags: [{ name: 'applications', description: 'Applications' }],
};

const registration: OpenApiDoc = {
  openapi: '3.0.0',
  info: { title: 'OneWindow registration', version: '1' },
  paths: {
    '/applications': {
      get: {
        operationId: 'ApplicationsController_list',
        responses: {
          '200': {
            description: 'ok',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/ApplicationDto' } } },
          },
        },
      },
    },
  },
  components: { schemas: { ApplicationDto: { type: 'object', properties: { uscc: { type: 'string' } } } } },
};

/** Every $ref in a document, with the component it must resolve to. */
function refs(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((v) => refs(v, out));
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

function resolve(doc: OpenApiDoc, ref: string): unknown {
  const [, , section, name] = ref.split('/');
  return doc.components?.[section!]?.[name!];
}

describe('mergeOpenApi (G5)', () => {
  const merged = mergeOpenApi(gateway, [
    { name: 'intake', doc: intake },
    { name: 'registration', doc: registration },
  ]);

  it('keeps the gateway paths and puts each service under /api/<service>', () => {
    expect(Object.keys(merged.paths!).sort()).toEqual([
      '/api/intake/applications',
      '/api/intake/applications/{id}',
      '/api/registration/applications',
      '/auth/login',
    ]);
    expect(merged.info?.title).toBe('OneWindow API');
    expect(merged.servers).toBeUndefined();
  });

  it('prefixes component names per service so equal names do not collide', () => {
    const schemas = Object.keys(merged.components!.schemas!).sort();
    expect(schemas).toEqual([
      'Intake_Applicant',
      'Intake_ApplicationDto',
      'Intake_SubmitDto',
      'LoginDto',
      'Registration_ApplicationDto',
    ]);
    expect(
      (merged.components!.schemas!.Registration_ApplicationDto as { properties: object }).properties,
    ).toHaveProperty('uscc');
    expect(Object.keys(merged.components!.parameters!)).toEqual(['Intake_Id']);
    expect(Object.keys(merged.components!.responses!)).toEqual(['Intake_Application']);
  });

  it('rewrites every $ref, in paths, path-level parameters and nested components, and each resolves', () => {
    const all = refs(merged);
    expect(all).toContain('#/components/schemas/Intake_SubmitDto');
    expect(all).toContain('#/components/parameters/Intake_Id');
    expect(all).toContain('#/components/responses/Intake_Application');
    expect(all).toContain('#/components/schemas/LoginDto');
    for (const ref of all) expect(resolve(merged, ref)).toBeDefined();
    const submit = merged.components!.schemas!.Intake_SubmitDto as { properties: { applicant: { $ref: string } } };
    expect(submit.properties.applicant.$ref).toBe('#/components/schemas/Intake_Applicant');
  });

  it("keeps one bearer security scheme (the gateway's) and makes operation ids and tags unique per service", () => {
    expect(merged.components!.securitySchemes).toEqual({
      bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
    });
    const post = merged.paths!['/api/intake/applications']!.post as { operationId: string; tags: string[] };
    expect(post.operationId).toBe('intake_ApplicationsController_submit');
    expect(post.tags).toEqual(['intake/applications']);
    const untagged = merged.paths!['/api/intake/applications/{id}']!.get as { tags: string[] };
    expect(untagged.tags).toEqual(['intake']);
    expect(merged.tags!.map((t) => t.name)).toEqual(['auth', 'intake/applications']);
  });

  it('does not modify its inputs', () => {
    expect(intake.paths!['/applications']!.post).toMatchObject({ operationId: 'ApplicationsController_submit' });
    expect(Object.keys(intake.components!.schemas!)).toContain('SubmitDto');
    expect(gateway.paths).not.toHaveProperty('/api/intake/applications');
  });

  it('lists services that could not be read and leaves them out', () => {
    const partial = mergeOpenApi(
      gateway,
      [{ name: 'intake', doc: intake }],
      [{ name: 'registration', reason: 'unavailable (ECONNREFUSED)' }],
    );
    expect(Object.keys(partial.paths!).some((p) => p.startsWith('/api/registration'))).toBe(false);
    expect(partial['x-unavailable']).toEqual([{ name: 'registration', reason: 'unavailable (ECONNREFUSED)' }]);
    expect(partial.info?.description).toContain('registration');
    expect(partial['x-services']).toEqual(['intake']);
  });

  it('never lets a service path shadow a gateway path', () => {
    const sneaky: OpenApiDoc = { paths: { '/x': { get: { operationId: 'x', description: 'service' } } } };
    const gw: OpenApiDoc = { paths: { '/api/svc/x': { get: { description: 'gateway' } } } };
    const m = mergeOpenApi(gw, [{ name: 'svc', doc: sneaky }]);
    expect((m.paths!['/api/svc/x']!.get as { description: string }).description).toBe('gateway');
  });

  it('makes component-safe prefixes', () => {
    expect(componentPrefix('project-review')).toBe('ProjectReview');
    expect(componentPrefix('intake')).toBe('Intake');
  });
});
