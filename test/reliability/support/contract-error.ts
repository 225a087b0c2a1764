import { expect } from 'vitest';

/** Asserts a response is the API contract's one error shape with this status and code, and leaks no stack trace. */
export async function expectContractError(
  res: Response,
  status: number,
  code: string,
): Promise<{ code: string; message: string; request_id: string }> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/application\/json/);
  const body = JSON.parse(text) as { error: { code: string; message: string; details: unknown; request_id: string } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error).toMatchObject({ code, message: expect.any(String), request_id: expect.any(String) });
  expect(body.error.request_id).toBe(res.headers.get('x-request-id'));
  expect(text).not.toMatch(/\n\s+at |node_modules|\.ts:\d+/);
  return body.error;
}
