import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { repoRoot } from '@cc/contracts';
import { intakeOpenApiFile } from './cli';
import { buildIntakeOpenApi } from './intake-openapi';

describe('intake OpenAPI document', () => {
  const document = buildIntakeOpenApi('0.0.0-test');

  it('is a valid OpenAPI 3.1 document whose references all resolve', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
  });

  it('is checked in as docs/openapi/intake.yaml (npm run openapi:write)', () => {
    const root = repoRoot();
    const file = intakeOpenApiFile(root);
    expect(readFileSync(join(root, file.path), 'utf8')).toBe(file.content);
  });

  it('documents the app request from the schema that validates it', () => {
    const request = document.components.schemas.AppReportRequest as { required: string[]; additionalProperties: boolean; properties: Record<string, unknown> };
    expect(request.required).toEqual(['reporter']);
    expect(request.additionalProperties).toBe(false);
    expect(Object.keys(request.properties).sort()).toEqual(['attachments', 'complaint', 'declaredUnitCode', 'location', 'reporter', 'sentAt', 'text']);
  });

  it('gives every operation an error answer for bad input and a 503 where a report is at stake', () => {
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations as Record<string, { responses: Record<string, unknown> }>)) {
        if (path.startsWith('/health') || path === '/metrics') continue;
        expect({ route: `${method} ${path}`, has503: '503' in operation.responses }).toEqual({ route: `${method} ${path}`, has503: true });
      }
    }
  });
});
