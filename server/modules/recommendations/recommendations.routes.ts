import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorContext, errorResponses, ZPartnershipParams } from '../../platform/http.js';
import { pageOf, ZPageQuery } from '../../platform/pagination.js';
import {
  ZCloseInput,
  ZRecommendation,
  ZRecommendationCreate,
  ZRecommendationParams,
  ZRecommendationQuery,
  ZRecommendationSettings,
  ZRecommendationSettingsUpdate,
  ZRecommendationSummary,
  ZRecommendationUpdate,
  ZStatusChange,
  ZTheme,
  ZThemeCreate,
  ZThemeParams,
  ZThemeUpdate,
} from './recommendations.schemas.js';
import type { RecommendationService } from './recommendations.service.js';

/** The recommendations register, its theme taxonomy and its settings (PRODUCT.md §4.9). */
export function registerRecommendationRoutes(fastify: FastifyInstance, service: RecommendationService) {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['recommendations'];
  const themes = '/api/v1/partnerships/:partnershipId/themes';
  const settings = '/api/v1/partnerships/:partnershipId/recommendation-settings';
  const recs = '/api/v1/partnerships/:partnershipId/recommendations';

  app.get(
    themes,
    {
      schema: {
        tags,
        summary: 'The shared theme taxonomy',
        params: ZPartnershipParams,
        querystring: ZPageQuery,
        response: { 200: pageOf(ZTheme), ...errorResponses },
      },
    },
    async (req) => service.listThemes(actorContext(req), req.query),
  );
  app.post(
    themes,
    {
      schema: {
        tags,
        summary: 'Add a theme',
        params: ZPartnershipParams,
        body: ZThemeCreate,
        response: { 201: ZTheme, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await service.createTheme(actorContext(req), req.body)),
  );
  app.put(
    `${themes}/:themeId`,
    {
      schema: {
        tags,
        summary: 'Change a theme',
        params: ZThemeParams,
        body: ZThemeUpdate,
        response: { 200: ZTheme, ...errorResponses },
      },
    },
    async (req) => service.updateTheme(actorContext(req), req.params.themeId, req.body),
  );
  app.post(
    `${themes}/:themeId/deactivate`,
    {
      schema: {
        tags,
        summary: 'Retire a theme',
        params: ZThemeParams,
        response: { 200: ZTheme, ...errorResponses },
      },
    },
    async (req) => service.setThemeActive(actorContext(req), req.params.themeId, false),
  );
  app.post(
    `${themes}/:themeId/reactivate`,
    {
      schema: {
        tags,
        summary: 'Restore a theme',
        params: ZThemeParams,
        response: { 200: ZTheme, ...errorResponses },
      },
    },
    async (req) => service.setThemeActive(actorContext(req), req.params.themeId, true),
  );

  app.get(
    settings,
    {
      schema: {
        tags,
        summary: 'When impact checks fall after a recommendation is agreed',
        params: ZPartnershipParams,
        response: { 200: ZRecommendationSettings, ...errorResponses },
      },
    },
    async (req) => service.getSettings(actorContext(req)),
  );
  app.put(
    settings,
    {
      schema: {
        tags,
        summary: 'Change when impact checks fall',
        params: ZPartnershipParams,
        body: ZRecommendationSettingsUpdate,
        response: { 200: ZRecommendationSettings, ...errorResponses },
      },
    },
    async (req) => service.updateSettings(actorContext(req), req.body),
  );

  app.get(
    recs,
    {
      schema: {
        tags,
        summary: 'The register of recommendations, newest first',
        params: ZPartnershipParams,
        querystring: ZRecommendationQuery,
        response: { 200: pageOf(ZRecommendationSummary), ...errorResponses },
      },
    },
    async (req) => service.listRecommendations(actorContext(req), req.query),
  );
  app.post(
    recs,
    {
      schema: {
        tags,
        summary: 'Add a draft recommendation',
        params: ZPartnershipParams,
        body: ZRecommendationCreate,
        response: { 201: ZRecommendation, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.createRecommendation(actorContext(req), req.body)),
  );
  app.get(
    `${recs}/:recommendationId`,
    {
      schema: {
        tags,
        summary: 'One recommendation, with its agencies, impact checks and timeline',
        params: ZRecommendationParams,
        response: { 200: ZRecommendation, ...errorResponses },
      },
    },
    async (req) => service.getRecommendation(actorContext(req), req.params.recommendationId),
  );
  app.put(
    `${recs}/:recommendationId`,
    {
      schema: {
        tags,
        summary: 'Change a recommendation',
        params: ZRecommendationParams,
        body: ZRecommendationUpdate,
        response: { 200: ZRecommendation, ...errorResponses },
      },
    },
    async (req) => service.updateRecommendation(actorContext(req), req.params.recommendationId, req.body),
  );
  app.post(
    `${recs}/:recommendationId/status`,
    {
      schema: {
        tags,
        summary: 'Agree, not accept, reconsider or move a recommendation on',
        params: ZRecommendationParams,
        body: ZStatusChange,
        response: { 200: ZRecommendation, ...errorResponses },
      },
    },
    async (req) => service.changeStatus(actorContext(req), req.params.recommendationId, req.body),
  );
  app.post(
    `${recs}/:recommendationId/close`,
    {
      schema: {
        tags,
        summary: 'Close a recommendation with the evidence and the monitoring group’s approval',
        params: ZRecommendationParams,
        body: ZCloseInput,
        response: { 200: ZRecommendation, ...errorResponses },
      },
    },
    async (req) => service.closeRecommendation(actorContext(req), req.params.recommendationId, req.body),
  );
}
