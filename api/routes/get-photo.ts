import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { CondoitError } from '../../condoit/errors.js';
import type { ApiEnv } from '../api-env.js';
import { ApiError } from '../errors.js';
import { notFound as notFoundDoc, standardErrors } from '../openapi-schemas.js';

const zPhotoParam = z.object({
  // Photo ids become part of a Condoit URL: no "..", so an id can never climb out of /photos/.
  photo_id: z
    .string()
    .min(1)
    .max(160)
    .regex(/^(?!.*\.\.)[A-Za-z0-9._:-]+$/, 'photo ids are letters, digits, ".", "_", ":" and "-", without ".."')
    .openapi({ param: { name: 'photo_id', in: 'path' }, example: 'ph-fac-00001-1' }),
});

const imageResponse = {
  description:
    'The image bytes, streamed from Condoit: image/jpeg, image/png, image/webp or image/gif (anything else as an application/octet-stream attachment), never sniffed.',
  content: { 'image/*': { schema: { type: 'string' as const, format: 'binary' } } },
};

function photoRoute(variant: 'full' | 'thumbnail') {
  return createRoute({
    method: 'get',
    path: variant === 'full' ? '/v1/photos/{photo_id}' : '/v1/photos/{photo_id}/thumbnail',
    operationId: variant === 'full' ? 'getPhoto' : 'getPhotoThumbnail',
    tags: ['Photos'],
    summary: variant === 'full' ? 'An equipment photo (proxied from Condoit)' : "An equipment photo's thumbnail (proxied from Condoit)",
    security: [{ bearerAuth: [] }],
    request: { params: zPhotoParam },
    responses: {
      200: imageResponse,
      ...standardErrors,
      404: notFoundDoc('No photo of an equipment visible to the caller.'),
      502: notFoundDoc('Condoit failed to serve the photo.'),
    },
  });
}

/** The image types a photo is served as; any other upstream type is served as an opaque download. */
const PHOTO_TYPES: ReadonlySet<string> = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif']);

export function registerGetPhoto(app: OpenAPIHono<ApiEnv>): void {
  for (const variant of ['full', 'thumbnail'] as const) {
    app.openapi(photoRoute(variant), async (c) => {
      const { photo_id } = c.req.valid('param');
      const services = c.get('services');
      // A photo is served only when it belongs to assessed equipment the caller may see.
      const facilityId = await services.results.photoFacility(c.get('principal'), photo_id);
      if (!facilityId) throw new ApiError('RESOURCE_NOT_FOUND', `Photo ${photo_id} not found`);
      c.set('auditFacilityId', facilityId);
      let upstream: Response;
      try {
        upstream = await services.photos.photo(photo_id, variant, c.req.raw.signal);
      } catch (err) {
        if (err instanceof CondoitError && err.type === 'CondoitNotFound')
          throw new ApiError('RESOURCE_NOT_FOUND', `Photo ${photo_id} not found`);
        throw new ApiError('UPSTREAM_ERROR', 'Condoit could not serve the photo', err instanceof Error ? err.message : null, {
          cause: err,
        });
      }
      // Served from the API's origin: only raster image types pass through, so an upstream answer of text/html or
      // image/svg+xml can never run as a page here; anything else is a download, never sniffed.
      const upstreamType = (upstream.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      const type = PHOTO_TYPES.has(upstreamType) ? upstreamType : 'application/octet-stream';
      const headers = new Headers({
        'Content-Type': type,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'private, max-age=86400, immutable',
      });
      if (type === 'application/octet-stream') headers.set('Content-Disposition', 'attachment');
      const length = upstream.headers.get('content-length');
      if (length) headers.set('Content-Length', length);
      return new Response(upstream.body, { status: 200, headers });
    });
  }
}
